import { GetObjectCommand, HeadObjectCommand } from '@aws-sdk/client-s3';
import { XMLParser } from 'fast-xml-parser';
import { strFromU8, unzipSync } from 'fflate';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { chromium } from 'playwright-core';
import type { AnnualReport, YearData } from '../../functions/shared/domain/annual-report';
import { sampleApplication, startTestSystem, type TestSystem } from '../support/local-system';
import { parseMarkdown, referenceYearData as referenceYearDataWith } from '../unit/annual-report-fixtures';

/**
 * The annual report through the HTTP API of the local system (issue 6): year data entry, generation into S3,
 * the draft/published lifecycle, roll-ups, and the replay of the 2024 reference report of 聂堆镇人民政府 from a
 * case submitted and replied through the API, read back as Markdown, JSON, Word and in Chromium.
 */

const CHROMIUM = '/usr/bin/chromium';
const SCREENSHOT = path.resolve(__dirname, '..', '..', 'artifacts', 'screenshots', 'annual-report.png');
const REFERENCE_PATH = '/work/shared/reference/2024-annual-report-niedui-town.txt';

/** The reference report's year data (section 二 as printed; section 四 all zero), with its narrative. */
const referenceYearData = (): YearData =>
  referenceYearDataWith({
    overview:
      '2024 年，聂堆镇人民政府高度重视政府信息公开工作。\n2024 年我镇收到要求公开政府信息的申请 1 条，并依法公开信息。',
    problems: '政务公开工作队伍建设还需加强。',
    other: '',
  });

/** The reference report's numbers, as read from the reference file (checked against it when it is at hand). */
const ZERO_ROW = [0, 0, 0, 0, 0, 0, 0];
const ONE_PERSON = [1, 0, 0, 0, 0, 0, 1];
const REFERENCE = {
  section2: [
    ['规章', 0, 0, 0],
    ['行政规范性文件', 1, 0, 1],
    ['行政许可', 69],
    ['行政处罚', 0],
    ['行政强制', 0],
    ['行政事业性收费', 0],
  ] as [string, ...number[]][],
  // 一, 二, （一）, （二）, 8 × （三）, 3 × （四）, 5 × （五）, 3 × （六）, （七）, 四
  section3: [ONE_PERSON, ZERO_ROW, ONE_PERSON, ...Array.from({ length: 20 }, () => ZERO_ROW), ONE_PERSON, ZERO_ROW],
  section4: Array.from({ length: 15 }, () => 0),
};

const isNumber = (c: string): boolean => /^\d+(\.\d+)?$/.test(c.trim());

/** The numbers of the reference file: section 二 rows, the 25 rows of section 三, the 15 of section 四. */
function readReferenceFile(text: string) {
  const between = (from: string, to: string) => {
    const start = text.indexOf(from);
    return text.slice(start, text.indexOf(to, start)).split('\n');
  };
  const cellsOf = (line: string) => line.split('\t').filter((c) => c.trim() !== '');
  return {
    section2: between('## 二、', '### 三、')
      .map(cellsOf)
      .filter((cells) => cells.length >= 2 && cells.slice(1).every(isNumber))
      .map(([label, ...numbers]) => [label?.trim(), ...numbers.map(Number)]),
    section3: between('### 三、', '#### 四、')
      .map((line) => cellsOf(line).filter(isNumber).map(Number))
      .filter((numbers) => numbers.length === 7),
    section4: between('#### 四、', '#### 五、')
      .map(cellsOf)
      .filter((cells) => cells.length === 15 && cells.every(isNumber))
      .flat()
      .map(Number),
  };
}

type XmlNode = string | number | boolean | XmlNode[] | { [key: string]: XmlNode };

/** All `w:t` text under a node of `word/document.xml`. */
function textOf(node: XmlNode | undefined): string {
  if (node === undefined || typeof node !== 'object') return '';
  if (Array.isArray(node)) return node.map(textOf).join('');
  return Object.entries(node)
    .map(([key, value]) => {
      if (key === 'w:t')
        return (Array.isArray(value) ? value : [value])
          .map((v) => (typeof v === 'object' && !Array.isArray(v) ? String(v['#text'] ?? '') : String(v)))
          .join('');
      return key.startsWith('@_') ? '' : textOf(value);
    })
    .join('');
}

/** The tables of a `.docx` (unzipped, XML parsed), each as rows of cell texts. */
function docxTables(docx: Uint8Array): string[][][] {
  const xml = strFromU8(unzipSync(docx)['word/document.xml'] ?? new Uint8Array());
  const parser = new XMLParser({
    ignoreAttributes: false,
    parseTagValue: false,
    isArray: (name) => ['w:tbl', 'w:tr', 'w:tc', 'w:p', 'w:r', 'w:t'].includes(name),
  });
  const doc = parser.parse(xml) as { 'w:document': { 'w:body': { 'w:tbl': { 'w:tr': { 'w:tc': XmlNode[] }[] }[] } } };
  return doc['w:document']['w:body']['w:tbl'].map((tbl) => tbl['w:tr'].map((tr) => tr['w:tc'].map(textOf)));
}

/** The seven section 三 numbers of a JSON row, in the official column order. */
const columnsOf = (v: AnnualReport['section3']['rows'][number]['values']) => [
  v.natural_person,
  v.commercial_enterprise,
  v.research_institution,
  v.social_welfare_org,
  v.legal_service_org,
  v.other_org,
  v.total,
];

interface ErrorBody {
  error: {
    code: string;
    message: string;
    fields?: { path: string; message: string }[];
    failedChecks?: { name: string }[];
  };
}
interface Summary {
  status: string;
  publishable: boolean;
  checks: { name: string; passed: boolean }[];
}

describe('the annual report through the HTTP API of the local system', () => {
  let t: TestSystem;
  const niedui = () => t.tokens['niedui-town'];
  const xihua = () => t.tokens['xihua-county'];

  beforeAll(async () => {
    t = await startTestSystem({ virtualClock: '2024-09-27T10:00:00+08:00' });
  }, 60_000);
  afterAll(async () => {
    await t?.stop();
  });

  describe('year data entry', () => {
    it('refuses year data without a staff token (401)', async () => {
      const response = await t.api<ErrorBody>('PUT', '/v1/agencies/niedui-town/years/2024', {
        body: referenceYearData(),
      });
      expect(response.status).toBe(401);
    });

    it("refuses another agency's staff (403)", async () => {
      const response = await t.api<ErrorBody>('PUT', '/v1/agencies/niedui-town/years/2024', {
        body: referenceYearData(),
        token: xihua(),
      });
      expect(response.status).toBe(403);
      expect(response.body.error.code).toBe('forbidden');
    });

    it('answers 400 naming every bad field, including a 总计 that is not the sum of its parts', async () => {
      // Arrange
      const data = referenceYearData();
      const body = {
        ...data,
        activeDisclosure: { ...data.activeDisclosure, licensingDecisions: -1, surprise: 1 },
        reviewAndLitigation: {
          ...data.reviewAndLitigation,
          review: { upheld: 1, corrected: 0, other: 0, pending: 0, total: 2 },
        },
      };

      // Act
      const response = await t.api<ErrorBody>('PUT', '/v1/agencies/niedui-town/years/2024', {
        body,
        token: niedui(),
      });

      // Assert
      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe('validation_failed');
      const fields = Object.fromEntries((response.body.error.fields ?? []).map((f) => [f.path, f.message]));
      expect(Object.keys(fields).sort()).toEqual([
        'activeDisclosure.licensingDecisions',
        'activeDisclosure.surprise',
        'reviewAndLitigation.review.total',
      ]);
      expect(fields['activeDisclosure.licensingDecisions']).toContain('行政许可本年处理决定数量');
      expect(fields['reviewAndLitigation.review.total']).toContain('总计（2）');
    });

    it('answers 400 for a year that is not four digits', async () => {
      const response = await t.api<ErrorBody>('PUT', '/v1/agencies/niedui-town/years/24', {
        body: referenceYearData(),
        token: niedui(),
      });
      expect(response.status).toBe(400);
      expect(response.body.error.fields?.map((f) => f.path)).toEqual(['year']);
    });

    it('stores valid year data and gives it back with who entered it', async () => {
      // Arrange
      expect((await t.api('GET', '/v1/agencies/xihua-county/years/2021', { token: xihua() })).status).toBe(404);

      // Act
      const put = await t.api('PUT', '/v1/agencies/xihua-county/years/2021', {
        body: referenceYearData(),
        token: xihua(),
      });
      const got = await t.api<{ data: YearData; updatedBy: string; updatedAt: string }>(
        'GET',
        '/v1/agencies/xihua-county/years/2021',
        { token: xihua() },
      );

      // Assert
      expect(put.status).toBe(200);
      expect(got.status).toBe(200);
      expect(got.body.data).toEqual(referenceYearData());
      expect(got.body.updatedBy).toBe('staff@xihua-county');
      expect(got.body.updatedAt).toBe('2024-09-27T02:00:00.000Z');
    });
  });

  describe('draft and publication (西华县, 2023)', () => {
    it('refuses to publish a year without year data, listing the failed check (422)', async () => {
      // Act
      const response = await t.api<ErrorBody>('POST', '/v1/agencies/xihua-county/reports/2022/publish', {
        token: xihua(),
      });

      // Assert
      expect(response.status).toBe(422);
      expect(response.body.error.code).toBe('report_not_publishable');
      expect(response.body.error.failedChecks?.map((c) => c.name)).toEqual(['yearData.entered']);
    });

    it('generates a draft into S3 in four formats, visible to the agency only', async () => {
      // Arrange
      await t.api('PUT', '/v1/agencies/xihua-county/years/2023', { body: referenceYearData(), token: xihua() });

      // Act
      const generated = await t.api<Summary>('POST', '/v1/agencies/xihua-county/reports/2023', { token: xihua() });

      // Assert
      expect(generated.status).toBe(201);
      expect(generated.body).toMatchObject({ status: 'draft', publishable: true });
      const contentTypes: Record<string, string> = {};
      for (const ext of ['json', 'md', 'html', 'docx']) {
        const head = await t.system.clients.s3.send(
          new HeadObjectCommand({ Bucket: t.system.bucketName, Key: `reports/xihua-county/2023/report.${ext}` }),
        );
        contentTypes[ext] = head.ContentType ?? '';
      }
      expect(contentTypes).toEqual({
        json: 'application/json; charset=utf-8',
        md: 'text/markdown; charset=utf-8',
        html: 'text/html; charset=utf-8',
        docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      });
      expect((await t.api('GET', '/v1/agencies/xihua-county/reports/2023?format=md')).status).toBe(404);
      expect((await t.api('GET', '/v1/agencies/xihua-county/reports/2023', { token: niedui() })).status).toBe(404);
      const staff = await t.api<AnnualReport>('GET', '/v1/agencies/xihua-county/reports/2023', { token: xihua() });
      expect(staff.status).toBe(200);
      expect(staff.body).toMatchObject({ status: 'draft', year: 2023, agency: { agencyId: 'xihua-county' } });
    });

    it('publishes the report, which then anyone may read, and never regenerates or changes it (409)', async () => {
      // Act
      const published = await t.api<Summary>('POST', '/v1/agencies/xihua-county/reports/2023/publish', {
        token: xihua(),
      });

      // Assert
      expect(published.status).toBe(200);
      expect(published.body.status).toBe('published');
      const md = await t.api<string>('GET', '/v1/agencies/xihua-county/reports/2023?format=md');
      expect(md.status).toBe(200);
      expect(md.body).toContain('西华县人民政府办公室2023年政府信息公开工作年度报告');
      const publicJson = await t.api<AnnualReport>('GET', '/v1/agencies/xihua-county/reports/2023');
      expect(publicJson.body).toMatchObject({ status: 'published', publishedAt: '2024-09-27T02:00:00.000Z' });
      const stored = await t.system.clients.s3.send(
        new GetObjectCommand({ Bucket: t.system.bucketName, Key: 'reports/xihua-county/2023/report.json' }),
      );
      expect(JSON.parse((await stored.Body?.transformToString()) ?? '{}')).toMatchObject({ status: 'published' });

      const again = await t.api<ErrorBody>('POST', '/v1/agencies/xihua-county/reports/2023', { token: xihua() });
      expect(again.status).toBe(409);
      expect(again.body.error.code).toBe('report_published');
      const republish = await t.api<ErrorBody>('POST', '/v1/agencies/xihua-county/reports/2023/publish', {
        token: xihua(),
      });
      expect(republish.status).toBe(409);
      // Year data may still change (for a correction), with a warning that the published report needs one.
      const edit = await t.api<{ warnings?: { code: string; year: number }[] }>(
        'PUT',
        '/v1/agencies/xihua-county/years/2023',
        { body: referenceYearData(), token: xihua() },
      );
      expect(edit.status).toBe(200);
      expect(edit.body.warnings).toEqual([expect.objectContaining({ code: 'published_year_affected', year: 2023 })]);
    });

    it('serves the Word file base64-decoded with its content type and a file name', async () => {
      const response = await fetch(`${t.baseUrl}/v1/agencies/xihua-county/reports/2023?format=docx`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe(
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      );
      expect(response.headers.get('content-disposition')).toContain('report-xihua-county-2023.docx');
      const bytes = new Uint8Array(await response.arrayBuffer());
      expect(strFromU8(bytes.subarray(0, 2))).toBe('PK');
    });
  });

  describe('roll-up', () => {
    it('refuses a roll-up that includes an agency the staff member may not see (403)', async () => {
      const response = await t.api('GET', '/v1/rollups/2023?agencies=xihua-county,niedui-town', { token: niedui() });
      expect(response.status).toBe(403);
    });

    it('sums the report over the agencies an administrator names, listing them', async () => {
      // Act
      const response = await t.api<AnnualReport>('GET', '/v1/rollups/2023?agencies=xihua-county,niedui-town', {
        token: t.tokens['*'],
      });

      // Assert
      expect(response.status).toBe(200);
      expect(response.body.rollUpOf?.map((a) => a.agencyId)).toEqual(['xihua-county', 'niedui-town']);
      // 西华县 published its year data (69 licensing decisions); 聂堆镇 entered none for 2023.
      expect(response.body.section2.licensingDecisions).toBe(69);
      expect(response.body.checks.find((c) => c.name === 'yearData.entered')?.passed).toBe(false);
    });
  });

  describe('replay of the 2024 reference report of 聂堆镇人民政府 from a case entered through the API', () => {
    let md = '';
    let report: AnnualReport;

    beforeAll(async () => {
      // One natural person applies online on 2024-09-27; the draft made while the case is open carries it forward.
      const submitted = await t.api<{ caseId: string; receivedOn: string }>('POST', '/v1/requests', {
        body: sampleApplication(),
      });
      if (submitted.status !== 201)
        throw new Error(`POST /v1/requests: ${submitted.status} ${JSON.stringify(submitted.body)}`);
      expect(submitted.body.receivedOn).toBe('2024-09-27');
      const early = await t.api<Summary>('POST', '/v1/agencies/niedui-town/reports/2024', { token: niedui() });
      expect(early.status).toBe(201);

      // The office discloses on 2024-10-10.
      await t.advanceTo('2024-10-10T10:00:00+08:00');
      const replied = await t.api('POST', `/v1/cases/${submitted.body.caseId}/actions`, {
        token: niedui(),
        body: {
          type: 'reply',
          expectedVersion: 1,
          outcome: 'disclosed',
          repliedOn: '2024-10-10',
          summary: '予以公开：提供招标文件电子版',
        },
      });
      if (replied.status !== 200) throw new Error(`reply: ${replied.status} ${JSON.stringify(replied.body)}`);
    }, 60_000);

    it('refuses to publish a year before it is over (409 naming the first day it may be)', async () => {
      // Arrange
      await t.api('PUT', '/v1/agencies/niedui-town/years/2024', { body: referenceYearData(), token: niedui() });

      // Act
      const response = await t.api<ErrorBody>('POST', '/v1/agencies/niedui-town/reports/2024/publish', {
        token: niedui(),
      });

      // Assert
      expect(response.status).toBe(409);
      expect(response.body.error.code).toBe('year_not_over');
      expect(response.body.error.message).toContain('2025-01-01');
    });

    describe('after the year data is entered and the report regenerated in January', () => {
      beforeAll(async () => {
        await t.advanceTo('2025-01-01T10:00:00+08:00');
        const put = await t.api('PUT', '/v1/agencies/niedui-town/years/2024', {
          body: referenceYearData(),
          token: niedui(),
        });
        expect(put.status).toBe(200);
        const generated = await t.api<Summary>('POST', '/v1/agencies/niedui-town/reports/2024', { token: niedui() });
        expect(generated.status).toBe(201);
        md = (await t.api<string>('GET', '/v1/agencies/niedui-town/reports/2024?format=md', { token: niedui() })).body;
        report = (await t.api<AnnualReport>('GET', '/v1/agencies/niedui-town/reports/2024', { token: niedui() })).body;
      }, 60_000);

      it('uses the numbers of the reference file itself when it is at hand', () => {
        if (!existsSync(REFERENCE_PATH)) return;
        const read = readReferenceFile(readFileSync(REFERENCE_PATH, 'utf8'));
        expect(read.section2).toEqual(REFERENCE.section2);
        expect(read.section3).toEqual(REFERENCE.section3);
        expect(read.section4).toEqual(REFERENCE.section4);
      });

      it('prints every number of sections 二, 三 and 四 of the Markdown as the reference does', () => {
        const { title, sections } = parseMarkdown(md);
        expect(title).toBe('聂堆镇人民政府2024年政府信息公开工作年度报告');
        const section2 = sections[1]?.tables.flatMap((table) => table.slice(1)) ?? [];
        expect(section2.map(([label, ...cells]) => [label, ...cells.map(Number)])).toEqual(REFERENCE.section2);
        const section3 = sections[2]?.tables[0]?.slice(1) ?? [];
        expect(section3.map((row) => row.slice(1).map(Number))).toEqual(REFERENCE.section3);
        expect(sections[3]?.tables[0]?.[1]?.map(Number)).toEqual(REFERENCE.section4);
      });

      it('carries the same numbers in the JSON, every check passing', () => {
        const a = report.section2;
        expect([
          ['规章', a.regulations.issued, a.regulations.repealed, a.regulations.inForce],
          ['行政规范性文件', a.normativeDocuments.issued, a.normativeDocuments.repealed, a.normativeDocuments.inForce],
          ['行政许可', a.licensingDecisions],
          ['行政处罚', a.penaltyDecisions],
          ['行政强制', a.enforcementDecisions],
          ['行政事业性收费', a.feesCollectedTenThousandYuan],
        ]).toEqual(REFERENCE.section2);
        expect(report.section3.rows.map((row) => columnsOf(row.values))).toEqual(REFERENCE.section3);
        expect(Object.values(report.section4).flatMap((block) => Object.values(block))).toEqual(REFERENCE.section4);
        expect(report.checks.filter((c) => !c.passed)).toEqual([]);
        expect(report.charts.applicationsPerMonth.find((m) => m.month === 9)?.count).toBe(1);
      });

      it('holds the section 三 table with the right numbers in the Word file', async () => {
        // Act
        const response = await fetch(`${t.baseUrl}/v1/agencies/niedui-town/reports/2024?format=docx`, {
          headers: { authorization: `Bearer ${niedui()}` },
        });
        const tables = docxTables(new Uint8Array(await response.arrayBuffer()));

        // Assert
        const section3 = tables.find((table) => table.some((row) => row[0]?.startsWith('一、本年新收')));
        expect(section3).toBeDefined();
        // Rows of section 三 end in its seven numbers; their labels are merged across up to three cells.
        const body = (section3 ?? []).filter((row) => row.length >= 8 && row.slice(-7).every(isNumber));
        expect(body.map((row) => row.slice(-7).map(Number))).toEqual(REFERENCE.section3);
      });

      it('renders the published HTML in Chromium with its tables and charts, and saves a screenshot', async () => {
        // Arrange
        if (!existsSync(CHROMIUM))
          throw new Error(`Chromium is missing at ${CHROMIUM}: install it with \`apt-get install -y chromium\``);
        const published = await t.api('POST', '/v1/agencies/niedui-town/reports/2024/publish', { token: niedui() });
        expect(published.status).toBe(200);
        const browser = await chromium.launch({
          executablePath: CHROMIUM,
          args: [
            '--headless',
            '--no-sandbox',
            '--disable-gpu',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
          ],
        });
        try {
          const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });

          // Act: anyone may open the published report.
          const response = await page.goto(`${t.baseUrl}/v1/agencies/niedui-town/reports/2024?format=html`);
          mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
          await page.screenshot({ path: SCREENSHOT, fullPage: true });

          // Assert
          expect(response?.status()).toBe(200);
          expect(await page.title()).toContain('聂堆镇人民政府2024年政府信息公开工作年度报告');
          expect(await page.locator('table').count()).toBeGreaterThanOrEqual(6);
          const charts = page.locator('svg');
          expect(await charts.count()).toBeGreaterThanOrEqual(2);
          const box = await charts.first().boundingBox();
          expect(box?.width ?? 0).toBeGreaterThan(100);
          expect(box?.height ?? 0).toBeGreaterThan(50);
          expect(statSync(SCREENSHOT).size).toBeGreaterThan(10_000);
        } finally {
          await browser.close();
        }
      }, 60_000);
    });
  });
});
