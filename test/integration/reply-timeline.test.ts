import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { LocalEmail } from '../../local/runtime';
import { sampleApplication, startTestSystem, type TestSystem } from '../support/local-system';

/**
 * The reply timeline (design.md §2) executed by the local Step Functions from the synthesised template,
 * under a virtual clock: every assertion reads the emails from the local SES store and the case state from
 * the API.
 */

const OFFICE = 'gongkai@niedui.example.gov.cn';
const HEAD = 'zhenzhang@niedui.example.gov.cn';
const APPLICANT = 'zhangsan@example.cn';

/** Beijing date and time of an email, e.g. `2024-10-23 09:00`. */
const beijing = (email: LocalEmail) =>
  new Date(Date.parse(email.time) + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
const timelineOf = (emails: LocalEmail[], caseId: string, recipients: string[]) =>
  emails
    .filter((e) => e.caseId === caseId && recipients.includes(e.to[0] ?? ''))
    .map((e) => `${beijing(e)} ${e.kind}`)
    .sort();

/**
 * The digests sent to `recipient` that link to the case, as `YYYY-MM-DD HH:MM kind` (by case id: test systems in
 * one process share the local SES store, and each numbers its receipts from 1).
 */
const digestsOf = (emails: LocalEmail[], recipient: string, caseId: string) =>
  emails
    .filter((e) => e.to[0] === recipient && e.kind?.endsWith('_digest') && e.text.includes(`/cases/${caseId}`))
    .map((e) => `${beijing(e)} ${e.kind}`)
    .sort();

async function submit(t: TestSystem, overrides: Record<string, unknown> = {}) {
  const { status, body } = await t.api<{
    caseId: string;
    receiptNumber: string;
    trackingCode: string;
    replyDue: string;
  }>('POST', '/v1/requests', { body: sampleApplication(overrides) });
  expect(status).toBe(201);
  return body;
}

async function act(t: TestSystem, caseId: string, action: Record<string, unknown>) {
  const token = t.tokens['niedui-town'];
  const current = await t.api<{ case: { version: number } }>('GET', `/v1/cases/${caseId}`, { token });
  const { status, body } = await t.api<{ case: { version: number; status: string } }>(
    'POST',
    `/v1/cases/${caseId}/actions`,
    {
      token,
      body: { ...action, expectedVersion: current.body.case.version },
    },
  );
  expect({ status, body }).toMatchObject({ status: 200 });
  return body;
}

const caseState = async (t: TestSystem, caseId: string) =>
  (
    await t.api<{ case: { status: string }; events: { event: { type: string; outcome?: string; on: string } }[] }>(
      'GET',
      `/v1/cases/${caseId}`,
      { token: t.tokens['niedui-town'] },
    )
  ).body;

describe('reply timeline: daily digests instead of one email per case per day (design.md §9)', () => {
  let t: TestSystem;
  beforeAll(async () => {
    t = await startTestSystem({ virtualClock: '2024-09-27T10:00:00+08:00' });
  }, 60_000);
  afterAll(() => t?.stop());

  it('sends 30 overdue cases over 10 working days as 10 head digests and the 3 office digests before, one email per recipient per working day', async () => {
    // Arrange: 30 applications received on Fri 2024-09-27, all due 2024-10-30 (across 国庆), none replied.
    const receipts: string[] = [];
    const caseIds: string[] = [];
    for (let i = 0; i < 30; i += 1) {
      const submitted = await submit(t, { clientToken: `digest-case-${String(i).padStart(4, '0')}` });
      expect(submitted.replyDue).toBe('2024-10-30');
      receipts.push(submitted.receiptNumber);
      caseIds.push(submitted.caseId);
    }

    // Act: run to the 10th working day after the deadline.
    await t.advanceTo('2024-11-13T12:00:00+08:00');

    // Assert
    const emails = (await t.emails()).filter(
      (e) => Date.parse(e.time) > Date.parse('2024-09-28T00:00:00+08:00') && e.text.includes(`/cases/${caseIds[0]}`),
    );
    const office = emails.filter((e) => e.to[0] === OFFICE);
    const head = emails.filter((e) => e.to[0] === HEAD);
    expect(office.map((e) => `${beijing(e)} ${e.kind}`)).toEqual([
      '2024-10-23 09:00 office_digest',
      '2024-10-29 09:00 office_digest',
      '2024-10-30 09:00 office_digest',
    ]);
    expect(head.map((e) => `${beijing(e)} ${e.kind}`)).toEqual(
      [
        '2024-10-31',
        '2024-11-01',
        '2024-11-04',
        '2024-11-05',
        '2024-11-06',
        '2024-11-07',
        '2024-11-08',
        '2024-11-11',
        '2024-11-12',
        '2024-11-13',
      ].map((d) => `${d} 09:00 head_digest`),
    );
    for (const email of [...office, ...head]) {
      for (const r of receipts) expect(email.text).toContain(r);
      for (const id of caseIds) expect(email.text).toContain(`/cases/${id}`);
    }
    expect(office[0]?.text).toContain('还有5个工作日到期');
    expect(office[2]?.text).toContain('今日到期');
    expect(head[0]?.text).toContain('已逾期1个工作日');
    expect(head[9]?.text).toContain('已逾期10个工作日');
    expect(head[9]?.text).toContain('/console.html#/cases/');
    expect(emails.some((e) => e.kind === 'overdue_escalation' || e.kind?.startsWith('reply_reminder'))).toBe(false);
  }, 300_000);
});

describe('reply timeline: a supplement that never comes', () => {
  let t: TestSystem;
  beforeAll(async () => {
    t = await startTestSystem({ virtualClock: '2024-09-27T10:00:00+08:00' });
  }, 60_000);
  afterAll(() => t?.stop());

  it('closes a case whose supplement never comes as other.supplement_overdue the working day after the period, and tells the applicant', async () => {
    // Arrange: notice to supplement on Mon 2024-09-30 with 10 working days → period ends 2024-10-18 (国庆 skipped, Sat 10-12 worked).
    const { caseId } = await submit(t, { clientToken: 'supplement-lapse-01' });
    await t.advanceTo('2024-09-30T10:00:00+08:00');
    await act(t, caseId, { type: 'request_supplement', items: '请写明所需信息的文号或名称', periodWorkingDays: 10 });

    // Act
    await t.advanceTo('2024-10-25T12:00:00+08:00');

    // Assert
    const state = await caseState(t, caseId);
    expect(state.case.status).toBe('closed');
    expect(state.events.at(-1)?.event).toMatchObject({
      type: 'closed_automatically',
      outcome: 'other.supplement_overdue',
      on: '2024-10-21',
    });
    expect(timelineOf(await t.emails(), caseId, [APPLICANT])).toEqual([
      '2024-09-27 10:00 acknowledgement',
      '2024-09-30 10:00 supplement_requested',
      '2024-10-15 09:00 supplement_reminder',
      '2024-10-21 09:00 auto_closed',
    ]);
  }, 120_000);
});

describe('reply timeline: a supplement restarts the clock; extension and consultation move it', () => {
  let t: TestSystem;
  beforeAll(async () => {
    t = await startTestSystem({ virtualClock: '2024-10-08T09:30:00+08:00' });
  }, 60_000);
  afterAll(() => t?.stop());

  it('restarts the 20 working days when the supplement arrives, tells the office of the supplement and the opinion, and an extension and a consultation move every later digest', async () => {
    // Arrange: received 2024-10-08; supplement requested 10-09 and received 10-10 → reply due 20 working days after 10-10: 2024-11-06.
    await t.advanceTo('2024-10-08T10:00:00+08:00');
    const { caseId, receiptNumber, trackingCode } = await submit(t, { clientToken: 'supplement-then-extend' });
    await t.advanceTo('2024-10-09T10:00:00+08:00');
    await act(t, caseId, { type: 'request_supplement', items: '请补充文号', periodWorkingDays: 15 });
    await t.advanceTo('2024-10-10T10:00:00+08:00');
    const supplemented = await t.api('POST', `/v1/requests/${receiptNumber}/supplement?code=${trackingCode}`, {
      body: { text: '所需信息为聂政〔2024〕1号文件', documentNumber: '聂政〔2024〕1号' },
    });
    expect(supplemented.status).toBe(200);

    // Act: a consultation with a third party from 10-14 to 10-18 (10-15..10-18 not counted → due 2024-11-12),
    // then an extension of 5 working days decided on 10-21 (→ due 2024-11-19).
    await t.advanceTo('2024-10-14T10:00:00+08:00');
    const consulted = await act(t, caseId, { type: 'start_consultation', party: 'third_party', name: '某建设公司' });
    const consultationId = (consulted as unknown as { events: { event: { consultationId?: string } }[] }).events.at(-1)
      ?.event.consultationId;
    await t.advanceTo('2024-10-18T10:00:00+08:00');
    await act(t, caseId, { type: 'end_consultation', consultationId });
    await t.advanceTo('2024-10-21T10:00:00+08:00');
    const extended = await act(t, caseId, { type: 'extend', workingDays: 5, approver: '王主任' });
    await t.advanceTo('2024-11-21T12:00:00+08:00');

    // Assert
    expect((extended as unknown as { clock: { replyDue: { due: string } } }).clock.replyDue.due).toBe('2024-11-19');
    const emails = await t.emails();
    // The online supplement (10-10) is told in the next morning's digest; the opinion recorded 10-18 in Monday's.
    expect(digestsOf(emails, OFFICE, caseId)).toEqual([
      '2024-10-11 09:00 office_digest',
      '2024-10-21 09:00 office_digest',
      '2024-11-12 09:00 office_digest',
      '2024-11-18 09:00 office_digest',
      '2024-11-19 09:00 office_digest',
    ]);
    expect(digestsOf(emails, HEAD, caseId)).toEqual(['2024-11-20 09:00 head_digest', '2024-11-21 09:00 head_digest']);
    const [arrived, opinion] = emails.filter((e) => e.kind === 'office_digest' && e.text.includes(`/cases/${caseId}`));
    expect(arrived?.text).toContain('收到补正');
    expect(arrived?.text).toContain('申请人在线补正');
    expect(opinion?.text).toContain('收到征求意见的答复（某建设公司）');
  }, 180_000);
});

describe('reply timeline: stopping and restarting the local system', () => {
  it('loses no digest and duplicates none', async () => {
    // Arrange: a case received 2024-09-27 and a first run up to 2024-10-24 (the 5-day digest sent).
    const dataDir = mkdtempSync(path.join(tmpdir(), 'gongkai-restart-'));
    const first = await startTestSystem({ virtualClock: '2024-09-27T10:00:00+08:00', dataDir });
    const { caseId } = await submit(first);
    await first.advanceTo('2024-10-24T12:00:00+08:00');
    const beforeStop = await first.emails();
    await first.stop();

    // Act: restart on the same data, the clock where it stopped, and run past the deadline.
    const second = await startTestSystem({ virtualClock: '2024-10-24T12:00:00+08:00', dataDir });
    try {
      await second.advanceTo('2024-11-01T12:00:00+08:00');
      const afterRestart = await second.emails();

      // Assert
      // (In one test process both runs share aws-ses-v2-local's in-memory store: count each message once.)
      const allEmails = [...new Map([...beforeStop, ...afterRestart].map((e) => [e.messageId, e])).values()];
      expect(timelineOf(allEmails, caseId, [OFFICE, HEAD])).toEqual(['2024-09-27 10:00 new_application']);
      expect([...digestsOf(allEmails, OFFICE, caseId), ...digestsOf(allEmails, HEAD, caseId)]).toEqual([
        '2024-10-23 09:00 office_digest',
        '2024-10-29 09:00 office_digest',
        '2024-10-30 09:00 office_digest',
        '2024-10-31 09:00 head_digest',
        '2024-11-01 09:00 head_digest',
      ]);
    } finally {
      await second.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 180_000);
});

describe('reply timeline: cost of a typical case', () => {
  it('takes at most 20 state transitions for a case replied after 15 working days', async () => {
    // Arrange: received 2024-09-27; the 15th working day after it is 2024-10-23 (the 5-day reminder's day).
    const t = await startTestSystem({ virtualClock: '2024-09-27T10:00:00+08:00' });
    try {
      const { caseId } = await submit(t);
      // Act
      await t.advanceTo('2024-10-23T15:00:00+08:00');
      await act(t, caseId, { type: 'reply', outcome: 'partially_disclosed', summary: '部分公开' });
      await t.advanceTo('2024-12-31T12:00:00+08:00');
      // Assert
      const stats = t.system.stepFunctions.stats();
      // v1 runs until the reply; the reply closes the case, so v1 is stopped and no v2 is needed.
      expect(stats.executions).toBe(1);
      expect(stats.stateTransitions).toBeLessThanOrEqual(20);
      expect(stats.stateTransitions).toBeGreaterThan(0);
    } finally {
      await t.stop();
    }
  }, 120_000);
});
