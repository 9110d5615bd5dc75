import { GetObjectCommand } from '@aws-sdk/client-s3';
import { DescribeExecutionCommand, StartExecutionCommand, type DescribeExecutionOutput } from '@aws-sdk/client-sfn';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { sampleApplication, startTestSystem, type TestSystem } from '../support/local-system';

/**
 * The per-agency jobs (issue 15) run as they do in AWS: the synthesised state machines — plan, a Map state over the
 * agencies, finish — executed by the local Step Functions with the handlers behind their Task states. The daily
 * reconcile repairs a stale case through its agency's step; the January drafts are made one agency per step, and
 * when the agencies' steps fail every retry (SES down) the others are still tried and the execution FAILS naming
 * them (what the alarm watches); run again, it succeeds and emails each office once.
 */
describe('per-agency jobs on the local Step Functions', () => {
  let t: TestSystem;
  beforeAll(async () => {
    t = await startTestSystem({ virtualClock: '2025-01-02T10:00:00+08:00' });
  }, 60_000);
  afterAll(() => t?.stop());

  const machine = (part: string): string => {
    const found = t.system.stateMachines.find((m) => m.path.includes(part));
    if (!found) throw new Error(`no state machine ${part}`);
    return found.arn;
  };

  /** Starts a job and follows it until it ends (the engine runs it in this process; no waits inside). */
  async function run(part: string, name: string, input: object): Promise<DescribeExecutionOutput> {
    const { executionArn } = await t.system.clients.sfn.send(
      new StartExecutionCommand({ stateMachineArn: machine(part), name, input: JSON.stringify(input) }),
    );
    let described = await t.system.clients.sfn.send(new DescribeExecutionCommand({ executionArn }));
    for (let tries = 0; tries < 600 && described.status === 'RUNNING'; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      described = await t.system.clients.sfn.send(new DescribeExecutionCommand({ executionArn }));
    }
    return described;
  }

  it('reconciles each agency in its own step: a stale stored deadline is rewritten', async () => {
    // Arrange: a case whose stored work-list deadline was made stale (as a calendar change would leave it).
    const { body } = await t.api<{ caseId: string }>('POST', '/v1/requests', { body: sampleApplication() });
    await t.system.clients.document.send(
      new UpdateCommand({
        TableName: t.system.tableName,
        Key: { pk: `CASE#${body.caseId}`, sk: 'CASE' },
        UpdateExpression: 'SET openDueKey = :k, listView.sortDue = :d',
        ExpressionAttributeValues: { ':k': `2025-12-31#${body.caseId}`, ':d': '2025-12-31' },
      }),
    );

    // Act
    const execution = await run('/ReplyTimeline/AgencyJobs/', 'reconcile-test-1', { task: 'reconcile_agencies' });

    // Assert
    expect(execution.status).toBe('SUCCEEDED');
    expect(JSON.parse(execution.output ?? '{}')).toMatchObject({ recomputed: 1 });
    const list = await t.api<{ cases: { caseId: string; sortDue: string }[] }>(
      'GET',
      '/v1/cases?agencyId=niedui-town',
      { token: t.tokens['niedui-town'] },
    );
    expect(list.body.cases.find((c) => c.caseId === body.caseId)?.sortDue).not.toBe('2025-12-31');
  }, 60_000);

  it('makes the January drafts one agency per step; agencies that fail every retry fail the execution, naming them', async () => {
    // Arrange: SES is down, so no office can be told its draft is ready.
    await t.system.faults.sesDown();
    const input = { task: 'annual_report_agencies', source: 'aws.scheduler', time: '2025-01-01T18:00:00Z' };

    // Act
    const failed = await run('/AnnualReport/AgencyJobs/', 'drafts-2024-1', input);
    await t.system.faults.sesUp();
    const retried = await run('/AnnualReport/AgencyJobs/', 'drafts-2024-2', input);

    // Assert: the first run tried both agencies and failed naming them; the second made and announced both drafts.
    expect(failed.status).toBe('FAILED');
    expect(failed.cause).toContain('niedui-town');
    expect(failed.cause).toContain('xihua-county');
    expect(retried.status).toBe('SUCCEEDED');
    expect(JSON.parse(retried.output ?? '{}')).toMatchObject({ year: 2024 });
    expect((JSON.parse(retried.output ?? '{}') as { generated: string[] }).generated.sort()).toEqual([
      'niedui-town',
      'xihua-county',
    ]);
    const object = await t.system.clients.s3.send(
      new GetObjectCommand({ Bucket: t.system.bucketName, Key: 'reports/xihua-county/2024/report.json' }),
    );
    expect(JSON.parse((await object.Body?.transformToString()) ?? '{}')).toMatchObject({ year: 2024, status: 'draft' });
    const ready = (await t.emails()).filter((e) => e.kind === 'report_ready').flatMap((e) => e.to);
    expect(ready.sort()).toEqual(['gongkai@niedui.example.gov.cn', 'gongkai@xihua.example.gov.cn']);
  }, 120_000);
});
