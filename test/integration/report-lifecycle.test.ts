import type { AnnualReport } from '../../functions/shared/domain/annual-report';
import { sampleApplication, startTestSystem, type TestSystem } from '../support/local-system';
import { referenceYearData } from '../unit/annual-report-fixtures';

/**
 * The life of an annual report on the local system under a virtual clock (issue 16; design.md §9 "Report
 * lifecycle"): published from 1 January of the next year, an application signed for on 2025-12-30 and registered
 * after 2025 was published is accepted with a warning, 2026 is held up until 2025 is corrected and says so, the
 * correction is kept as revision 2 with its 更正说明, drafts never block, and the public list shows it all.
 */

interface ErrorBody {
  error: { code: string; message: string; failedChecks?: { name: string; relation: string; details: string }[] };
}
interface Summary {
  status: string;
  revision?: number;
  publishable: boolean;
  checks: { name: string; passed: boolean }[];
  evidence: { url: string; expiresAt: string };
}
interface Revisions {
  status: string;
  revision?: number;
  revisions: { revision: number; publishedAt: string; reason?: string; publishedBy?: string }[];
  correctionNeeded?: { since: string; notes: string[] };
}
interface Warning {
  code: string;
  year: number;
  message: string;
}
interface PublicList {
  reports: {
    agencyId: string;
    agencyName: string;
    year: number;
    revision: number;
    corrected: boolean;
    title: string;
  }[];
}

/** A paper application of a law firm received by registered post on `receivedOn`. */
const lawFirmByPost = (receivedOn: string) => ({
  agencyId: 'niedui-town',
  channel: 'registered_post',
  receivedOn,
  applicant: {
    type: 'legal_service_org',
    name: '某某律师事务所',
    idType: 'credit_code',
    idNumber: '91350100M000100Y43',
    phone: '0571-8888888',
    address: '浙江省杭州市西湖区文三路1号',
  },
  information: { description: '2025年行政处罚决定书' },
  delivery: { form: 'paper', method: 'post' },
});

const row = (report: AnnualReport, key: string) => report.section3.rows.find((r) => r.key === key)?.values;

describe('the annual report lifecycle through the HTTP API (virtual clock, 2025–2027)', () => {
  let t: TestSystem;
  const officer = () => t.tokens['niedui-town'];
  const base = '/v1/agencies/niedui-town/reports';

  async function reply(caseId: string, version: number, repliedOn: string) {
    const replied = await t.api('POST', `/v1/cases/${caseId}/actions`, {
      token: officer(),
      body: { type: 'reply', expectedVersion: version, outcome: 'disclosed', repliedOn, summary: '予以公开' },
    });
    if (replied.status !== 200) throw new Error(`reply: ${replied.status} ${JSON.stringify(replied.body)}`);
    return replied.body as { warnings?: Warning[] };
  }

  beforeAll(async () => {
    t = await startTestSystem({ virtualClock: '2025-03-03T10:00:00+08:00' });
  }, 60_000);
  afterAll(async () => {
    await t?.stop();
  });

  let lateCaseId = '';

  describe('in 2025', () => {
    it('never lets a stale draft of the year before block a year (drafts never block)', async () => {
      // Arrange: a 2024 draft made before an application received in December 2024 was registered.
      const draft2024 = await t.api('POST', `${base}/2024`, { token: officer() });
      expect(draft2024.status).toBe(201);
      const december = await t.api<{ case: { caseId: string; version: number } }>('POST', '/v1/cases', {
        token: officer(),
        body: lawFirmByPost('2024-12-20'),
      });
      expect(december.status).toBe(201);
      // 2024 is not published: registering into it gives no warning.
      expect(december.body).not.toHaveProperty('warnings');
      await reply(december.body.case.caseId, december.body.case.version, '2025-03-03');
      await t.api('PUT', '/v1/agencies/niedui-town/years/2025', { body: referenceYearData(), token: officer() });

      // Act: the 2025 report is checked against the latest published 2024 revision (none), not the stale draft.
      const generated = await t.api<Summary>('POST', `${base}/2025`, { token: officer() });

      // Assert
      expect(generated.status).toBe(201);
      expect(generated.body.checks.find((c) => c.name === 'section3.carryOver')).toBeUndefined();
      expect(generated.body.publishable).toBe(true);
    });

    it('refuses to publish 2025 before 1 January 2026, naming the date', async () => {
      await t.advanceTo('2025-11-29T10:00:00+08:00');

      const response = await t.api<ErrorBody>('POST', `${base}/2025/publish`, { token: officer() });

      expect(response.status).toBe(409);
      expect(response.body.error.code).toBe('year_not_over');
      expect(response.body.error.message).toContain('2026-01-01');
      expect((await t.api('GET', `${base}/2025/revisions`)).status).toBe(404);
    });

    it('takes no warning for an application dated this year (it stays open into 2027, carried over each year)', async () => {
      const submitted = await t.api<{ receivedOn: string }>('POST', '/v1/requests', { body: sampleApplication() });

      expect(submitted.status).toBe(201);
      expect(submitted.body.receivedOn).toBe('2025-11-29');
      expect(submitted.body).not.toHaveProperty('warnings');
    });
  });

  describe('in January 2026', () => {
    beforeAll(async () => {
      await t.advanceTo('2026-01-05T10:00:00+08:00');
    }, 120_000);

    it('publishes 2025 as revision 1, with a link to its evidence for the staff', async () => {
      const published = await t.api<Summary>('POST', `${base}/2025/publish`, { token: officer() });

      expect({ status: published.status, body: published.status === 200 ? {} : published.body }).toEqual({
        status: 200,
        body: {},
      });
      expect(published.body).toMatchObject({ status: 'published', revision: 1 });
      const evidence = await fetch(published.body.evidence.url);
      expect(evidence.status).toBe(200);
      const cells = (await evidence.json()) as { section3: Record<string, Record<string, string[]>> };
      expect(cells.section3.carriedOver?.legal_service_org).toHaveLength(1);
      // The report itself carries the tables and checks, not the case ids.
      const staffJson = await t.api<AnnualReport>('GET', `${base}/2025`, { token: officer() });
      expect(staffJson.body.section3.rows.every((r) => r.caseIds === undefined)).toBe(true);
      expect(staffJson.body.evidence?.url).toContain('evidence.json');
      const publicJson = await t.api<AnnualReport>('GET', `${base}/2025`);
      expect(publicJson.body).not.toHaveProperty('evidence');
    });

    it('accepts an application signed for on 2025-12-30 with the published_year_affected warning', async () => {
      const registered = await t.api<{ case: { caseId: string; version: number }; warnings?: Warning[] }>(
        'POST',
        '/v1/cases',
        { token: officer(), body: lawFirmByPost('2025-12-30') },
      );

      expect(registered.status).toBe(201);
      expect(registered.body.warnings).toEqual([
        { code: 'published_year_affected', year: 2025, message: expect.stringContaining('更正2025年度报告') },
      ]);
      lateCaseId = registered.body.case.caseId;
      const revisions = await t.api<Revisions>('GET', `${base}/2025/revisions`, { token: officer() });
      expect(revisions.body.correctionNeeded?.notes.join()).toContain('2025-12-30');
      // A reply in 2026 does not touch the published year: no warning.
      expect((await reply(lateCaseId, registered.body.case.version, '2026-01-05')).warnings).toBeUndefined();
    });

    it('refuses to publish 2026 before 1 January 2027, naming the date', async () => {
      const response = await t.api<ErrorBody>('POST', `${base}/2026/publish`, { token: officer() });

      expect(response.status).toBe(409);
      expect(response.body.error.message).toContain('2027-01-01');
    });
  });

  describe('in January 2027', () => {
    beforeAll(async () => {
      await t.advanceTo('2027-01-04T10:00:00+08:00');
      // One more normative document issued in 2026: two in force.
      const data = referenceYearData();
      data.activeDisclosure.normativeDocuments = { issued: 1, repealed: 0, inForce: 2 };
      const put = await t.api('PUT', '/v1/agencies/niedui-town/years/2026', { body: data, token: officer() });
      expect(put.status).toBe(200);
    }, 120_000);

    it('refuses to publish 2026 while 2025 needs a correction, saying so in Chinese', async () => {
      const response = await t.api<ErrorBody>('POST', `${base}/2026/publish`, { token: officer() });

      expect(response.status).toBe(422);
      expect(response.body.error.failedChecks?.map((c) => c.name)).toEqual(['section3.carryOver']);
      expect(response.body.error.message).toContain('请先更正2025年度报告');
      expect(response.body.error.message).toContain('法律服务机构');
      expect(response.body.error.message).not.toMatch(/legal_service_org|section3\./);
    });

    it('keeps both revisions after a correction; the public sees revision 2 with its 更正说明; 2026 then publishes', async () => {
      // Act
      const reason = '补录2025年12月30日签收的邮寄申请1件（法律服务机构），结转下年度由0件更正为1件。';
      const corrected = await t.api<Summary>('POST', `${base}/2025/corrections`, {
        token: officer(),
        body: { reason },
      });
      const published2026 = await t.api<Summary>('POST', `${base}/2026/publish`, { token: officer() });

      // Assert
      expect(corrected.status).toBe(201);
      expect(corrected.body).toMatchObject({ status: 'published', revision: 2 });
      const revisions = await t.api<Revisions>('GET', `${base}/2025/revisions`);
      expect(revisions.body.revisions.map((r) => [r.revision, r.reason])).toEqual([
        [1, undefined],
        [2, reason],
      ]);
      expect(revisions.body.revisions[0]).not.toHaveProperty('publishedBy');
      const staffRevisions = await t.api<Revisions>('GET', `${base}/2025/revisions`, { token: officer() });
      expect(staffRevisions.body.correctionNeeded).toBeUndefined();

      const latest = await t.api<AnnualReport>('GET', `${base}/2025`);
      expect(latest.body.revision).toBe(2);
      expect(latest.body.corrections?.at(-1)?.reason).toBe(reason);
      expect(row(latest.body, 'carriedForward')?.legal_service_org).toBe(1);
      // The online application of 2025-11-29, still open, is carried over into 2026 (read without a per-case read).
      expect(row(latest.body, 'carriedForward')?.natural_person).toBe(1);
      const first = await t.api<AnnualReport>('GET', `${base}/2025?revision=1`);
      expect(first.body.revision).toBe(1);
      expect(row(first.body, 'carriedForward')?.legal_service_org).toBe(0);
      const html = await t.api<string>('GET', `${base}/2025?format=html`);
      expect(html.body).toContain('更正说明');
      expect(html.body).toContain('补录2025年12月30日签收的邮寄申请1件');
      expect((await t.api<ErrorBody>('GET', `${base}/2025?revision=3`)).status).toBe(404);

      expect(published2026.status).toBe(200);
      expect(published2026.body).toMatchObject({ status: 'published', revision: 1 });
      const report2026 = await t.api<AnnualReport>('GET', `${base}/2026`);
      expect(row(report2026.body, 'carriedOver')).toMatchObject({ natural_person: 1, legal_service_org: 1, total: 2 });
    });

    it('refuses a correction without its reason (400 naming 更正说明) and of an unpublished year (409)', async () => {
      const blank = await t.api<ErrorBody & { error: { fields?: { path: string; message: string }[] } }>(
        'POST',
        `${base}/2025/corrections`,
        { token: officer(), body: { reason: '  ' } },
      );
      const unpublished = await t.api<ErrorBody>('POST', `${base}/2024/corrections`, {
        token: officer(),
        body: { reason: '更正' },
      });

      expect(blank.status).toBe(400);
      expect(JSON.stringify(blank.body)).toContain('更正说明');
      expect(unpublished.status).toBe(409);
      expect(unpublished.body.error.code).toBe('report_not_published');
    });

    it('lists the published reports for the public, newest year first, the corrected one marked', async () => {
      const list = await t.api<PublicList>('GET', '/v1/reports?agencyId=niedui-town');
      const everyone = await t.api<PublicList>('GET', '/v1/reports');

      expect(list.status).toBe(200);
      expect(list.body.reports.map((r) => [r.year, r.revision, r.corrected])).toEqual([
        [2026, 1, false],
        [2025, 2, true],
      ]);
      expect(list.body.reports[1]?.title).toBe('聂堆镇人民政府2025年政府信息公开工作年度报告');
      expect(everyone.body.reports.filter((r) => r.agencyId === 'niedui-town')).toHaveLength(2);
    });

    it('warns about year data changed after publication and about 现行有效 not adding up, until a reason is given', async () => {
      // 2026 entered again with one normative document in force, as in 2025, though one more was issued.
      const data = referenceYearData();
      const changed = await t.api<{ warnings?: { code: string; field?: string; year?: number }[] }>(
        'PUT',
        '/v1/agencies/niedui-town/years/2026',
        { token: officer(), body: data },
      );
      const explained = await t.api<{ warnings?: { code: string }[] }>('PUT', '/v1/agencies/niedui-town/years/2026', {
        token: officer(),
        body: { ...data, activeDisclosure: { ...data.activeDisclosure, inForceReason: '1件文件到期自然失效' } },
      });

      expect(changed.status).toBe(200);
      expect(changed.body.warnings).toEqual([
        expect.objectContaining({ code: 'published_year_affected', year: 2026 }),
        expect.objectContaining({ code: 'in_force_mismatch', field: 'activeDisclosure.normativeDocuments.inForce' }),
      ]);
      expect(explained.body.warnings?.map((w) => w.code)).toEqual(['published_year_affected']);
    });
  });
});
