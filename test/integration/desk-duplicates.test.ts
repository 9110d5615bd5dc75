import { sampleApplication, startTestSystem, type TestSystem } from '../support/local-system';

/**
 * Duplicate detection (重复申请, design.md §9 "The desk"; issue 14): registering an application (staff
 * `POST /v1/cases`) and opening a case (`GET /v1/cases/{caseId}`) show the earlier applications of the same
 * applicant (same ID number, matched through its keyed hash) with a similar description in the last 12
 * months, with their status, outcome and reply date; never on the applicant's own views. The virtual clock
 * stands on Wednesday 2024-10-23.
 */

jest.setTimeout(120_000);

interface Duplicate {
  caseId: string;
  receiptNumber: string;
  receivedOn: string;
  status: string;
  outcome?: string;
  closedOn?: string;
  similarity: number;
  sameDocumentNumber?: true;
}
interface StaffView {
  case: { caseId: string; receiptNumber: string; version: number };
  trackingCode?: string;
  possibleDuplicates?: Duplicate[];
}

const TODAY = '2024-10-23';
const BUDGET = '请公开2023年聂堆镇财政预算执行情况和决算报告';
const BUDGET_AGAIN = '申请公开聂堆镇2023年财政预算执行情况及决算报告';
const ROADS = '请公开聂堆镇幸福路修缮工程的招标公告和中标结果';
const OTHER_PERSON = { name: '王五', idType: 'resident_id', idNumber: '110105194912310038', phone: '13900001111' };

describe('possible repeat applications on registration and on the case', () => {
  let t: TestSystem;
  let officer: string;

  beforeAll(async () => {
    t = await startTestSystem({ virtualClock: `${TODAY}T10:00:00+08:00` });
    officer = t.tokens['niedui-town'] ?? '';
  }, 60_000);
  afterAll(async () => {
    await t?.stop();
  });

  const register = async (
    receivedOn: string,
    description: string,
    applicant: Record<string, string> = {},
    agencyId = 'niedui-town',
    documentNumber?: string,
  ) => {
    const base = sampleApplication();
    const response = await t.api<StaffView>('POST', '/v1/cases', {
      body: {
        agencyId,
        channel: 'in_person',
        receivedOn,
        applicant: { ...(base.applicant as Record<string, string>), ...applicant },
        information: { description, ...(documentNumber ? { documentNumber } : {}) },
        delivery: base.delivery,
      },
      token: agencyId === 'niedui-town' ? officer : t.tokens[agencyId],
    });
    expect(response.status).toBe(201);
    return response.body;
  };
  const open = async (caseId: string) => {
    const response = await t.api<StaffView>('GET', `/v1/cases/${caseId}`, { token: officer });
    expect(response.status).toBe(200);
    return response.body;
  };

  let tooOld: StaffView;
  let replied: StaffView;
  let repeat: StaffView;

  beforeAll(async () => {
    tooOld = await register('2023-10-09', BUDGET);
    const first = await register('2024-03-04', BUDGET);
    const reply = await t.api<StaffView>('POST', `/v1/cases/${first.case.caseId}/actions`, {
      body: {
        type: 'reply',
        expectedVersion: first.case.version,
        outcome: 'disclosed',
        repliedOn: '2024-03-20',
        summary: '予以公开：2023年财政预算执行情况和决算报告见附件。',
      },
      token: officer,
    });
    expect(reply.status).toBe(200);
    replied = first;
    repeat = await register('2024-10-21', BUDGET_AGAIN);
  });

  it('shows the earlier, replied application of the same applicant when a similar one is registered', () => {
    expect(repeat.possibleDuplicates).toEqual([
      {
        caseId: replied.case.caseId,
        receiptNumber: replied.case.receiptNumber,
        receivedOn: '2024-03-04',
        status: 'closed',
        outcome: 'disclosed',
        closedOn: '2024-03-20',
        similarity: expect.any(Number),
      },
    ]);
    expect(repeat.possibleDuplicates?.[0]?.similarity).toBeGreaterThanOrEqual(0.5);
    expect(repeat.possibleDuplicates?.[0]?.similarity).toBeLessThan(1);
  });

  it('shows the same when the case is opened, and leaves out what is more than 12 months older', async () => {
    const repeatOpened = await open(repeat.case.caseId);
    const firstOpened = await open(replied.case.caseId);

    expect(repeatOpened.possibleDuplicates?.map((d) => d.caseId)).toEqual([replied.case.caseId]);
    // The March application is within 12 months of the October 2023 one: that one is shown on it.
    expect(firstOpened.possibleDuplicates?.map((d) => [d.caseId, d.status, d.similarity])).toEqual([
      [tooOld.case.caseId, 'awaiting_reply', 1],
    ]);
    expect((await open(tooOld.case.caseId)).possibleDuplicates).toEqual([]);
  });

  it('shows nothing for a different description, another applicant, or another agency', async () => {
    const roads = await register('2024-10-22', ROADS);
    const otherPerson = await register('2024-10-22', BUDGET, OTHER_PERSON);
    const otherAgency = await register('2024-10-22', BUDGET, {}, 'xihua-county');

    expect(roads.possibleDuplicates).toEqual([]);
    expect(otherPerson.possibleDuplicates).toEqual([]);
    expect(otherAgency.possibleDuplicates).toEqual([]);
  });

  it('shows an earlier application for a document by the same 文号, however differently it is worded', async () => {
    const byNumber = await register(
      '2024-10-14',
      '请公开镇政府关于秸秆禁烧的通知',
      {},
      'niedui-town',
      '聂政〔2024〕7号',
    );
    const again = await register('2024-10-22', '申请获取该文件全文', {}, 'niedui-town', '聂政[2024]7号');

    expect(again.possibleDuplicates).toEqual([
      expect.objectContaining({ caseId: byNumber.case.caseId, sameDocumentNumber: true, status: 'awaiting_reply' }),
    ]);
    expect(again.possibleDuplicates?.[0]?.similarity).toBeLessThan(0.5);
  });

  it('matches the ID number through its keyed hash written with a lower-case x, and a later online application', async () => {
    const lowerX = await register('2024-10-22', BUDGET, { idNumber: '11010519491231002x' });
    const online = await t.api<StaffView & { caseId: string; trackingCode: string; receiptNumber: string }>(
      'POST',
      '/v1/requests',
      { body: sampleApplication({ information: { description: BUDGET_AGAIN } }) },
    );
    expect(online.status).toBe(201);
    const onlineOpened = await open(online.body.caseId);

    expect(lowerX.possibleDuplicates?.map((d) => d.caseId)).toEqual(
      expect.arrayContaining([replied.case.caseId, repeat.case.caseId]),
    );
    expect(onlineOpened.possibleDuplicates?.map((d) => d.caseId)).toEqual(
      expect.arrayContaining([replied.case.caseId, repeat.case.caseId, lowerX.case.caseId]),
    );
    // Never shown to the applicant: not in the submission's answer, nor on the status page.
    expect(online.body).not.toHaveProperty('possibleDuplicates');
    const status = await t.api<unknown>(
      'GET',
      `/v1/requests/${online.body.receiptNumber}?code=${encodeURIComponent(online.body.trackingCode)}`,
    );
    expect(status.status).toBe(200);
    expect(JSON.stringify(status.body)).not.toContain('possibleDuplicates');
    expect(JSON.stringify(status.body)).not.toContain(replied.case.receiptNumber);
  });
});
