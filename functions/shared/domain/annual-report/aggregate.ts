/**
 * Annual aggregation (年度报告 section 三 and the case-derived parts of 六): pure functions from an agency's
 * cases to the report. 2021 format, 国办公开办函〔2021〕30号; Art. 49–50 of the Regulations; ogi-rules.md §4, §6.
 */
import { APPLICANT_TYPES, OUTCOME_CODES } from '../model';
import type { ApplicantType, Instant, LocalDate, OutcomeCode } from '../model';
import {
  OUTCOME_GROUPS,
  REPORT_FORMAT,
  SECTION3_COLUMNS,
  SECTION3_ROW_LABELS,
  SECTION4_BLOCKS,
  outcomeGroupOf,
} from './labels';
import { checkInForce, emptyYearData, sumOfParts } from './year-data';
import {
  addSection4,
  appealsIn,
  buildSection4,
  emptySection4,
  section4SourceNote,
  type ReportAppeal,
} from './section4';
import type {
  ActiveDisclosure,
  AgencyInfo,
  AnnualReport,
  Narrative,
  ReportCase,
  ReportCharts,
  ReportCheck,
  ReportStatus,
  ReviewAndLitigation,
  ReviewOutcomeCounts,
  Section3,
  Section3ColumnKey,
  Section3Row,
  Section3RowKey,
  Section4Source,
  Section6Fees,
  YearData,
} from './types';

const COLUMN_KEYS: readonly Section3ColumnKey[] = SECTION3_COLUMNS.map((c) => c.key);
/** A column's official label (法律服务机构, never `legal_service_org`), for messages. */
const columnLabel = (key: Section3ColumnKey): string => SECTION3_COLUMNS.find((c) => c.key === key)?.label ?? key;

/** Where one case stands in section 三 of a year. */
export interface CaseClassification {
  /** 一: received in the year. */
  newlyReceived: boolean;
  /** 二: received before the year and still open on 1 January. */
  carriedOver: boolean;
  /** 三: closed in the year, with this outcome row (undefined if the outcome is missing). */
  closed: boolean;
  outcome?: OutcomeCode;
  /** 四: received by 31 December and still open on 31 December. */
  carriedForward: boolean;
}

function yearStart(year: number): LocalDate {
  return `${String(year).padStart(4, '0')}-01-01`;
}
function yearEnd(year: number): LocalDate {
  return `${String(year).padStart(4, '0')}-12-31`;
}
function inYear(date: LocalDate | undefined, year: number): boolean {
  return date !== undefined && date >= yearStart(year) && date <= yearEnd(year);
}

/**
 * Classifies one case for year Y. 一 = received in Y; 二 = received before Y-01-01 and not closed before
 * Y-01-01; 三 = closed in Y (the outcome decides the row); 四 = received by Y-12-31 and not closed by then.
 * "A case belongs to 三 in the year it was closed, to 四 if still open on 31 December" (ogi-rules.md §6).
 *
 * @example
 * classifyCase({ receivedOn: '2024-12-20', closedOn: '2025-01-10', outcome: 'disclosed', … }, 2025)
 * // → { newlyReceived: false, carriedOver: true, closed: true, outcome: 'disclosed', carriedForward: false }
 */
export function classifyCase(
  c: Pick<ReportCase, 'receivedOn' | 'closedOn' | 'outcome'>,
  year: number,
): CaseClassification {
  const start = yearStart(year);
  const end = yearEnd(year);
  const closed = inYear(c.closedOn, year);
  return {
    newlyReceived: inYear(c.receivedOn, year),
    carriedOver: c.receivedOn < start && (c.closedOn === undefined || c.closedOn >= start),
    closed,
    ...(closed && c.outcome !== undefined ? { outcome: c.outcome } : {}),
    carriedForward: c.receivedOn <= end && (c.closedOn === undefined || c.closedOn > end),
  };
}

/** True iff the case touches section 三 of the year in any row (otherwise it is ignored). */
export function isInYearWindow(c: Pick<ReportCase, 'receivedOn' | 'closedOn' | 'outcome'>, year: number): boolean {
  const k = classifyCase(c, year);
  return k.newlyReceived || k.carriedOver || k.closed || k.carriedForward;
}

function zeroValues(): Record<Section3ColumnKey, number> {
  return Object.fromEntries(COLUMN_KEYS.map((k) => [k, 0])) as Record<Section3ColumnKey, number>;
}
function emptyCaseIds(): Record<Section3ColumnKey, string[]> {
  return Object.fromEntries(COLUMN_KEYS.map((k) => [k, [] as string[]])) as Record<Section3ColumnKey, string[]>;
}

/** The distinct cases of one agency, first occurrence of each caseId kept (the store may pass a case twice). */
function distinctCasesOf(agencyId: string, cases: readonly ReportCase[]): ReportCase[] {
  const seen = new Set<string>();
  return cases.filter((c) => {
    if (c.agencyId !== agencyId || seen.has(c.caseId)) return false;
    seen.add(c.caseId);
    return true;
  });
}

function rowKeysOf(k: CaseClassification): Section3RowKey[] {
  return [
    ...(k.newlyReceived ? (['newlyReceived'] as const) : []),
    ...(k.carriedOver ? (['carriedOver'] as const) : []),
    ...(k.closed && k.outcome ? [k.outcome, 'closedTotal' as const] : []),
    ...(k.carriedForward ? (['carriedForward'] as const) : []),
  ];
}

/**
 * Section 三 收到和处理政府信息公开申请情况 for year Y: one row per official row (一, 二, the 21 outcome rows,
 * （七）总计, 四), one column per applicant type plus 总计, and for every cell the cases behind it.
 * Cases of other agencies, repeated caseIds and cases outside the year window are ignored.
 * 2021 format, 国办公开办函〔2021〕30号; ogi-rules.md §4, §6.
 */
export function aggregateSection3(agencyId: string, year: number, cases: readonly ReportCase[]): Section3 {
  const cells = new Map<Section3RowKey, Record<ApplicantType, string[]>>(
    SECTION3_ROW_LABELS.map((r) => [
      r.key,
      Object.fromEntries(APPLICANT_TYPES.map((t) => [t, [] as string[]])) as Record<ApplicantType, string[]>,
    ]),
  );
  for (const c of distinctCasesOf(agencyId, cases)) {
    for (const rowKey of rowKeysOf(classifyCase(c, year))) cells.get(rowKey)?.[c.applicantType].push(c.caseId);
  }
  const rows: Section3Row[] = SECTION3_ROW_LABELS.map((label) => {
    const byType = cells.get(label.key);
    const values = zeroValues();
    const caseIds = emptyCaseIds();
    for (const t of APPLICANT_TYPES) {
      const ids = [...(byType?.[t] ?? [])].sort();
      caseIds[t] = ids;
      values[t] = ids.length;
    }
    caseIds.total = APPLICANT_TYPES.flatMap((t) => caseIds[t]).sort();
    values.total = caseIds.total.length;
    return { ...label, values, caseIds };
  });
  return { columns: SECTION3_COLUMNS.map((c) => ({ ...c })), rows };
}

/**
 * Fees charged through cases, for section 六 (Fee Measures; ogi-rules.md §5): notices sent in the year and
 * their amount; notices paid in the year and their amount.
 */
export function aggregateFees(agencyId: string, year: number, cases: readonly ReportCase[]): Section6Fees {
  const notices = distinctCasesOf(agencyId, cases).flatMap((c) =>
    (c.feeNotices ?? []).map((n) => ({ caseId: c.caseId, ...n })),
  );
  const sent = notices.filter((n) => inYear(n.sentOn, year));
  const paid = notices.filter((n) => inYear(n.paidOn, year));
  return {
    unit: '元',
    noticesSent: sent.length,
    amountCharged: roundYuan(sent.reduce((s, n) => s + n.amountYuan, 0)),
    paymentsReceived: paid.length,
    amountCollected: roundYuan(paid.reduce((s, n) => s + n.amountYuan, 0)),
    caseIds: [...new Set([...sent, ...paid].map((n) => n.caseId))].sort(),
  };
}

function roundYuan(amount: number): number {
  return Math.round(amount * 100) / 100;
}

/** Chart data: applications received per month (1–12) and closed cases per outcome group （一）…（六）. */
export function aggregateCharts(agencyId: string, year: number, cases: readonly ReportCase[]): ReportCharts {
  const mine = distinctCasesOf(agencyId, cases);
  const perMonth = Array.from({ length: 12 }, (_, i) => ({ month: i + 1, count: 0 }));
  for (const c of mine) {
    if (!inYear(c.receivedOn, year)) continue;
    const slot = perMonth[Number(c.receivedOn.slice(5, 7)) - 1];
    if (slot) slot.count += 1;
  }
  const outcomes = OUTCOME_GROUPS.map((g) => ({ key: g.key, label: g.chartLabel, count: 0 }));
  for (const c of mine) {
    const k = classifyCase(c, year);
    if (!k.closed || !k.outcome) continue;
    const group = outcomeGroupOf(k.outcome);
    const slot = outcomes.find((o) => o.key === group);
    if (slot) slot.count += 1;
  }
  return { applicationsPerMonth: perMonth, outcomes };
}

function rowOf(section3: Section3, key: Section3RowKey): Section3Row {
  const row = section3.rows.find((r) => r.key === key);
  if (!row) throw new RangeError(`section 三 has no row ${key}`);
  return row;
}

/**
 * The check relations of section 三, per column: 一 + 二 = 三（七）+ 四, and （七）总计 = the sum of the 21
 * outcome rows; and per row: 总计 = the sum of the six applicant columns. ogi-rules.md §6.
 */
export function checkSection3(section3: Section3): ReportCheck[] {
  const received = rowOf(section3, 'newlyReceived');
  const carried = rowOf(section3, 'carriedOver');
  const closed = rowOf(section3, 'closedTotal');
  const forward = rowOf(section3, 'carriedForward');
  const balance = COLUMN_KEYS.map((col): ReportCheck => {
    const [a, b, c, d] = [received.values[col], carried.values[col], closed.values[col], forward.values[col]];
    return {
      name: `section3.balance.${col}`,
      relation: `${columnLabel(col)}：一+二=三（七）+四`,
      passed: a + b === c + d,
      details: `一 ${a} + 二 ${b} = ${a + b}；三（七）${c} + 四 ${d} = ${c + d}`,
    };
  });
  const closedSum = COLUMN_KEYS.map((col): ReportCheck => {
    const sum = OUTCOME_CODES.reduce((s, code) => s + rowOf(section3, code).values[col], 0);
    return {
      name: `section3.closedTotal.${col}`,
      relation: `${columnLabel(col)}：三（七）总计=（一）至（六）之和`,
      passed: sum === closed.values[col],
      details: `（七）总计 ${closed.values[col]}; 21 行之和 ${sum}`,
    };
  });
  const badRows = section3.rows.filter((r) => APPLICANT_TYPES.reduce((s, t) => s + r.values[t], 0) !== r.values.total);
  const rowTotals: ReportCheck = {
    name: 'section3.rowTotals',
    relation: '总计=各类申请人之和',
    passed: badRows.length === 0,
    details:
      badRows.length === 0 ? '每行总计等于六类申请人之和' : `不相等的行：${badRows.map((r) => r.label).join('；')}`,
  };
  return [...balance, ...closedSum, rowTotals];
}

/** Section 四 check relations: each 总计 equals the sum of its four parts (ogi-rules.md §6). */
export function checkSection4(section4: ReviewAndLitigation): ReportCheck[] {
  return SECTION4_BLOCKS.map(({ key, label }) => {
    const counts: ReviewOutcomeCounts = section4[key];
    const sum = sumOfParts(counts);
    return {
      name: `section4.${key}.total`,
      relation: `${label}：总计=结果维持+结果纠正+其他结果+尚未审结`,
      passed: counts.total === sum,
      details: `总计 ${counts.total}; ${counts.upheld} + ${counts.corrected} + ${counts.other} + ${counts.pending} = ${sum}`,
    };
  });
}

/** Cases in the year window whose data cannot be counted: closed before received, closed without outcome. */
function checkCaseData(agencyId: string, year: number, cases: readonly ReportCase[]): ReportCheck {
  const bad = distinctCasesOf(agencyId, cases)
    .filter((c) => isInYearWindow(c, year))
    .filter((c) => (c.closedOn !== undefined && (c.closedOn < c.receivedOn || !c.outcome)) || !validDate(c.receivedOn))
    .map((c) => c.caseId)
    .sort();
  return {
    name: 'section3.caseData',
    relation: '每件已办结申请有办理结果，且办结日期不早于收到日期',
    passed: bad.length === 0,
    details:
      bad.length === 0
        ? '全部案件数据完整'
        : `数据不完整的案件（受理编号）：${distinctCasesOf(agencyId, cases)
            .filter((c) => bad.includes(c.caseId))
            .map((c) => c.receiptNumber)
            .join('、')}`,
  };
}

function validDate(d: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(d);
}

/**
 * The carry-over relation between consecutive years: 二 of year Y equals 四 of year Y−1, per column
 * (ogi-rules.md §6). `previous` is Y−1's latest published revision (design.md §9: drafts never block); when it
 * differs, the message says that Y−1's report needs a correction.
 */
export function checkCarryOver(
  previous: Pick<AnnualReport, 'year' | 'section3' | 'revision'>,
  current: Pick<AnnualReport, 'year' | 'section3'>,
): ReportCheck {
  const before = rowOf(previous.section3, 'carriedForward').values;
  const now = rowOf(current.section3, 'carriedOver').values;
  const sameYearStep = previous.year === current.year - 1;
  const differing = COLUMN_KEYS.filter((col) => before[col] !== now[col]);
  const passed = sameYearStep && differing.length === 0;
  return {
    name: 'section3.carryOver',
    relation: `二（${current.year}）=四（${previous.year}）`,
    passed,
    details: !sameYearStep
      ? `上一年度报告应为 ${current.year - 1} 年，实为 ${previous.year} 年`
      : differing.length === 0
        ? `上年结转 ${now.total} = 上年度结转下年度 ${before.total}`
        : `${differing.map((col) => `${columnLabel(col)}：上年结转 ${now[col]} ≠ ${previous.year}年度报告结转下年度 ${before[col]}`).join('；')}。` +
          `${previous.year}年度报告${previous.revision ? `（第${previous.revision}版）` : ''}发布后，又有${previous.year}年内收到或办结的申请被登记或答复：` +
          `请先更正${previous.year}年度报告（填写更正说明），再发布${current.year}年度报告。`,
  };
}

export interface BuildAnnualReportInput {
  agency: AgencyInfo;
  year: number;
  /** Any superset of the agency's cases relevant to the year; the rest is ignored. */
  cases: readonly ReportCase[];
  /**
   * The agency's tracked appeals relevant to the year (any superset; the rest is ignored): section 四 counts them
   * and adds the year data's figures, which stand for appeals not tracked (design.md §9).
   */
  appeals?: readonly ReportAppeal[];
  /** The staff-entered year data; when absent the report uses zeros and is not publishable. */
  yearData: YearData | undefined;
  generatedAt: Instant;
  /**
   * Y−1's latest published revision: the carry-over relation 二(Y) = 四(Y−1) is checked against it, and 现行有效 of
   * section 二 against its 现行有效 (design.md §9: drafts never block, so never pass a draft here).
   */
  previous?: AnnualReport;
  /** Y−1's year data when its report is not published: only 现行有效 of section 二 is checked against it. */
  previousYearData?: YearData;
  status?: ReportStatus;
}

function copyActiveDisclosure(a: ActiveDisclosure): ActiveDisclosure {
  return { ...a, regulations: { ...a.regulations }, normativeDocuments: { ...a.normativeDocuments } };
}
/**
 * Builds the annual report of one agency for year Y from its cases, its tracked appeals and its year data: section
 * 二 from the year data, section 四 from the appeals plus the year data's untracked ones (with a note saying which),
 * section 三 from the cases, the fees of section 六 from the cases' fee notices, chart data,
 * and the results of every check relation. Pure; never mutates its inputs.
 * Art. 49–50; 2021 format, 国办公开办函〔2021〕30号; ogi-rules.md §6.
 *
 * @example
 * buildAnnualReport({ agency: { agencyId: 'niedui', name: '聂堆镇人民政府' }, year: 2024, cases, yearData,
 *   generatedAt: '2025-01-05T01:00:00.000Z' }).section3.rows[0].values.total // → 1
 */
export function buildAnnualReport(input: BuildAnnualReportInput): AnnualReport {
  const { agency, year, cases, generatedAt } = input;
  const yearData = input.yearData ?? emptyYearData();
  const section3 = aggregateSection3(agency.agencyId, year, cases);
  const { section4, source: section4Source } = buildSection4(
    agency.agencyId,
    year,
    input.appeals ?? [],
    yearData.reviewAndLitigation,
  );
  const checks: ReportCheck[] = [
    {
      name: 'yearData.entered',
      relation: '已填报本年度主动公开、行政复议和行政诉讼数据',
      passed: input.yearData !== undefined,
      details: input.yearData !== undefined ? '已填报' : '尚未填报年度数据',
    },
    checkCaseData(agency.agencyId, year, cases),
    ...checkSection3(section3),
    ...checkSection4(section4),
    ...(input.previous ? [checkCarryOver(input.previous, { year, section3 })] : []),
    ...checkInForce(
      year,
      input.previous?.section2 ?? input.previousYearData?.activeDisclosure,
      input.yearData?.activeDisclosure,
    ),
  ];
  const narrative: Narrative = { ...yearData.narrative };
  return {
    schemaVersion: 1,
    format: REPORT_FORMAT,
    agency: { agencyId: agency.agencyId, name: agency.name },
    year,
    status: input.status ?? 'draft',
    generatedAt,
    section2: copyActiveDisclosure(yearData.activeDisclosure),
    section3,
    section4,
    section4Source,
    narrative,
    section6Fees: aggregateFees(agency.agencyId, year, cases),
    charts: aggregateCharts(agency.agencyId, year, cases),
    checks,
    publishable: checks.every((c) => c.passed),
  };
}

/** Raised when a report whose check relations fail is to be published (design.md §2). */
export class ReportNotPublishableError extends Error {
  override readonly name = 'ReportNotPublishableError';
  constructor(readonly failedChecks: ReportCheck[]) {
    super(`年度报告未通过以下校验，不能发布：${failedChecks.map((c) => `${c.relation}（${c.details}）`).join('；')}`);
  }
}

/** Marks a report published; refuses when any check relation fails (design.md §2). Returns a new report. */
export function publishReport(report: AnnualReport, publishedAt: Instant): AnnualReport {
  const failed = report.checks.filter((c) => !c.passed);
  if (failed.length > 0) throw new ReportNotPublishableError(failed);
  return { ...report, status: 'published', publishedAt };
}

function sumCounts<T extends { [K in keyof T]: number }>(items: readonly T[], zero: T): T {
  const keys = Object.keys(zero) as (keyof T)[];
  return items.reduce((acc, item) => {
    const next = { ...acc };
    for (const k of keys) next[k] = (acc[k] + item[k]) as T[keyof T];
    return next;
  }, zero);
}

export interface RollUpOptions {
  agencyId: string;
  name: string;
  generatedAt?: Instant;
  narrative?: Narrative;
}

/**
 * The same report summed over a set of agencies (e.g. a county's departments and towns), listing them.
 * Every number of sections 二, 三, 四 and the fees are summed; the case lists are joined; the checks are
 * re-run on the sums. All reports must be of the same year. Art. 49; design.md §1 (the supervising office).
 */
export function rollUp(reports: readonly AnnualReport[], options: RollUpOptions): AnnualReport {
  const first = reports[0];
  if (!first) throw new RangeError('rollUp needs at least one report');
  if (reports.some((r) => r.year !== first.year)) throw new RangeError('rollUp needs reports of one year');
  const zero = emptyYearData();
  const section2: ActiveDisclosure = {
    ...sumCounts(
      reports.map((r) => ({
        licensingDecisions: r.section2.licensingDecisions,
        penaltyDecisions: r.section2.penaltyDecisions,
        enforcementDecisions: r.section2.enforcementDecisions,
        feesCollectedTenThousandYuan: r.section2.feesCollectedTenThousandYuan,
      })),
      {
        licensingDecisions: 0,
        penaltyDecisions: 0,
        enforcementDecisions: 0,
        feesCollectedTenThousandYuan: 0,
      },
    ),
    regulations: sumCounts(
      reports.map((r) => r.section2.regulations),
      zero.activeDisclosure.regulations,
    ),
    normativeDocuments: sumCounts(
      reports.map((r) => r.section2.normativeDocuments),
      zero.activeDisclosure.normativeDocuments,
    ),
  };
  section2.feesCollectedTenThousandYuan = Math.round(section2.feesCollectedTenThousandYuan * 1e6) / 1e6;
  const section3: Section3 = {
    columns: SECTION3_COLUMNS.map((c) => ({ ...c })),
    rows: SECTION3_ROW_LABELS.map((label) => {
      const parts = reports.map((r) => rowOf(r.section3, label.key));
      const values = sumCounts(
        parts.map((p) => p.values),
        zeroValues(),
      );
      const caseIds = emptyCaseIds();
      for (const col of COLUMN_KEYS) caseIds[col] = parts.flatMap((p) => p.caseIds?.[col] ?? []).sort();
      return { ...label, values, caseIds };
    }),
  };
  const section4: ReviewAndLitigation = {
    review: sumCounts(
      reports.map((r) => r.section4.review),
      zero.reviewAndLitigation.review,
    ),
    litigationDirect: sumCounts(
      reports.map((r) => r.section4.litigationDirect),
      zero.reviewAndLitigation.litigationDirect,
    ),
    litigationAfterReview: sumCounts(
      reports.map((r) => r.section4.litigationAfterReview),
      zero.reviewAndLitigation.litigationAfterReview,
    ),
  };
  const sources = reports.map((r) => r.section4Source);
  const section4Source: Section4Source | undefined = sources.every((x) => x !== undefined)
    ? (() => {
        const tracked = sources.reduce((acc, x) => addSection4(acc, x.tracked), emptySection4());
        const entered = sources.reduce((acc, x) => addSection4(acc, x.entered), emptySection4());
        return {
          tracked,
          entered,
          note: section4SourceNote(appealsIn(tracked), appealsIn(entered)),
          appealIds: sources.flatMap((x) => x.appealIds ?? []).sort(),
        };
      })()
    : undefined;
  const fees = reports.map((r) => r.section6Fees);
  const section6Fees: Section6Fees = {
    unit: '元',
    noticesSent: fees.reduce((s, f) => s + f.noticesSent, 0),
    amountCharged: roundYuan(fees.reduce((s, f) => s + f.amountCharged, 0)),
    paymentsReceived: fees.reduce((s, f) => s + f.paymentsReceived, 0),
    amountCollected: roundYuan(fees.reduce((s, f) => s + f.amountCollected, 0)),
    caseIds: fees.flatMap((f) => f.caseIds ?? []).sort(),
  };
  const charts: ReportCharts = {
    applicationsPerMonth: first.charts.applicationsPerMonth.map((m) => ({
      month: m.month,
      count: reports.reduce(
        (s, r) => s + (r.charts.applicationsPerMonth.find((x) => x.month === m.month)?.count ?? 0),
        0,
      ),
    })),
    outcomes: first.charts.outcomes.map((o) => ({
      ...o,
      count: reports.reduce((s, r) => s + (r.charts.outcomes.find((x) => x.key === o.key)?.count ?? 0), 0),
    })),
  };
  const notEntered = reports.filter((r) => r.checks.some((c) => c.name === 'yearData.entered' && !c.passed));
  const checks: ReportCheck[] = [
    {
      name: 'yearData.entered',
      relation: '各机关均已填报本年度数据',
      passed: notEntered.length === 0,
      details: notEntered.length === 0 ? '已填报' : `尚未填报：${notEntered.map((r) => r.agency.name).join('、')}`,
    },
    ...checkSection3(section3),
    ...checkSection4(section4),
  ];
  const generatedAt =
    options.generatedAt ??
    reports
      .map((r) => r.generatedAt)
      .sort()
      .at(-1) ??
    first.generatedAt;
  return {
    schemaVersion: 1,
    format: REPORT_FORMAT,
    agency: { agencyId: options.agencyId, name: options.name },
    year: first.year,
    status: 'draft',
    generatedAt,
    rollUpOf: reports.map((r) => ({ agencyId: r.agency.agencyId, name: r.agency.name })),
    section2,
    section3,
    section4,
    ...(section4Source ? { section4Source } : {}),
    narrative: options.narrative ? { ...options.narrative } : { overview: '', problems: '', other: '' },
    section6Fees,
    charts,
    checks,
    publishable: checks.every((c) => c.passed),
  };
}
