import fc from 'fast-check';
import {
  afterReviewViolations,
  appealAffectedYears,
  appealFilingViolations,
  appealResultCheck,
  filingPeriodEnd,
  type AppealKind,
  type AppealResult,
} from '../../functions/shared/domain/appeals';
import {
  buildAnnualReport,
  countSection4,
  evidenceOf,
  renderHtml,
  renderJson,
  renderMarkdown,
  rollUp,
  section4ColumnOf,
  section4SourceNote,
  type AnnualReport,
  type ReportAppeal,
  type ReviewAndLitigation,
} from '../../functions/shared/domain/annual-report';
import { renderDocx } from '../../functions/shared/files/report-docx';
import { readDocx } from '../support/docx-read';
import { NIEDUI, aCase, parseMarkdown, referenceYearData } from './annual-report-fixtures';

/** An appeal of 聂堆镇 (design.md §9 "The desk: Appeals"). */
function anAppeal(
  appealId: string,
  kind: AppealKind,
  filedOn: string,
  decided?: { result: AppealResult; decidedOn: string },
): ReportAppeal {
  return { appealId, agencyId: NIEDUI.agencyId, kind, filedOn, ...(decided ?? {}) };
}

/** Section 四 as its 15 numbers in the official order (复议; 直接起诉; 复议后起诉; each 维持/纠正/其他/尚未审结/总计). */
const cells = (t: ReviewAndLitigation): number[] =>
  [t.review, t.litigationDirect, t.litigationAfterReview].flatMap((b) => [
    b.upheld,
    b.corrected,
    b.other,
    b.pending,
    b.total,
  ]);

describe('where an appeal stands in section 四 of a year', () => {
  it.each([
    // filedOn, decided, year, column
    ['2024-03-01', undefined, 2024, 'pending'],
    ['2024-03-01', { result: 'upheld', decidedOn: '2024-05-01' }, 2024, 'upheld'],
    ['2024-03-01', { result: 'corrected', decidedOn: '2024-12-31' }, 2024, 'corrected'],
    ['2024-03-01', { result: 'other', decidedOn: '2024-05-01' }, 2024, 'other'],
    // pending across the year end: 尚未审结 in the year filed, by its result in the year decided
    ['2024-11-02', { result: 'upheld', decidedOn: '2025-01-01' }, 2024, 'pending'],
    ['2024-11-02', { result: 'upheld', decidedOn: '2025-01-01' }, 2025, 'upheld'],
    // still pending two year ends later
    ['2023-12-31', undefined, 2023, 'pending'],
    ['2023-12-31', undefined, 2025, 'pending'],
    // decided in an earlier year: not in the table any more
    ['2023-06-01', { result: 'corrected', decidedOn: '2023-12-31' }, 2024, undefined],
    // filed after the year: not yet in the table
    ['2025-01-01', undefined, 2024, undefined],
    ['2025-01-01', { result: 'upheld', decidedOn: '2025-02-01' }, 2024, undefined],
  ] as const)('filed %s, decided %j: in %i → %s', (filedOn, decided, year, column) => {
    expect(section4ColumnOf({ filedOn, ...(decided ?? {}) }, year)).toBe(column);
  });
});

describe('section 四 counted from tracked appeals', () => {
  it.each<[string, ReportAppeal[], number, number[]]>([
    [
      'acceptance 4: three reviews (upheld, corrected, pending) and a direct lawsuit upheld',
      [
        anAppeal('r1', 'review', '2024-04-01', { result: 'upheld', decidedOn: '2024-06-01' }),
        anAppeal('r2', 'review', '2024-05-01', { result: 'corrected', decidedOn: '2024-07-01' }),
        anAppeal('r3', 'review', '2024-11-20'),
        anAppeal('l1', 'litigation_direct', '2024-03-01', { result: 'upheld', decidedOn: '2024-09-01' }),
      ],
      2024,
      [1, 1, 0, 1, 3, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0],
    ],
    [
      'a review pending across the year end and decided in the next year',
      [anAppeal('r1', 'review', '2024-12-15', { result: 'corrected', decidedOn: '2025-02-10' })],
      2024,
      [0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
    ],
    [
      'the same review in the year it is decided',
      [anAppeal('r1', 'review', '2024-12-15', { result: 'corrected', decidedOn: '2025-02-10' })],
      2025,
      [0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
    ],
    [
      'a review decided, then a lawsuit after it pending, then decided the next year',
      [
        anAppeal('r1', 'review', '2024-02-01', { result: 'upheld', decidedOn: '2024-04-01' }),
        anAppeal('a1', 'litigation_after_review', '2024-04-10', { result: 'other', decidedOn: '2025-03-01' }),
      ],
      2024,
      [1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1],
    ],
    [
      'the lawsuit after review in the year it is decided (the review is out of the table)',
      [
        anAppeal('r1', 'review', '2024-02-01', { result: 'upheld', decidedOn: '2024-04-01' }),
        anAppeal('a1', 'litigation_after_review', '2024-04-10', { result: 'other', decidedOn: '2025-03-01' }),
      ],
      2025,
      [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1],
    ],
    [
      'appeals of another agency, a repeated appealId, and appeals filed after the year are ignored',
      [
        anAppeal('r1', 'review', '2024-02-01'),
        anAppeal('r1', 'review', '2024-02-01'),
        { ...anAppeal('x1', 'review', '2024-02-01'), agencyId: 'xihua-county' },
        anAppeal('r9', 'litigation_direct', '2025-01-01'),
      ],
      2024,
      [0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
    ],
    ['no appeals', [], 2024, Array.from({ length: 15 }, () => 0)],
  ])('%s', (_name, appeals, year, expected) => {
    expect(cells(countSection4(NIEDUI.agencyId, year, appeals).counts)).toEqual(expected);
  });

  it('lists the appeals counted, once each, for the evidence', () => {
    const appeals = [
      anAppeal('b', 'review', '2024-02-01'),
      anAppeal('a', 'review', '2024-03-01'),
      anAppeal('b', 'review', '2024-02-01'),
    ];
    expect(countSection4(NIEDUI.agencyId, 2024, appeals).appealIds).toEqual(['a', 'b']);
  });
});

describe('section 四 over the years (property)', () => {
  const day = (offset: number) => new Date(Date.UTC(2022, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10);
  const anyAppeal = fc
    .record({
      kind: fc.constantFrom<AppealKind>('review', 'litigation_direct', 'litigation_after_review'),
      filed: fc.integer({ min: 0, max: 4 * 365 }),
      decided: fc.option(
        fc.record({
          after: fc.integer({ min: 0, max: 800 }),
          result: fc.constantFrom<AppealResult>('upheld', 'corrected', 'other'),
        }),
      ),
    })
    .map(({ kind, filed, decided }) =>
      decided
        ? anAppeal('p', kind, day(filed), { result: decided.result, decidedOn: day(filed + decided.after) })
        : anAppeal('p', kind, day(filed)),
    );

  it('counts an appeal 尚未审结 at every year end from its filing to its decision, and by its result once, in the year decided', () => {
    fc.assert(
      fc.property(anyAppeal, (appeal) => {
        const years = [2021, 2022, 2023, 2024, 2025, 2026, 2027, 2028];
        const columns = years.map((y) => section4ColumnOf(appeal, y));
        const filedYear = Number(appeal.filedOn.slice(0, 4));
        const decidedYear = appeal.decidedOn ? Number(appeal.decidedOn.slice(0, 4)) : Infinity;
        years.forEach((y, i) => {
          const expected = y < filedYear || y > decidedYear ? undefined : y === decidedYear ? appeal.result : 'pending';
          expect(columns[i]).toBe(expected);
        });
        expect(columns.filter((c) => c !== undefined && c !== 'pending')).toHaveLength(appeal.result ? 1 : 0);
      }),
    );
  });

  it('makes every 总计 the sum of its four parts and of the appeals in the year', () => {
    fc.assert(
      fc.property(fc.array(anyAppeal, { maxLength: 30 }), fc.integer({ min: 2022, max: 2026 }), (raw, year) => {
        const appeals = raw.map((a, i) => ({ ...a, appealId: `a${i}` }));
        const { counts, appealIds } = countSection4(NIEDUI.agencyId, year, appeals);
        for (const b of [counts.review, counts.litigationDirect, counts.litigationAfterReview])
          expect(b.total).toBe(b.upheld + b.corrected + b.other + b.pending);
        const inYear = appeals.filter((a) => section4ColumnOf(a, year) !== undefined);
        expect(counts.review.total + counts.litigationDirect.total + counts.litigationAfterReview.total).toBe(
          inYear.length,
        );
        expect(appealIds).toHaveLength(inYear.length);
      }),
    );
  });
});

describe('the note under section 四 saying where the figures come from', () => {
  it.each([
    [4, 0, '注：本表数据由系统登记的4件复议诉讼案件统计。'],
    [4, 2, '注：本表数据中，4件由系统登记的复议诉讼案件统计，另含年度数据中手工录入的未在系统登记的2件。'],
    [0, 2, '注：本表数据为年度数据中手工录入的2件（未在系统登记复议诉讼案件）。'],
    [0, 0, '注：系统未登记本年度的复议诉讼案件，年度数据中也未录入。'],
  ])('%i tracked, %i entered → %s', (tracked, entered, note) => {
    expect(section4SourceNote(tracked, entered)).toBe(note);
  });
});

describe('the 2024 report of 聂堆镇 with tracked appeals and typed figures for untracked ones', () => {
  const yearData = referenceYearData();
  yearData.reviewAndLitigation.litigationAfterReview = { upheld: 0, corrected: 1, other: 0, pending: 0, total: 1 };
  yearData.reviewAndLitigation.review = { upheld: 1, corrected: 0, other: 0, pending: 0, total: 1 };
  const appeals = [
    anAppeal('r1', 'review', '2024-04-01', { result: 'upheld', decidedOn: '2024-06-01' }),
    anAppeal('r2', 'review', '2024-05-01', { result: 'corrected', decidedOn: '2024-07-01' }),
    anAppeal('r3', 'review', '2024-11-20'),
    anAppeal('l1', 'litigation_direct', '2024-03-01', { result: 'upheld', decidedOn: '2024-09-01' }),
  ];
  const report: AnnualReport = buildAnnualReport({
    agency: NIEDUI,
    year: 2024,
    cases: [aCase({ caseId: 'c-2024-1', receivedOn: '2024-01-13', closedOn: '2024-01-27', outcome: 'disclosed' })],
    appeals,
    yearData,
    generatedAt: '2025-01-06T01:00:00.000Z',
  });
  const note = '注：本表数据中，4件由系统登记的复议诉讼案件统计，另含年度数据中手工录入的未在系统登记的2件。';

  it('adds the typed figures to the counted ones, cell by cell, and every 总计 check passes', () => {
    expect(cells(report.section4)).toEqual([2, 1, 0, 1, 4, 1, 0, 0, 0, 1, 0, 1, 0, 0, 1]);
    expect(cells(report.section4Source!.tracked)).toEqual([1, 1, 0, 1, 3, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0]);
    expect(cells(report.section4Source!.entered)).toEqual([1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1, 0, 0, 1]);
    expect(report.checks.filter((c) => c.name.startsWith('section4.')).every((c) => c.passed)).toBe(true);
    expect(report.publishable).toBe(true);
  });

  it('never changes the year data it was given', () => {
    expect(yearData.reviewAndLitigation.review).toEqual({ upheld: 1, corrected: 0, other: 0, pending: 0, total: 1 });
  });

  it('prints the 15 numbers and the note under the table in Markdown and HTML', () => {
    const section = parseMarkdown(renderMarkdown(report)).sections[3]!;
    expect(section.tables[0]![1]!.map(Number)).toEqual(cells(report.section4));
    expect(section.lines.filter((l) => l.startsWith('注'))).toEqual([note]);
    expect(renderHtml(report)).toContain(`<p class="section4-source">${note}</p>`);
  });

  it('prints the note in the Word file right after the section 四 table, before section 五', async () => {
    const { paragraphs } = readDocx(await renderDocx(report));
    const at = paragraphs.indexOf(note);
    expect(at).toBeGreaterThan(paragraphs.indexOf('四、政府信息公开行政复议、行政诉讼情况'));
    expect(paragraphs.indexOf('五、存在的主要问题及改进情况')).toBe(at + 1);
  });

  it('carries the source in the JSON without the appeal ids, which go to the evidence', () => {
    const json = JSON.parse(renderJson(report)) as AnnualReport;
    expect(json.section4Source).toEqual({
      tracked: report.section4Source!.tracked,
      entered: report.section4Source!.entered,
      note,
    });
    expect(Object.keys(json.section4)).toEqual(['review', 'litigationDirect', 'litigationAfterReview']);
    expect(evidenceOf(report).section4Appeals).toEqual(['l1', 'r1', 'r2', 'r3']);
  });

  it('sums tracked and typed figures over agencies in a roll-up, with the note of the sums', () => {
    const other = buildAnnualReport({
      agency: { agencyId: 'xihua-county', name: '西华县人民政府办公室' },
      year: 2024,
      cases: [],
      appeals: [{ ...anAppeal('x1', 'litigation_direct', '2024-02-01'), agencyId: 'xihua-county' }],
      yearData: referenceYearData(),
      generatedAt: '2025-01-06T01:00:00.000Z',
    });
    const sum = rollUp([report, other], { agencyId: 'county', name: '西华县' });
    expect(cells(sum.section4)).toEqual([2, 1, 0, 1, 4, 1, 0, 0, 1, 2, 0, 1, 0, 0, 1]);
    expect(sum.section4Source?.note).toBe(
      '注：本表数据中，5件由系统登记的复议诉讼案件统计，另含年度数据中手工录入的未在系统登记的2件。',
    );
  });
});

describe('the dates an appeal may carry', () => {
  it.each([
    // facts, filedOn, violation (substring) or undefined
    [{ receivedOn: '2024-05-13' }, '2024-05-12', '不能早于申请的收到日期（2024-05-13）'],
    [{ receivedOn: '2024-05-13' }, '2024-05-13', undefined],
    [
      { receivedOn: '2024-05-13', closedOn: '2024-05-27', repliedOnTime: true },
      '2024-05-26',
      '不能早于答复日期（2024-05-27）',
    ],
    [{ receivedOn: '2024-05-13', closedOn: '2024-05-27', repliedOnTime: true }, '2024-05-27', undefined],
    // closed automatically (no reply): the close is the act appealed against
    [{ receivedOn: '2024-05-13', closedOn: '2024-07-01', repliedOnTime: null }, '2024-06-30', '不能早于答复日期'],
    // an overdue reply: the appeal against the failure to reply came first
    [{ receivedOn: '2024-05-13', closedOn: '2024-08-01', repliedOnTime: false }, '2024-07-20', undefined],
    // open case
    [{ receivedOn: '2024-05-13', closedOn: null }, '2024-07-20', undefined],
  ] as const)('case %j, filed %s → %s', (facts, filedOn, expected) => {
    const violations = appealFilingViolations(facts, filedOn);
    if (expected === undefined) expect(violations).toEqual([]);
    else {
      expect(violations).toHaveLength(1);
      expect(violations[0]!.field).toBe('filedOn');
      expect(violations[0]!.message).toContain('提起日期');
      expect(violations[0]!.message).toContain(expected);
    }
  });

  it.each([
    // kind, tracked reviews of the case, filedOn, violation
    ['litigation_after_review', ['2024-06-10'], '2024-06-09', '不能早于本案行政复议的提起日期（2024-06-10）'],
    ['litigation_after_review', ['2024-08-01', '2024-06-10'], '2024-06-10', undefined],
    ['litigation_after_review', [], '2024-06-09', undefined],
    ['litigation_direct', ['2024-06-10'], '2024-06-09', undefined],
  ] as const)('a %s with reviews filed %j, filed %s → %s', (kind, reviews, filedOn, expected) => {
    const violations = afterReviewViolations({ kind, reviews: reviews.map((r) => ({ filedOn: r })) }, filedOn);
    expect(violations).toEqual(
      expected === undefined ? [] : [{ field: 'filedOn', message: expect.stringContaining(expected) }],
    );
  });

  it.each([
    [{ filedOn: '2024-06-01' }, '2024-05-31', 'invalid'],
    [{ filedOn: '2024-06-01' }, '2024-06-01', 'ok'],
    [{ filedOn: '2024-06-01', result: 'upheld', decidedOn: '2024-07-01' }, '2024-08-01', 'already_decided'],
  ] as const)('a result for %j decided %s → %s', (appeal, decidedOn, expected) => {
    const check = appealResultCheck(appeal, decidedOn);
    expect(check.ok ? 'ok' : check.reason).toBe(expected);
    if (!check.ok && check.reason === 'invalid')
      expect(check.violations).toEqual([
        { field: 'decidedOn', message: '审结日期（2024-05-31）不能早于提起日期（2024-06-01）' },
      ]);
    if (!check.ok && check.reason === 'already_decided') expect(check.message).toContain('结果只能登记一次');
  });
});

describe('the filing periods the reply letters name (行政复议法 Art. 20, 行政诉讼法 Art. 45 and 46)', () => {
  it.each([
    ['review', '2024-05-27', '2024-07-26'],
    ['review', '2024-12-20', '2025-02-18'],
    ['litigation_direct', '2024-05-27', '2024-11-27'],
    ['litigation_direct', '2024-08-31', '2025-02-28'],
    ['litigation_direct', '2023-08-31', '2024-02-29'],
    ['litigation_after_review', '2024-12-25', '2025-01-09'],
  ] as const)('%s known on %s → last day %s', (kind, knownOn, last) => {
    expect(filingPeriodEnd(kind, knownOn)).toBe(last);
  });
});

describe('the years whose report an appeal changes', () => {
  it.each([
    [{ filedOn: '2026-01-05' }, '2026-02-01', 'filing', []],
    [{ filedOn: '2025-12-30' }, '2026-02-01', 'filing', [2025]],
    [{ filedOn: '2023-05-04' }, '2026-02-01', 'filing', [2023, 2024, 2025]],
    [{ filedOn: '2023-05-04', decidedOn: '2024-03-01' }, '2026-02-01', 'filing', [2023, 2024]],
    [{ filedOn: '2023-05-04', decidedOn: '2024-03-01' }, '2026-02-01', 'result', [2024, 2025]],
    [{ filedOn: '2025-05-04', decidedOn: '2026-01-10' }, '2026-02-01', 'result', []],
  ] as const)('%j on %s (%s) → %j', (appeal, today, change, years) => {
    expect(appealAffectedYears(appeal, today, change)).toEqual(years);
  });
});
