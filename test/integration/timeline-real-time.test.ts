import { DescribeExecutionCommand } from '@aws-sdk/client-sfn';
import { sampleApplication, startTestSystem, type TestSystem } from '../support/local-system';

/**
 * Issue #10, acceptance 1: in REAL time (no virtual clock) a reply timeline waits past the engine's old
 * 60-second task limit and fires at its moment. The system is started as `gongkai start` starts it
 * (startLocalSystem with its HTTP front, background jobs and the real-time clock), with the real-time
 * clock's origin set to 08:58:00 Beijing time on Wed 2024-10-23 (`--clock-start`): the clock then runs at
 * real speed, timers are real, nothing is stepped. Reminders fall at 09:00 Beijing time, so a case
 * received 2024-09-27 (reply due 2024-10-30), registered at 08:58, has its 5-working-day reminder 2 minutes
 * ahead. (The clock starts at 08:57 so that the start-up, however slow, is over before 08:58.)
 */
const CLOCK_START = '2024-10-23T08:57:00+08:00';
const REGISTER_AT = Date.parse('2024-10-23T08:58:00+08:00');
const REMINDER_AT = Date.parse('2024-10-23T09:00:00+08:00');
const OFFICE = 'gongkai@niedui.example.gov.cn';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('reply timeline in real time', () => {
  let t: TestSystem;
  beforeAll(async () => {
    t = await startTestSystem({ clockStart: CLOCK_START });
  }, 120_000);
  afterAll(() => t?.stop());

  it('waits more than 90 s still RUNNING, then sends the reminder at its moment', async () => {
    // Arrange: at 08:58, staff register a paper application received on 2024-09-27.
    while (t.system.clock.now().getTime() < REGISTER_AT) await pause(500);
    const { agencyId, applicant, information, delivery } = sampleApplication();
    const registered = await t.api<{ case: { caseId: string } }>('POST', '/v1/cases', {
      token: t.tokens['niedui-town'],
      body: { agencyId, channel: 'in_person', receivedOn: '2024-09-27', applicant, information, delivery },
    });
    expect(registered.status).toBe(201);
    const caseId = registered.body.case.caseId;
    const executionArn = `${t.system.timelineArn.replace(':stateMachine:', ':execution:')}:${caseId}-v1`;
    const describe = () => t.system.clients.sfn.send(new DescribeExecutionCommand({ executionArn }));
    const startedAt = (await describe()).startDate?.getTime() ?? Number.NaN;
    const reminders = async () =>
      (await t.emails()).filter((e) => e.caseId === caseId && e.kind === 'reply_reminder_5' && e.to[0] === OFFICE);

    // Act: leave it waiting for 90 s of real time (and 90 s of the system clock).
    while (t.system.clock.now().getTime() < startedAt + 90_000) await pause(1_000);
    const waiting = await describe();
    const sentWhileWaiting = await reminders();
    // Then let it reach its moment (polling; generous bound for a loaded machine).
    let sent = await reminders();
    for (let i = 0; i < 240 && sent.length === 0; i++) {
      await pause(1_000);
      sent = await reminders();
    }

    // Assert
    expect(startedAt).toBeLessThan(REMINDER_AT - 90_000);
    expect(waiting.status).toBe('RUNNING');
    expect(sentWhileWaiting).toEqual([]);
    expect(sent).toHaveLength(1);
    const sentAt = Date.parse(sent[0]?.time ?? '');
    expect(sentAt).toBeGreaterThanOrEqual(REMINDER_AT);
    expect(sentAt).toBeLessThan(REMINDER_AT + 60_000);
    // The timeline goes on to wait for the next moment (the 1-day reminder on 2024-10-29).
    expect((await describe()).status).toBe('RUNNING');
  }, 420_000);
});
