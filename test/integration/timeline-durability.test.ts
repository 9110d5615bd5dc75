import { DescribeExecutionCommand, ListExecutionsCommand, StopExecutionCommand } from '@aws-sdk/client-sfn';
import { GetCommand, PutCommand, DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { sampleApplication, startTestSystem, type TestSystem } from '../support/local-system';

/**
 * Issue #10, acceptance 2 and the reconcile: under the virtual clock a step taken minutes (of real time)
 * after the previous one still fires, a step after an aborted execution answers, and a FAILED timeline of
 * an open case is restarted by the reconcile job and sends what it missed, once.
 */
const APPLICANT = 'zhangsan@example.cn';
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

/** The office's notice to supplement (version 2): the case's own timeline then waits for the applicant's reminder. */
async function requestSupplement(t: TestSystem, caseId: string): Promise<void> {
  const { status } = await t.api('POST', `/v1/cases/${caseId}/actions`, {
    token: t.tokens['niedui-town'],
    body: { type: 'request_supplement', items: '请写明所需信息的文号', periodWorkingDays: 10, expectedVersion: 1 },
  });
  expect(status).toBe(200);
}

const applicantReminders = async (t: TestSystem, caseId: string) =>
  (await t.emails())
    .filter((e) => e.caseId === caseId && e.to[0] === APPLICANT && e.kind === 'supplement_reminder')
    .map((e) => `${e.time} ${e.kind}`)
    .sort();

describe('virtual clock steps minutes apart in real time', () => {
  let t: TestSystem;
  beforeAll(async () => {
    t = await startTestSystem({ virtualClock: '2024-09-27T10:00:00+08:00' });
  }, 120_000);
  afterAll(() => t?.stop());

  it('fires the moments of a step taken more than 2 minutes of real time after the previous one', async () => {
    // Arrange: received Fri 2024-09-27; notice to supplement on Mon 09-30 with 10 working days → reminder 10-15 09:00.
    const caseId = await submit(t, 'two-minutes-apart-01');
    await t.advanceTo('2024-09-30T10:00:00+08:00');
    await requestSupplement(t, caseId);
    await t.advanceTo('2024-10-08T12:00:00+08:00');
    const stepped = Date.now();
    while (Date.now() - stepped < 125_000) await pause(1_000);

    // Act
    await t.advanceTo('2024-10-16T12:00:00+08:00');

    // Assert
    expect(await applicantReminders(t, caseId)).toEqual(['2024-10-15T01:00:00.000Z supplement_reminder']);
    const execution = await t.system.clients.sfn.send(
      new DescribeExecutionCommand({ executionArn: executionArnOf(t, `${caseId}-v2`) }),
    );
    expect(execution.status).toBe('RUNNING'); // waiting for the lapse on 10-21
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
    await t.advanceTo('2024-09-30T10:00:00+08:00');
    await requestSupplement(t, aborted);
    await requestSupplement(t, failing);
  }, 120_000);
  afterAll(() => t?.stop());

  it('answers a step after an execution was aborted while it waited', async () => {
    // Arrange
    await t.system.clients.sfn.send(
      new StopExecutionCommand({ executionArn: executionArnOf(t, `${aborted}-v2`), cause: 'test' }),
    );

    // Act
    await t.advanceTo('2024-10-08T12:00:00+08:00');
    await t.advanceTo('2024-10-09T12:00:00+08:00');

    // Assert
    const execution = await t.system.clients.sfn.send(
      new DescribeExecutionCommand({ executionArn: executionArnOf(t, `${aborted}-v2`) }),
    );
    expect(execution.status).toBe('ABORTED');
    expect((await t.api<{ now: string }>('GET', '/_local/clock', { token: t.adminToken })).body.now).toBe(
      '2024-10-09T04:00:00.000Z',
    );
  }, 120_000);

  it('restarts a FAILED timeline with the reconcile job, which sends the missed reminder once', async () => {
    // Arrange: the agency record is missing when the reminder falls due (10-15 09:00), so the tracker fails
    // every retry and the execution ends FAILED.
    const caseId = failing;
    const agencyKey = { pk: 'AGENCIES', sk: 'AGENCY#niedui-town' };
    const agency = await t.system.clients.document.send(
      new GetCommand({ TableName: t.system.tableName, Key: agencyKey }),
    );
    expect(agency.Item).toBeDefined();
    await t.system.clients.document.send(new DeleteCommand({ TableName: t.system.tableName, Key: agencyKey }));
    await t.advanceTo('2024-10-16T12:00:00+08:00');
    const failed = await t.system.clients.sfn.send(
      new DescribeExecutionCommand({ executionArn: executionArnOf(t, `${caseId}-v2`) }),
    );
    expect(failed.status).toBe('FAILED');
    await t.system.clients.document.send(new PutCommand({ TableName: t.system.tableName, Item: agency.Item }));

    // Act: the next daily reconcile (06:30 Beijing on 10-17) runs within this step.
    await t.advanceTo('2024-10-18T12:00:00+08:00');

    // Assert: a fresh execution serves the case; the missed reminder went late (at the reconcile), once.
    const running = await t.system.clients.sfn.send(
      new ListExecutionsCommand({ stateMachineArn: t.system.timelineArn, statusFilter: 'RUNNING' }),
    );
    expect(running.executions?.map((e) => e.name).filter((name) => name?.startsWith(caseId))).toEqual([
      expect.stringMatching(new RegExp(`^${caseId}-v2-r`)),
    ]);
    expect(await applicantReminders(t, caseId)).toEqual(['2024-10-16T22:30:00.000Z supplement_reminder']);
  }, 180_000);
});
