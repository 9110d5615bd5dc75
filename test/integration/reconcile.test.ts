import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ListExecutionsCommand } from '@aws-sdk/client-sfn';
import { loadHandler } from '../../local/template';
import { sampleApplication, startTestSystem, type TestSystem } from '../support/local-system';

/**
 * The reconcile job (daily in AWS, at every local start): when the deadlines the domain derives differ from
 * those stored for the indexes — as when the holiday calendar gains a year (design.md §6) — it rewrites them
 * and gives the case a fresh timeline; it also restarts missing timelines.
 */
describe('reconcile', () => {
  let t: TestSystem;
  let tracker: (event: unknown, context: unknown) => Promise<unknown>;
  beforeAll(async () => {
    t = await startTestSystem({ virtualClock: '2024-09-27T10:00:00+08:00' });
    // Loaded after the system has set the handlers' environment, as the local Step Functions loads it.
    tracker = await loadHandler('functions/deadline-tracker/handler.ts#handler');
  }, 60_000);
  afterAll(() => t?.stop());

  const running = async () =>
    (
      await t.system.clients.sfn.send(
        new ListExecutionsCommand({ stateMachineArn: t.system.timelineArn, statusFilter: 'RUNNING' }),
      )
    ).executions?.map((e) => e.name ?? '') ?? [];

  it('rewrites stale stored deadlines of an open case and replaces its timeline', async () => {
    // Arrange: a case waiting for a supplement (its timeline runs: reminder, lapse), then its stored work-list
    // deadline made stale (as a calendar change would leave it).
    const { body } = await t.api<{ caseId: string }>('POST', '/v1/requests', { body: sampleApplication() });
    const caseId = body.caseId;
    const requested = await t.api('POST', `/v1/cases/${caseId}/actions`, {
      token: t.tokens['niedui-town'],
      body: { type: 'request_supplement', expectedVersion: 1, items: '请补充文号', periodWorkingDays: 10 },
    });
    expect(requested.status).toBe(200);
    await t.system.clients.document.send(
      new UpdateCommand({
        TableName: t.system.tableName,
        Key: { pk: `CASE#${caseId}`, sk: 'CASE' },
        UpdateExpression: 'SET openDueKey = :k, listView.sortDue = :d',
        ExpressionAttributeValues: { ':k': `2024-11-11#${caseId}`, ':d': '2024-11-11' },
      }),
    );
    expect(await running()).toEqual([`${caseId}-v2`]);

    // Act
    const result = (await tracker({ task: 'reconcile' }, {} as never)) as { recomputed: number; started: number };

    // Assert: the work list shows the derived date again, and one fresh timeline serves the case.
    expect(result).toMatchObject({ recomputed: 1, started: 0 });
    const list = await t.api<{ cases: { caseId: string; sortDue: string }[] }>(
      'GET',
      '/v1/cases?agencyId=niedui-town',
      {
        token: t.tokens['niedui-town'],
      },
    );
    expect(list.body.cases.find((c) => c.caseId === caseId)?.sortDue).toBe('2024-10-16');
    const names = await running();
    expect(names).toHaveLength(1);
    expect(names[0]).toMatch(new RegExp(`^${caseId}-v2-r[0-9a-z]+$`));
  }, 60_000);

  it('leaves a case alone when its timeline runs and its deadlines are current, and starts none for a case that only waits for its reply', async () => {
    await t.api('POST', '/v1/requests', { body: sampleApplication({ clientToken: 'waits-for-reply-01' }) });
    const result = (await tracker({ task: 'reconcile' }, {} as never)) as { recomputed: number; started: number };
    expect(result).toMatchObject({ recomputed: 0, started: 0 });
  }, 60_000);
});
