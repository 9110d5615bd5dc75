import { existsSync, readFileSync } from 'node:fs';
import {
  buildAnnualReport,
  evidenceOf,
  renderJson,
  renderMarkdown,
  SECTION3_ROW_LABELS,
  type AnnualReport,
} from '../../functions/shared/domain/annual-report';
import { NIEDUI, aCase, parseMarkdown, referenceYearData } from './annual-report-fixtures';

const REFERENCE_PATH = '/work/shared/reference/2024-annual-report-niedui-town.txt';
const REFERENCE = existsSync(REFERENCE_PATH) ? readFileSync(REFERENCE_PATH, 'utf8') : '';

/** The reference's numbers, hard-coded from reading it (used where the file is not at hand). */
const ZERO_ROW = [0, 0, 0, 0, 0, 0, 0];
const ONE_PERSON = [1, 0, 0, 0, 0, 0, 1];
const HARD_CODED = {
  section2: new Map([
    ['规章', [0, 0, 0]],
    ['行政规范性文件', [1, 0, 1]],
    ['行政许可', [69]],
    ['行政处罚', [0]],
    ['行政强制', [0]],
    ['行政事业性收费', [0]],
  ]),
  // 一, 二, （一）, （二）, 8 × （三）, 3 × （四）, 5 × （五）, 3 × （六）, （七）, 四
  section3: [ONE_PERSON, ZERO_ROW, ONE_PERSON, ...Array.from({ length: 20 }, () => ZERO_ROW), ONE_PERSON, ZERO_ROW],
  section4: Array.from({ length: 15 }, () => 0),
  section6: '按照《政府信息公开信息处理费管理办法》规定的按件、按量收费标准，本年度没有产生信息公开处理费。',
};

/** The reference report's text between two headings. */
function referenceBetween(from: string, to: string): string[] {
  const start = REFERENCE.indexOf(from);
  const end = REFERENCE.indexOf(to, start);
  return REFERENCE.slice(start, end).split('\n');
}
const isNumber = (c: string): boolean => /^\d+(\.\d+)?$/.test(c.trim());
const normalise = (s: string): string =>
  s.replace(/\s+/g, '').replace(/\(/g, '（').replace(/\)/g, '）').replace(/,/g, '，');

/** Section 二 of the reference: label → numbers. */
function referenceSection2(): Map<string, number[]> {
  if (!REFERENCE) return HARD_CODED.section2;
  const rows = new Map<string, number[]>();
  for (const line of referenceBetween('## 二、', '### 三、')) {
    const cells = line.split('\t').filter((c) => c.trim() !== '');
    if (cells.length >= 2 && cells.slice(1).every(isNumber)) rows.set(cells[0]!.trim(), cells.slice(1).map(Number));
  }
  return rows;
}

/** Section 三 of the reference: the 25 rows (label, 7 numbers) in order. */
function referenceSection3(): { label: string; numbers: number[] }[] {
  if (!REFERENCE) return HARD_CODED.section3.map((numbers, i) => ({ label: SECTION3_ROW_LABELS[i]!.label, numbers }));
  return referenceBetween('### 三、', '#### 四、').flatMap((line) => {
    const cells = line.split('\t').filter((c) => c.trim() !== '');
    const numbers = cells.filter(isNumber).map(Number);
    if (numbers.length !== 7) return [];
    return [{ label: cells.filter((c) => !isNumber(c)).at(-1) ?? '', numbers }];
  });
}

/** Section 四 of the reference: the row of 15 numbers. */
function referenceSection4(): number[] {
  if (!REFERENCE) return HARD_CODED.section4;
  const line = referenceBetween('#### 四、', '#### 五、').find((l) => {
    const cells = l.split('\t').filter((c) => c.trim() !== '');
    return cells.length === 15 && cells.every(isNumber);
  });
  return (line ?? '').split('\t').filter(isNumber).map(Number);
}

describe('annual report: replay of the 2024 reference report of 聂堆镇人民政府', () => {
  // Arrange (shared): one natural person's application received in 2024 and disclosed in 2024.
  const report: AnnualReport = buildAnnualReport({
    agency: NIEDUI,
    year: 2024,
    cases: [aCase({ caseId: 'c-2024-1', receivedOn: '2024-05-13', closedOn: '2024-05-27', outcome: 'disclosed' })],
    yearData: referenceYearData(),
    generatedAt: '2025-01-06T01:00:00.000Z',
  });
  const md = renderMarkdown(report);
  const parsed = parseMarkdown(md);

  it('reads from the reference file the same numbers as hard-coded from reading it', () => {
    if (!REFERENCE) return expect(REFERENCE_PATH).toBeTruthy(); // file not at hand: hard-coded numbers stand
    expect(referenceSection3().map((r) => r.numbers)).toEqual(HARD_CODED.section3);
    expect(referenceSection4()).toEqual(HARD_CODED.section4);
    expect(referenceSection2()).toEqual(HARD_CODED.section2);
    expect(REFERENCE.trim().split('\n').at(-1)).toBe(HARD_CODED.section6);
  });

  it('prints the title and the six section headings in the reference order', () => {
    expect(parsed.title).toBe('聂堆镇人民政府2024年政府信息公开工作年度报告');
    expect(parsed.sections.map((s) => s.heading)).toEqual([
      '一、总体情况',
      '二、主动公开政府信息情况',
      '三、收到和处理政府信息公开申请情况',
      '四、政府信息公开行政复议、行政诉讼情况',
      '五、存在的主要问题及改进情况',
      '六、其他需要报告的事项',
    ]);
  });

  it('prints every number of section 二 as the reference does', () => {
    const tables = parsed.sections[1]!.tables;
    const rendered = new Map(tables.flatMap((t) => t.slice(1).map((r) => [r[0]!, r.slice(1).map(Number)] as const)));
    const reference = referenceSection2();
    expect([...rendered.keys()].sort()).toEqual([...reference.keys()].sort());
    for (const [label, numbers] of reference) expect(rendered.get(label)).toEqual(numbers);
    expect(tables.map((t) => t[0])).toEqual([
      ['信息内容', '本年制发件数', '本年废止件数', '现行有效件数'],
      ['信息内容', '本年处理决定数量'],
      ['信息内容', '本年处理决定数量'],
      ['信息内容', '本年收费金额（单位：万元）'],
    ]);
  });

  it('prints section 三 with the reference columns, row labels and numbers, row by row', () => {
    const [table] = parsed.sections[2]!.tables;
    expect(table![0]!.slice(1)).toEqual([
      '自然人',
      '商业企业',
      '科研机构',
      '社会公益组织',
      '法律服务机构',
      '其他',
      '总计',
    ]);
    const body = table!.slice(1);
    const reference = referenceSection3();
    expect(body).toHaveLength(reference.length);
    body.forEach((row, i) => {
      expect(normalise(row[0]!)).toContain(normalise(reference[i]!.label));
      expect(row.slice(1).map(Number)).toEqual(reference[i]!.numbers);
    });
  });

  it('prints the 15 numbers of section 四 as the reference does', () => {
    const [table] = parsed.sections[3]!.tables;
    expect(table![0]).toHaveLength(15);
    expect(table![1]!.map(Number)).toEqual(referenceSection4());
  });

  it('says in section 六 that no processing fee arose, in the reference wording', () => {
    expect(parsed.sections[5]!.lines.join('\n')).toContain(HARD_CODED.section6);
  });

  it('carries the same numbers in the JSON, with stable keys and every check passing; the cases behind the cells in the evidence', () => {
    const json = JSON.parse(renderJson(report)) as AnnualReport;
    expect(Object.keys(json)).toEqual(
      expect.arrayContaining([
        'agency',
        'year',
        'section2',
        'section3',
        'section4',
        'narrative',
        'section6Fees',
        'charts',
        'checks',
      ]),
    );
    expect(json.section2.normativeDocuments).toEqual({ issued: 1, repealed: 0, inForce: 1 });
    expect(json.section2.licensingDecisions).toBe(69);
    expect(json.section3.rows.map((r) => r.key)).toEqual(SECTION3_ROW_LABELS.map((r) => r.key));
    json.section3.rows.forEach((row, i) => {
      const c = row.values;
      expect([
        c.natural_person,
        c.commercial_enterprise,
        c.research_institution,
        c.social_welfare_org,
        c.legal_service_org,
        c.other_org,
        c.total,
      ]).toEqual(referenceSection3()[i]!.numbers);
    });
    expect(json.section3.rows.every((r) => r.caseIds === undefined)).toBe(true);
    expect(evidenceOf(report).section3.disclosed?.natural_person).toEqual(['c-2024-1']);
    expect(Object.values(json.section4).flatMap((b) => Object.values(b))).toEqual(referenceSection4());
    expect(json.checks.every((c) => c.passed)).toBe(true);
    expect(json.publishable).toBe(true);
    expect(json.charts.applicationsPerMonth.find((m) => m.month === 5)?.count).toBe(1);
  });
});
