import type { AnnualReport, ReviewOutcomeCounts } from '../../functions/shared/domain/annual-report';
import { makeAuditRepository } from '../../functions/shared/store/audit-repository';
import { sampleApplication, startTestSystem, type TestSystem } from '../support/local-system';
import { referenceYearData } from '../unit/annual-report-fixtures';

/**
 * Appeals (复议诉讼) through the HTTP API of the local system (issue #14, design.md §9 "The desk: Appeals"): each
 * its own item on a case, checked against the case's dates with Chinese messages naming the field, visible only to
 * the agency's staff; section 四 of the annual report counted from them (acceptance 4); an appeal dated into a
 * published year accepted with a warning.
 */

interface ErrorBody {
  error: { code: string; message: string; fields?: { path: string; message: string }[] };
}
interface AppealView {
  appealId: string;
  caseId: string;
  kind: string;
  kindLabel: string;
  forum: string;
  filedOn: string;
  status: 'pending' | 'decided';
  result?: string;
  resultLabel?: string;
  decidedOn?: string;
}
interface Warning {
  code: string;
  year: number;
}

describe('appeals of 2024 cases and section 四 of the 2024 report (virtual clock, February 2025)', () => {
  let t: TestSystem;
  const officer = () => t.tokens['niedui-town'] ?? '';
  const cases: Record<string, string> = {};

  /** Registers a paper application of 聂堆镇 received on `receivedOn` and replies to it on `repliedOn`. */
  async function repliedCase(receivedOn: string, repliedOn: string): Promise<string> {
    const registered = await t.api<{ case: { caseId: string; version: number } }>('POST', '/v1/cases', {
      token: officer(),
      body: { ...sampleApplication(), channel: 'in_person', receivedOn },
    });
    if (registered.status !== 201) throw new Error(`register: ${registered.status} ${JSON.stringify(registered.body)}`);
    const { caseId, version } = registered.body.case;
    const replied = await t.api('POST', `/v1/cases/${caseId}/actions`, {
      token: officer(),
      body: { type: 'reply', expectedVersion: version, outcome: 'disclosed', repliedOn, summary: '予以公开' },
    });
    if (replied.status !== 200) throw new Error(`reply: ${replied.status} ${JSON.stringify(replied.body)}`);
    return caseId;
  }

  async function file(caseId: string, body: Record<string, unknown>, token = officer()) {
    return t.api<{ appealId: string; appeal: AppealView; warnings?: Warning[] } & ErrorBody>(
      'POST',
      `/v1/cases/${caseId}/appeals`,
      { token, body },
    );
  }
  async function decide(caseId: string, appealId: string, body: Record<string, unknown>, token = officer()) {
    return t.api<{ appeal: AppealView; warnings?: Warning[] } & ErrorBody>(
      'POST',
      `/v1/cases/${caseId}/appeals/${appealId}/result`,
      { token, body },
    );
  }
  async function filedAndDecided(caseId: string, kind: string, filedOn: string, result?: string, decidedOn?: string) {
    const filed = await file(caseId, { kind, forum: kind === 'review' ? '西华县人民政府' : '西华县人民法院', filedOn });
    if (filed.status !== 201) throw new Error(`file: ${filed.status} ${JSON.stringify(filed.body)}`);
    if (result) {
      const decided = await decide(caseId, filed.body.appealId, { result, decidedOn });
      if (decided.status !== 200) throw new Error(`result: ${decided.status} ${JSON.stringify(decided.body)}`);
    }
    return filed.body.appealId;
  }

  beforeAll(async () => {
    t = await startTestSystem({ virtualClock: '2025-02-10T10:00:00+08:00' });
    cases.upheld = await repliedCase('2024-03-04', '2024-03-15');
    cases.corrected = await repliedCase('2024-05-06', '2024-05-20');
    cases.pending = await repliedCase('2024-09-02', '2024-09-13');
    cases.lawsuit = await repliedCase('2024-04-01', '2024-04-12');
    const put = await t.api('PUT', '/v1/agencies/niedui-town/years/2024', {
      token: officer(),
      body: referenceYearData(),
    });
    expect(put.status).toBe(200);
  }, 120_000);
  afterAll(async () => {
    await t?.stop();
  });

  it('files an appeal (201 with its id), lists it as 尚未审结, and records its result once', async () => {
    // Arrange
    const caseId = cases.upheld!;

    // Act
    const filed = await file(caseId, { kind: 'review', forum: '西华县人民政府', filedOn: '2024-04-01' });
    const listed = await t.api<AppealView[]>('GET', `/v1/cases/${caseId}/appeals`, { token: officer() });
    const decided = await decide(caseId, filed.body.appealId, { result: 'upheld', decidedOn: '2024-06-01' });
    const again = await decide(caseId, filed.body.appealId, { result: 'corrected', decidedOn: '2024-06-02' });

    // Assert
    expect(filed.status).toBe(201);
    expect(filed.body.appealId).toMatch(/^[0-9a-f-]{36}$/);
    expect(filed.body).not.toHaveProperty('warnings');
    expect(listed.body).toEqual([
      expect.objectContaining({
        appealId: filed.body.appealId,
        kind: 'review',
        kindLabel: '行政复议',
        forum: '西华县人民政府',
        filedOn: '2024-04-01',
        status: 'pending',
      }),
    ]);
    expect(decided.status).toBe(200);
    expect(decided.body.appeal).toMatchObject({
      status: 'decided',
      result: 'upheld',
      resultLabel: '结果维持',
      decidedOn: '2024-06-01',
    });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toContain('结果只能登记一次');
    const after = await t.api<AppealView[]>('GET', `/v1/cases/${caseId}/appeals`, { token: officer() });
    expect(after.body.map((a) => [a.result, a.decidedOn])).toEqual([['upheld', '2024-06-01']]);
  });

  it.each([
    [
      { kind: 'review', forum: '西华县人民政府', filedOn: '2024-09-10' },
      'filedOn',
      '提起日期（2024-09-10）不能早于答复日期（2024-09-13）',
    ],
    [
      { kind: 'review', forum: '西华县人民政府', filedOn: '2024-08-30' },
      'filedOn',
      '不能早于申请的收到日期（2024-09-02）',
    ],
    [
      { kind: 'review', forum: '西华县人民政府', filedOn: '2025-02-11' },
      'filedOn',
      '提起日期不能晚于今天（2025-02-10）',
    ],
    [{ kind: 'appeal', forum: '西华县人民政府', filedOn: '2024-10-20' }, 'kind', '复议诉讼类型的取值无效'],
    [{ kind: 'review', forum: '  ', filedOn: '2024-10-20' }, 'forum', '复议机关或人民法院不能为空'],
    [{ kind: 'review', forum: '西华县人民政府', filedOn: '2024/10/20' }, 'filedOn', '提起日期格式应为YYYY-MM-DD'],
  ])('refuses %j with 400 naming %s', async (body, field, message) => {
    const response = await file(cases.pending!, body);

    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('validation_failed');
    expect(response.body.error.fields?.[0]).toEqual({ path: field, message: expect.stringContaining(message) });
  });

  it('refuses a result decided before the filing, naming decidedOn', async () => {
    const filed = await file(cases.lawsuit!, {
      kind: 'litigation_direct',
      forum: '西华县人民法院',
      filedOn: '2024-05-10',
    });

    const response = await decide(cases.lawsuit!, filed.body.appealId, { result: 'upheld', decidedOn: '2024-05-09' });
    const unknown = await decide(cases.lawsuit!, 'no-such-appeal', { result: 'upheld', decidedOn: '2024-11-20' });
    const decided = await decide(cases.lawsuit!, filed.body.appealId, { result: 'upheld', decidedOn: '2024-11-20' });

    expect(response.status).toBe(400);
    expect(response.body.error.fields).toEqual([
      { path: 'decidedOn', message: '审结日期（2024-05-09）不能早于提起日期（2024-05-10）' },
    ]);
    expect(unknown.status).toBe(404);
    expect(decided.status).toBe(200);
  });

  it("answers 403 to another agency's staff and 401 without sign-in", async () => {
    const other = t.tokens['xihua-county'] ?? '';
    const [appeal] = (await t.api<AppealView[]>('GET', `/v1/cases/${cases.upheld!}/appeals`, { token: officer() }))
      .body;

    const list = await t.api('GET', `/v1/cases/${cases.upheld!}/appeals`, { token: other });
    const filed = await file(cases.upheld!, { kind: 'review', forum: '西华县人民政府', filedOn: '2024-04-02' }, other);
    const decided = await decide(cases.upheld!, appeal!.appealId, { result: 'other', decidedOn: '2024-06-01' }, other);
    const anonymous = await t.api('GET', `/v1/cases/${cases.upheld!}/appeals`);

    expect([list.status, filed.status, decided.status, anonymous.status]).toEqual([403, 403, 403, 401]);
  });

  it('acceptance 4: section 四 of 2024 reads 1/1/0/1/3 for review, 1/0/0/0/1 for direct lawsuits and 0 elsewhere', async () => {
    // Arrange: with the upheld review and the upheld lawsuit above, a corrected review and a pending one.
    await filedAndDecided(cases.corrected!, 'review', '2024-06-10', 'corrected', '2024-08-01');
    await filedAndDecided(cases.pending!, 'review', '2024-10-20');

    // Act
    const generated = await t.api<{ publishable: boolean }>('POST', '/v1/agencies/niedui-town/reports/2024', {
      token: officer(),
    });
    const json = await t.api<AnnualReport>('GET', '/v1/agencies/niedui-town/reports/2024?format=json', {
      token: officer(),
    });
    const md = await t.api<string>('GET', '/v1/agencies/niedui-town/reports/2024?format=md', { token: officer() });

    // Assert: every cell of the three blocks.
    expect(generated.status).toBe(201);
    expect(generated.body.publishable).toBe(true);
    const cellsOf = (b: ReviewOutcomeCounts) => [b.upheld, b.corrected, b.other, b.pending, b.total];
    const s4 = json.body.section4;
    expect(cellsOf(s4.review)).toEqual([1, 1, 0, 1, 3]);
    expect(cellsOf(s4.litigationDirect)).toEqual([1, 0, 0, 0, 1]);
    expect(cellsOf(s4.litigationAfterReview)).toEqual([0, 0, 0, 0, 0]);
    expect(json.body.section4Source?.note).toBe('注：本表数据由系统登记的4件复议诉讼案件统计。');
    const row = md.body
      .split('\n')
      .filter((l) => /^\|( \d+ \|){15}$/.test(l))
      .at(-1);
    expect(row?.match(/\d+/g)?.map(Number)).toEqual([1, 1, 0, 1, 3, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0]);
    expect(md.body).toContain('注：本表数据由系统登记的4件复议诉讼案件统计。');
  });

  it('accepts an appeal dated into the published 2024 with the published_year_affected warning, and a 2025 result without', async () => {
    // Arrange: 2024 is published.
    const published = await t.api('POST', '/v1/agencies/niedui-town/reports/2024/publish', { token: officer() });
    expect(published.status).toBe(200);

    // Act: a lawsuit after the upheld review (filed 2024-04-01): not before it, then filed in December 2024 and
    // decided in January 2025.
    const early = await file(cases.upheld!, {
      kind: 'litigation_after_review',
      forum: '周口市中级人民法院',
      filedOn: '2024-03-20',
    });
    const filed = await file(cases.upheld!, {
      kind: 'litigation_after_review',
      forum: '周口市中级人民法院',
      filedOn: '2024-12-20',
    });
    const decided = await decide(cases.upheld!, filed.body.appealId, { result: 'other', decidedOn: '2025-01-20' });

    // Assert
    expect(early.status).toBe(400);
    expect(early.body.error.fields).toEqual([
      { path: 'filedOn', message: '复议后起诉的提起日期（2024-03-20）不能早于本案行政复议的提起日期（2024-04-01）' },
    ]);
    expect(filed.status).toBe(201);
    expect(filed.body.warnings).toEqual([expect.objectContaining({ code: 'published_year_affected', year: 2024 })]);
    const revisions = await t.api<{ correctionNeeded?: { notes: string[] } }>(
      'GET',
      '/v1/agencies/niedui-town/reports/2024/revisions',
      { token: officer() },
    );
    expect(revisions.body.correctionNeeded?.notes.join()).toContain(
      '行政诉讼（复议后起诉）登记（提起日期 2024-12-20）',
    );
    expect(decided.status).toBe(200);
    expect(decided.body).not.toHaveProperty('warnings');
  });
});

describe('filing an appeal with a client token (retries, issue #14)', () => {
  let t: TestSystem;
  const officer = () => t.tokens['niedui-town'] ?? '';
  let caseId = '';

  beforeAll(async () => {
    t = await startTestSystem({ virtualClock: '2025-02-10T10:00:00+08:00' });
    const registered = await t.api<{ case: { caseId: string; version: number } }>('POST', '/v1/cases', {
      token: officer(),
      body: { ...sampleApplication(), channel: 'in_person', receivedOn: '2024-11-04' },
    });
    caseId = registered.body.case.caseId;
    const replied = await t.api('POST', `/v1/cases/${caseId}/actions`, {
      token: officer(),
      body: {
        type: 'reply',
        expectedVersion: registered.body.case.version,
        outcome: 'disclosed',
        repliedOn: '2024-11-15',
        summary: '予以公开',
      },
    });
    expect(replied.status).toBe(200);
  }, 120_000);
  afterAll(async () => {
    await t?.stop();
  });

  const file = (body: Record<string, unknown>) =>
    t.api<{ appealId: string; appeal: AppealView } & ErrorBody>('POST', `/v1/cases/${caseId}/appeals`, {
      token: officer(),
      body,
    });
  const listed = async () =>
    (await t.api<AppealView[]>('GET', `/v1/cases/${caseId}/appeals`, { token: officer() })).body;

  it('answers a retry with the same token and body with the same appeal (200), storing one', async () => {
    // Arrange
    const body = { kind: 'review', forum: '西华县人民政府', filedOn: '2024-12-02', clientToken: 'appeal-retry-0001' };

    // Act
    const first = await file(body);
    const retry = await file(body);

    // Assert
    expect(first.status).toBe(201);
    expect(retry.status).toBe(200);
    expect(retry.body.appealId).toBe(first.body.appealId);
    expect(retry.body.appeal).toEqual(first.body.appeal);
    expect((await listed()).filter((a) => a.filedOn === '2024-12-02')).toHaveLength(1);
  });

  it('refuses the same token with another forum (409 naming forum) and stores nothing more', async () => {
    const first = await file({
      kind: 'litigation_direct',
      forum: '西华县人民法院',
      filedOn: '2024-12-03',
      clientToken: 'appeal-retry-0002',
    });
    const before = (await listed()).length;

    const other = await file({
      kind: 'litigation_direct',
      forum: '周口市中级人民法院',
      filedOn: '2024-12-03',
      clientToken: 'appeal-retry-0002',
    });

    expect(first.status).toBe(201);
    expect(other.status).toBe(409);
    expect(other.body.error.code).toBe('client_token_reused');
    expect(other.body.error.fields).toEqual([
      { path: 'forum', message: expect.stringContaining('复议机关或人民法院') },
    ]);
    expect(await listed()).toHaveLength(before);
  });

  it('creates one appeal for concurrent attempts with one token, and separate appeals without tokens', async () => {
    const body = { kind: 'review', forum: '周口市人民政府', filedOn: '2024-12-04', clientToken: 'appeal-race-0003' };

    const answers = await Promise.all([file(body), file(body), file(body)]);
    const plain = await Promise.all([
      file({ kind: 'review', forum: '周口市人民政府', filedOn: '2024-12-05' }),
      file({ kind: 'review', forum: '周口市人民政府', filedOn: '2024-12-05' }),
    ]);

    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 201]);
    expect(new Set(answers.map((a) => a.body.appealId)).size).toBe(1);
    expect((await listed()).filter((a) => a.filedOn === '2024-12-04')).toHaveLength(1);
    expect(plain.map((a) => a.status)).toEqual([201, 201]);
    expect((await listed()).filter((a) => a.filedOn === '2024-12-05')).toHaveLength(2);
  });

  it('refuses a malformed token with 400 naming clientToken', async () => {
    const response = await file({
      kind: 'review',
      forum: '西华县人民政府',
      filedOn: '2024-12-06',
      clientToken: 'bad token!',
    });

    expect(response.status).toBe(400);
    expect(response.body.error.fields?.[0]?.path).toBe('clientToken');
  });
});

describe('correcting a wrongly recorded appeal (issue #14)', () => {
  let t: TestSystem;
  const officer = () => t.tokens['niedui-town'] ?? '';
  let caseId = '';
  let appealId = '';

  const correct = (id: string, body: Record<string, unknown>, token = officer()) =>
    t.api<{ appeal: AppealView & { corrections?: Record<string, unknown>[] }; warnings?: Warning[] } & ErrorBody>(
      'POST',
      `/v1/cases/${caseId}/appeals/${id}/correction`,
      { token, body },
    );

  beforeAll(async () => {
    // Arrange: a 2024 case with a review decided (upheld) in 2024; the 2024 report published.
    t = await startTestSystem({ virtualClock: '2025-02-10T10:00:00+08:00' });
    const registered = await t.api<{ case: { caseId: string; version: number } }>('POST', '/v1/cases', {
      token: officer(),
      body: { ...sampleApplication(), channel: 'in_person', receivedOn: '2024-03-04' },
    });
    caseId = registered.body.case.caseId;
    await t.api('POST', `/v1/cases/${caseId}/actions`, {
      token: officer(),
      body: {
        type: 'reply',
        expectedVersion: registered.body.case.version,
        outcome: 'disclosed',
        repliedOn: '2024-03-15',
        summary: '予以公开',
      },
    });
    const filed = await t.api<{ appealId: string }>('POST', `/v1/cases/${caseId}/appeals`, {
      token: officer(),
      body: { kind: 'review', forum: '西华县人民政府', filedOn: '2024-04-01' },
    });
    appealId = filed.body.appealId;
    const decided = await t.api('POST', `/v1/cases/${caseId}/appeals/${appealId}/result`, {
      token: officer(),
      body: { result: 'upheld', decidedOn: '2024-06-01' },
    });
    expect(decided.status).toBe(200);
    await t.api('PUT', '/v1/agencies/niedui-town/years/2024', { token: officer(), body: referenceYearData() });
    expect((await t.api('POST', '/v1/agencies/niedui-town/reports/2024', { token: officer() })).status).toBe(201);
    expect((await t.api('POST', '/v1/agencies/niedui-town/reports/2024/publish', { token: officer() })).status).toBe(
      200,
    );
  }, 120_000);
  afterAll(async () => {
    await t?.stop();
  });

  it('corrects a wrong result with its reason, keeps the previous value, audits it and warns for 2024', async () => {
    const reportJson = async () =>
      (await t.api<AnnualReport>('GET', '/v1/agencies/niedui-town/reports/2024?format=json', { token: officer() })).body
        .section4.review;
    const published = await reportJson();

    // Act
    const corrected = await correct(appealId, { result: 'corrected', reason: '录入错误：复议决定为撤销原答复' });
    const listed = await t.api<AppealView[]>('GET', `/v1/cases/${caseId}/appeals`, { token: officer() });
    const audit = await makeAuditRepository(t.system.clients.document, t.system.tableName).list('niedui-town');
    const revision = await t.api('POST', '/v1/agencies/niedui-town/reports/2024/corrections', {
      token: officer(),
      body: { reason: '复议结果更正' },
    });

    // Assert
    expect(corrected.status).toBe(200);
    expect(corrected.body.appeal).toMatchObject({
      result: 'corrected',
      resultLabel: '结果纠正',
      decidedOn: '2024-06-01',
    });
    expect(corrected.body.appeal.corrections).toEqual([
      expect.objectContaining({
        reason: '录入错误：复议决定为撤销原答复',
        changed: ['result'],
        previous: { result: 'upheld' },
      }),
    ]);
    expect(corrected.body.warnings).toEqual([expect.objectContaining({ code: 'published_year_affected', year: 2024 })]);
    expect(listed.body[0]).toMatchObject({ result: 'corrected' });
    expect(audit.filter((e) => e.action === 'appeal_correction')).toEqual([
      expect.objectContaining({
        actor: expect.any(String),
        at: expect.any(String),
        detail: expect.objectContaining({ appealId, reason: '录入错误：复议决定为撤销原答复' }),
        previous: { result: '结果维持' },
        next: { result: '结果纠正' },
      }),
    ]);
    expect(revision.status).toBe(201);
    const revised = await reportJson();
    expect([revised.upheld, revised.corrected, revised.total]).toEqual([
      published.upheld - 1,
      published.corrected + 1,
      published.total,
    ]);
  });

  it('corrects the forum alone without a warning (section 四 unchanged)', async () => {
    const corrected = await correct(appealId, { forum: '周口市人民政府', reason: '复议机关名称录错' });

    expect(corrected.status).toBe(200);
    expect(corrected.body.appeal.forum).toBe('周口市人民政府');
    expect(corrected.body).not.toHaveProperty('warnings');
    expect(corrected.body.appeal.corrections).toHaveLength(2);
  });

  it.each([
    [{ forum: '西华县人民政府' }, 'reason', '更正原因'],
    [{ forum: '周口市人民政府', reason: '无变化' }, '', '没有需要更正的字段'],
    [
      { decidedOn: '2024-03-30', reason: '日期录错' },
      'decidedOn',
      '审结日期（2024-03-30）不能早于提起日期（2024-04-01）',
    ],
    [{ filedOn: '2024-03-10', reason: '日期录错' }, 'filedOn', '不能早于答复日期（2024-03-15）'],
    [
      { result: null, decidedOn: '2024-06-01', reason: '结果误登记' },
      'decidedOn',
      '撤销审结结果时不能同时填写审结日期',
    ],
    [{ decidedOn: '2025-02-11', reason: '日期录错' }, 'decidedOn', '审结日期不能晚于今天（2025-02-10）'],
  ])('refuses %j with 400 naming %s', async (body, field, message) => {
    const response = await correct(appealId, body);

    expect(response.status).toBe(400);
    expect(response.body.error.fields?.[0]).toEqual({ path: field, message: expect.stringContaining(message) });
  });

  it('takes back a result recorded by mistake (尚未审结 again), then lets it be recorded', async () => {
    const takenBack = await correct(appealId, { result: null, reason: '复议尚未审结，结果误登记' });
    const recorded = await t.api<{ appeal: AppealView }>('POST', `/v1/cases/${caseId}/appeals/${appealId}/result`, {
      token: officer(),
      body: { result: 'other', decidedOn: '2025-01-20' },
    });

    expect(takenBack.status).toBe(200);
    expect(takenBack.body.appeal).toMatchObject({ status: 'pending' });
    expect(takenBack.body.appeal).not.toHaveProperty('decidedOn');
    expect(takenBack.body.warnings).toEqual([expect.objectContaining({ year: 2024 })]);
    expect(recorded.status).toBe(200);
    expect(recorded.body.appeal).toMatchObject({ result: 'other', decidedOn: '2025-01-20' });
  });

  it("answers 404 for another case's or no appeal, 403 to another agency", async () => {
    const missing = await correct('no-such-appeal', { forum: 'x', reason: '测试' });
    const other = await correct(appealId, { forum: 'x', reason: '测试' }, t.tokens['xihua-county'] ?? '');

    expect([missing.status, other.status]).toEqual([404, 403]);
  });
});
