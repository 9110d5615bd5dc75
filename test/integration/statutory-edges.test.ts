import type { LocalEmail } from '../../local/runtime';
import { sampleApplication, startTestSystem, type TestSystem } from '../support/local-system';

/**
 * Issue 11's statutory edge paths through the HTTP API of the local system under the virtual clock: each fault's
 * case with its exact dates (the day counts are checked against a second count in test/unit/statutory-edges.test.ts).
 */

const HEAD = 'zhenzhang@niedui.example.gov.cn';
const OFFICE = 'gongkai@niedui.example.gov.cn';

interface CaseView {
  case: { caseId: string; version: number; status: string; receiptNumber: string };
  events: { event: { type: string; outcome?: string; on: string } }[];
  clock: {
    status: string;
    overdue: boolean;
    replyDue: { due: string; provisional: boolean; pending?: string } | null;
    feePaymentDue: { due: string } | null;
    supplementDue: { due: string } | null;
  };
  trackingCode?: string;
}
interface ApiError {
  error: { code: string; message: string; rule?: string; violation?: string };
}

const beijing = (email: LocalEmail) =>
  new Date(Date.parse(email.time) + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');

function harness(t: () => TestSystem) {
  const token = () => t().tokens['niedui-town'] as string;
  const register = async (receivedOn: string) => {
    const { agencyId, applicant, information, delivery } = sampleApplication();
    const response = await t().api<CaseView>('POST', '/v1/cases', {
      token: token(),
      body: {
        agencyId,
        channel: 'registered_post',
        receivedOn,
        applicant,
        information,
        delivery,
      },
    });
    expect(response.status).toBe(201);
    return response.body;
  };
  const get = async (caseId: string) =>
    (await t().api<CaseView>('GET', `/v1/cases/${caseId}`, { token: token() })).body;
  const act = async (caseId: string, action: Record<string, unknown>) => {
    const current = await get(caseId);
    return t().api<CaseView & ApiError>('POST', `/v1/cases/${caseId}/actions`, {
      token: token(),
      body: { ...action, expectedVersion: current.case.version },
    });
  };
  return { register, get, act };
}

describe('statutory edges on a system whose clock starts 2025-01-20', () => {
  let t: TestSystem;
  beforeAll(async () => {
    t = await startTestSystem({ virtualClock: '2025-01-20T10:00:00+08:00' });
  }, 60_000);
  afterAll(() => t?.stop());
  const { register, get, act } = harness(() => t);

  it('faults 1–6: free fee notice refused, consultation ends by law, back-dated extension, late supplement, fee period from receipt', async () => {
    // Arrange, all on 2025-01-20 unless said otherwise.
    const fee0 = await register('2025-01-20');
    const consulted = await register('2025-01-20');
    const extended = await register('2024-09-03'); // due 2024-10-08
    const paid = await register('2025-01-20');

    // Fault 1: 30 pages are free (Fee Measures Art. 5): refused, nothing changed, the clock never pauses.
    const free = await act(fee0.case.caseId, { type: 'issue_fee_notice', method: 'by_pages', pages: 30 });
    expect(free.status).toBe(422);
    expect(free.body.error).toMatchObject({ violation: 'fee_not_chargeable', rule: 'Fee Measures Art. 5' });
    expect(free.body.error.message).toContain('第五条');
    expect((await get(fee0.case.caseId)).case.version).toBe(1);

    // Fault 4: on 2025-01-20 an extension decided 2024-10-08 (the due day) is refused without notifiedOn …
    const late = await act(extended.case.caseId, {
      type: 'extend',
      workingDays: 10,
      approver: '王主任',
      decidedOn: '2024-10-08',
    });
    expect(late.status).toBe(422);
    expect(late.body.error).toMatchObject({ rule: 'Art. 33 ¶2', violation: 'extension_not_notified' });
    // … and accepted with a paper notice served on the due day, without a new notice mailed to the applicant.
    const told = await act(extended.case.caseId, {
      type: 'extend',
      workingDays: 10,
      approver: '王主任',
      reason: '需调取档案',
      decidedOn: '2024-10-08',
      notifiedOn: '2024-10-08',
    });
    expect(told.status).toBe(200);
    expect(told.body.clock.replyDue?.due).toBe('2024-10-21');

    // Fault 2: consulted 2025-01-24 (opinion due 2025-02-20), never ended.
    await t.advanceTo('2025-01-24T10:00:00+08:00');
    const consulting = await act(consulted.case.caseId, {
      type: 'start_consultation',
      party: 'other_agency',
      name: '县财政局',
    });
    expect(consulting.status).toBe(200);
    // Fault 6: fee notice posted 2025-01-24, received 2025-01-27: payment due 2025-03-03.
    await t.advanceTo('2025-01-27T10:00:00+08:00');
    const notice = await act(paid.case.caseId, {
      type: 'issue_fee_notice',
      method: 'by_pages',
      pages: 150,
      sentOn: '2025-01-24',
      receivedOn: '2025-01-27',
    });
    expect(notice.status).toBe(200);
    expect(notice.body.clock.feePaymentDue?.due).toBe('2025-03-03');

    // Fault 5: a supplement period ending on the make-up Saturday 2025-02-08.
    await t.advanceTo('2025-02-05T10:00:00+08:00');
    const lapsing = await register('2025-01-27');
    const lateAccepted = await register('2025-01-27');
    for (const c of [lapsing, lateAccepted]) {
      const requested = await act(c.case.caseId, {
        type: 'request_supplement',
        items: '请写明文号',
        periodWorkingDays: 3,
      });
      expect(requested.body.clock.supplementDue?.due).toBe('2025-02-08');
    }
    await t.advanceTo('2025-02-09T10:00:00+08:00');
    const online = await t.api<ApiError>(
      'POST',
      `/v1/requests/${lapsing.case.receiptNumber}/supplement?code=${lapsing.trackingCode}`,
      { body: { text: '文号为聂政〔2025〕1号' } },
    );
    expect(online.status).toBe(422);
    expect(online.body.error.message).toContain('2025年2月8日');
    expect(online.body.error.message).toContain('0394-2690000');
    const withoutReason = await act(lateAccepted.case.caseId, { type: 'supplement_received' });
    expect(withoutReason.body.error).toMatchObject({ violation: 'supplement_late' });
    const withReason = await act(lateAccepted.case.caseId, {
      type: 'supplement_received',
      lateReason: '申请人住院，已提交医院证明',
    });
    expect(withReason.status).toBe(200);
    await t.advanceTo('2025-02-10T12:00:00+08:00');
    expect((await get(lapsing.case.caseId)).events.at(-1)?.event).toMatchObject({
      type: 'closed_automatically',
      outcome: 'other.supplement_overdue',
      on: '2025-02-10',
    });

    // Faults 2, 3, 6 run out.
    await t.advanceTo('2025-03-03T12:00:00+08:00');
    expect((await get(paid.case.caseId)).case.status).not.toBe('closed');
    await t.advanceTo('2025-03-31T12:00:00+08:00');

    // Assert
    const consultation = await get(consulted.case.caseId);
    expect(consultation.clock).toMatchObject({ status: 'awaiting_reply', overdue: true });
    expect(consultation.clock.replyDue?.due).toBe('2025-03-14');
    expect((await get(paid.case.caseId)).events.at(-1)?.event).toMatchObject({
      type: 'closed_automatically',
      outcome: 'other.fee_unpaid',
      on: '2025-03-04',
    });
    expect((await get(fee0.case.caseId)).case.status).not.toBe('closed');
    const emails = await t.emails();
    const link = (id: string) => `/cases/${id}`;
    const office = emails.filter((e) => e.to[0] === OFFICE && e.text.includes(link(consulted.case.caseId)));
    const endsToday = office.find((e) => beijing(e) === '2025-02-20 09:00');
    expect(endsToday?.text).toContain('征求县财政局意见，今日届满');
    expect(endsToday?.text).not.toContain('未记录');
    const head = emails.filter((e) => e.to[0] === HEAD && e.text.includes(link(consulted.case.caseId)));
    expect(head.map(beijing)[0]).toBe('2025-03-17 09:00');
    expect(head.at(-1)?.text).toContain('已逾期11个工作日');
    // No extension notice was mailed for the extension told on paper.
    expect(emails.some((e) => e.caseId === extended.case.caseId && e.kind === 'extended')).toBe(false);
  }, 600_000);
});

describe('fault 7: a provisional year on a system whose clock starts 2026-12-04', () => {
  let t: TestSystem;
  beforeAll(async () => {
    t = await startTestSystem({ virtualClock: '2026-12-04T10:00:00+08:00' });
  }, 60_000);
  afterAll(() => t?.stop());

  it('is due Mon 2027-01-04 (not 元旦), shown 暂定 with why in the API, the status and the digest', async () => {
    // Act
    const submitted = await t.api<{
      receiptNumber: string;
      trackingCode: string;
      replyDue: string;
      provisional: boolean;
    }>('POST', '/v1/requests', { body: sampleApplication() });
    const status = await t.api<{ provisionalDates: string[]; provisionalNote: string }>(
      'GET',
      `/v1/requests/${submitted.body.receiptNumber}?code=${submitted.body.trackingCode}`,
    );
    await t.advanceTo('2027-01-04T12:00:00+08:00');

    // Assert
    expect(submitted.body).toMatchObject({ replyDue: '2027-01-04', provisional: true });
    expect(status.body.provisionalDates).toContain('2027-01-04');
    expect(status.body.provisionalNote).toContain('《全国年节及纪念日放假办法》');
    const office = (await t.emails()).filter((e) => e.to[0] === OFFICE && e.kind === 'office_digest');
    expect(office.some((e) => beijing(e).startsWith('2027-01-01'))).toBe(false);
    const dueToday = office.find((e) => beijing(e) === '2027-01-04 09:00');
    expect(dueToday?.text).toContain('今日到期，答复期限2027年1月4日（暂定）');
    expect(dueToday?.text).toContain('国务院节假日安排尚未公布');
  }, 300_000);
});
