import { DescribeExecutionCommand, ListExecutionsCommand, StopExecutionCommand } from '@aws-sdk/client-sfn';
import { GetCommand, PutCommand, DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { sampleApplication, startTestSystem, type TestSystem } from '../support/local-system';

/**
 * Issue #10, acceptance 2 and the reconcile: under the virtual clock a step taken minutes (of real time)
 * after the previous one still fires, a step after an aborted execution answers, and a FAILED timeline of
 * an open case is restarted by the reconcile job and sends what it missed, once.
 */
const OFFICE = 'gongkai@niedui.example.gov.cn';
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const executionArnOf = (t: TestSystem, name: string) =>
  `${t.system.timelineArn.replace(':stateMachine:', ':execution:')}:${name}`;

async function submit(t: TestSystem, clientToken: string): Promise<string> {
  const { status, body } = await t.api<{ caseId: string }>('POST', '/v1/requests', {
    body: sampleApplication({ clientToken }),
  });
  expect(status).toBe(201);
  return body.caseId;
}

const officeNotices = async (t: TestSystem, caseId: string) =>
  (await t.emails())
    .filter((e) => e.caseId === caseId && e.to[0] === OFFICE && e.kind !== 'new_application')
    .map((e) => `${e.time} ${e.kind}`)
    .sort();

describe('virtual clock steps minutes apart in real time', () => {
  let t: TestSystem;
  beforeAll(async () => {
    t = await startTestSystem({ virtualClock: '2024-09-27T10:00:00+08:00' });
  }, 120_000);
  afterAll(() => t?.stop());

  it('fires the moments of a step taken more than 2 minutes of real time after the previous one', async () => {
    // Arrange: a case received Fri 2024-09-27, a first step, then more than 2 minutes of real time.
    const caseId = await submit(t, 'two-minutes-apart-01');
    await t.advanceTo('2024-10-01T12:00:00+08:00');
    const stepped = Date.now();
    while (Date.now() - stepped < 125_000) await pause(1_000);

    // Act
    await t.advanceTo('2024-10-23T12:00:00+08:00');

    // Assert
    expect(await officeNotices(t, caseId)).toEqual(['2024-10-23T01:00:00.000Z reply_reminder_5']);
    const execution = await t.system.clients.sfn.send(
      new DescribeExecutionCommand({ executionArn: executionArnOf(t, `${caseId}-v1`) }),
    );
    expect(execution.status).toBe('RUNNING');
  }, 300_000);
});

describe('virtual clock after aborted and failed executions', () => {
  let t: TestSystem;
  let aborted: string;
  let failing: string;
  beforeAll(async () => {
    t = await startTestSystem({ virtualClock: '2024-09-27T10:00:00+08:00' });
    aborted = await submit(t, 'aborted-timeline-01');
    failing = await submit(t, 'failed-timeline-01');
  }, 120_000);
  afterAll(() => t?.stop());

  it('answers a step after an execution was aborted while it waited', async () => {
    // Arrange
    const caseId = aborted;
    await t.system.clients.sfn.send(
      new StopExecutionCommand({ executionArn: executionArnOf(t, `${caseId}-v1`), cause: 'test' }),
    );

    // Act
    await t.advanceTo('2024-10-08T12:00:00+08:00');
    await t.advanceTo('2024-10-09T12:00:00+08:00');

    // Assert
    const execution = await t.system.clients.sfn.send(
      new DescribeExecutionCommand({ executionArn: executionArnOf(t, `${caseId}-v1`) }),
    );
    expect(execution.status).toBe('ABORTED');
    expect((await t.api<{ now: string }>('GET', '/_local/clock', { token: t.adminToken })).body.now).toBe(
      '2024-10-09T04:00:00.000Z',
    );
  }, 120_000);

  it('restarts a FAILED timeline with the reconcile job, which sends the missed reminder once', async () => {
    // Arrange: a case whose agency record is missing when its reminder falls due, so the tracker fails
    // every retry and the execution ends FAILED.
    const caseId = failing;
    const agencyKey = { pk: 'AGENCIES', sk: 'AGENCY#niedui-town' };
    const agency = await t.system.clients.document.send(
      new GetCommand({ TableName: t.system.tableName, Key: agencyKey }),
    );
    expect(agency.Item).toBeDefined();
    await t.system.clients.document.send(new DeleteCommand({ TableName: t.system.tableName, Key: agencyKey }));
    await t.advanceTo('2024-10-25T12:00:00+08:00');
    const failed = await t.system.clients.sfn.send(
      new DescribeExecutionCommand({ executionArn: executionArnOf(t, `${caseId}-v1`) }),
    );
    expect(failed.status).toBe('FAILED');
    await t.system.clients.document.send(new PutCommand({ TableName: t.system.tableName, Item: agency.Item }));

    // Act: the next daily reconcile (06:30 Beijing) runs within this step.
    await t.advanceTo('2024-10-29T12:00:00+08:00');

    // Assert: a fresh execution serves the case; the missed 5-day reminder went late (at the reconcile), once.
    const running = await t.system.clients.sfn.send(
      new ListExecutionsCommand({ stateMachineArn: t.system.timelineArn, statusFilter: 'RUNNING' }),
    );
    expect(running.executions?.map((e) => e.name).filter((name) => name?.startsWith(caseId))).toEqual([
      expect.stringMatching(new RegExp(`^${caseId}-v1-r`)),
    ]);
    expect(await officeNotices(t, caseId)).toEqual([
      '2024-10-25T22:30:00.000Z reply_reminder_5',
      '2024-10-29T01:00:00.000Z reply_reminder_1',
    ]);
  }, 180_000);
});
