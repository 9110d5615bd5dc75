import { DescribeExecutionCommand, ListExecutionsCommand } from '@aws-sdk/client-sfn';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { sampleApplication, startTestSystem, type TestSystem } from '../support/local-system';

/**
 * Issue #10, acceptance 1: in REAL time (no virtual clock) a reply timeline waits past the engine's old
 * 60-second task limit and fires at its moment, and a system started (as `gongkai start` starts it) with a
 * case due for a reminder 2 minutes ahead sends it.
 *
 * A case's own moments fall at 09:00 Beijing time (the applicant's supplement reminder here), so:
 * 1. a first run under the virtual clock takes an application on Fri 2024-09-27 and the office's notice to
 *    supplement on Mon 09-30 (10 working days → the applicant's reminder on Tue 10-15 at 09:00), then stops;
 * 2. the system starts again on the same data with the REAL-TIME clock, its origin at 08:56:00 Beijing time on
 *    10-15 (`--clock-start`: the clock runs at real speed from there, timers are real, nothing is stepped).
 *    Its start-up reconcile restarts the case's timeline, which waits (in real time) until 09:00 and sends.
 */
const REMINDER_AT = Date.parse('2024-10-15T09:00:00+08:00');
const APPLICANT = 'zhangsan@example.cn';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('reply timeline in real time', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'gongkai-real-time-'));
  let caseId = '';
  let t: TestSystem | undefined;
  beforeAll(async () => {
    const first = await startTestSystem({ virtualClock: '2024-09-27T10:00:00+08:00', dataDir });
    try {
      const submitted = await first.api<{ caseId: string }>('POST', '/v1/requests', { body: sampleApplication() });
      expect(submitted.status).toBe(201);
      caseId = submitted.body.caseId;
      await first.advanceTo('2024-09-30T10:00:00+08:00');
      const supplement = await first.api('POST', `/v1/cases/${caseId}/actions`, {
        token: first.tokens['niedui-town'],
        body: { type: 'request_supplement', items: '请写明所需信息的文号', periodWorkingDays: 10, expectedVersion: 1 },
      });
      expect(supplement.status).toBe(200);
    } finally {
      await first.stop();
    }
    t = await startTestSystem({ clockStart: '2024-10-15T08:56:00+08:00', dataDir });
  }, 240_000);
  afterAll(async () => {
    await t?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('restarts the timeline at start, waits more than 90 s still RUNNING, then sends the reminder at its moment', async () => {
    // Arrange: the start-up reconcile gives the case a fresh timeline (in the background).
    const system = (t as TestSystem).system;
    const running = async () =>
      (
        await system.clients.sfn.send(
          new ListExecutionsCommand({ stateMachineArn: system.timelineArn, statusFilter: 'RUNNING' }),
        )
      ).executions?.filter((e) => e.name?.startsWith(`${caseId}-v2`)) ?? [];
    let executions = await running();
    for (let i = 0; i < 120 && executions.length === 0; i++) {
      await pause(1_000);
      executions = await running();
    }
    expect(executions).toHaveLength(1);
    const executionArn = executions[0]?.executionArn ?? '';
    const describe = () => system.clients.sfn.send(new DescribeExecutionCommand({ executionArn }));
    const startedAt = (await describe()).startDate?.getTime() ?? Number.NaN;
    const reminders = async () =>
      (await (t as TestSystem).emails()).filter(
        (e) => e.caseId === caseId && e.kind === 'supplement_reminder' && e.to[0] === APPLICANT,
      );

    // Act: leave it waiting for 90 s of real time (and of the system clock), then let it reach its moment.
    while (system.clock.now().getTime() < startedAt + 90_000) await pause(1_000);
    const waiting = await describe();
    const sentWhileWaiting = await reminders();
    let sent = sentWhileWaiting;
    for (let i = 0; i < 300 && sent.length === 0; i++) {
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
    // The timeline goes on to wait for the lapse of the supplement period (10-21 09:00).
    expect((await describe()).status).toBe('RUNNING');
  }, 600_000);
});
