/**
 * Types of the annual report (年度报告), 2021 format (国办公开办函〔2021〕30号); Art. 49–50 of the Regulations.
 * Every type here is plain JSON: the report is stored as `report.json` and rendered from it.
 */
import type { ApplicantType, Instant, LocalDate, OutcomeCode } from '../model';

/** What the report needs of one case (the store projects it from the case item). */
export interface ReportCase {
  caseId: string;
  receiptNumber: string;
  agencyId: string;
  applicantType: ApplicantType;
  /** Art. 31 receipt date. */
  receivedOn: LocalDate;
  /** The reply or automatic close date; absent while the case is open. */
  closedOn?: LocalDate;
  /** Present iff closed (ogi-rules.md §4). */
  outcome?: OutcomeCode;
  /** Fee notices (收费通知), Fee Measures. */
  feeNotices?: readonly ReportFeeNotice[];
}

export interface ReportFeeNotice {
  sentOn: LocalDate;
  amountYuan: number;
  paidOn?: LocalDate;
}

/** 第二十条第（一）项: 本年制发件数, 本年废止件数, 现行有效件数. */
export interface IssuedRepealedInForce {
  issued: number;
  repealed: number;
  inForce: number;
}

/** Section 二 主动公开政府信息情况 (Art. 20 (1)(5)(6)(8)). */
export interface ActiveDisclosure {
  regulations: IssuedRepealedInForce;
  normativeDocuments: IssuedRepealedInForce;
  licensingDecisions: number;
  penaltyDecisions: number;
  enforcementDecisions: number;
  /** 行政事业性收费, 本年收费金额（单位：万元）. */
  feesCollectedTenThousandYuan: number;
  /**
   * 现行有效件数说明: why 现行有效 differs from last year's + 制发 − 废止 (overrides that warning; not printed in the
   * tables).
   */
  inForceReason?: string;
}

/** One block of section 四: 结果维持, 结果纠正, 其他结果, 尚未审结, 总计. */
export interface ReviewOutcomeCounts {
  upheld: number;
  corrected: number;
  other: number;
  pending: number;
  total: number;
}

/** Section 四 行政复议、行政诉讼 (15 numbers). */
export interface ReviewAndLitigation {
  review: ReviewOutcomeCounts;
  litigationDirect: ReviewOutcomeCounts;
  litigationAfterReview: ReviewOutcomeCounts;
}

/**
 * Where section 四's figures come from (design.md §9): the appeals tracked in the system and the figures typed into
 * the year data for appeals that were not; section 四 is their sum, cell by cell.
 */
export interface Section4Source {
  /** Counted from the tracked appeals: decided in the year by result, pending on 31 December as 尚未审结. */
  tracked: ReviewAndLitigation;
  /** Typed into the year data (appeals not tracked in the system). */
  entered: ReviewAndLitigation;
  /** The sentence printed under section 四, e.g. `注：本表数据由系统登记的4件复议诉讼案件统计。`. */
  note: string;
  /** The tracked appeals counted (for audit); in the evidence file once stored, like section 三's case ids. */
  appealIds?: string[];
}

/** The staff-entered narrative of sections 一, 五, 六. Plain text; renderers escape it. */
export interface Narrative {
  overview: string;
  problems: string;
  other: string;
}

/** The year data entered by staff (`PUT /v1/agencies/{agencyId}/years/{year}`), design.md §5. */
export interface YearData {
  activeDisclosure: ActiveDisclosure;
  reviewAndLitigation: ReviewAndLitigation;
  narrative: Narrative;
}

/** An agency (机关) as named on the report. */
export interface AgencyInfo {
  agencyId: string;
  name: string;
}

/** The columns of section 三: the six applicant types then 总计. */
export type Section3ColumnKey = ApplicantType | 'total';

/** The row keys of section 三, in official order. */
export type Section3RowKey = 'newlyReceived' | 'carriedOver' | OutcomeCode | 'closedTotal' | 'carriedForward';

export interface Section3Column {
  key: Section3ColumnKey;
  label: string;
}

export interface Section3Row {
  key: Section3RowKey;
  /** The full official row label as printed, e.g. `（三）不予公开 1. 属于国家秘密`. */
  label: string;
  /** The outcome group, e.g. `（三）不予公开`, for outcome rows only. */
  group?: string;
  /** The short label within the group, e.g. `1. 属于国家秘密`, for outcome rows only. */
  item?: string;
  values: Record<Section3ColumnKey, number>;
  /**
   * The cases behind each cell (for audit), sorted. Present while the report is built; the stored and served
   * `report.json` leaves it out and keeps it in the evidence file beside it ({@link ReportEvidence}).
   */
  caseIds?: Record<Section3ColumnKey, string[]>;
}

export interface Section3 {
  columns: Section3Column[];
  rows: Section3Row[];
}

/** Fees charged through cases (Fee Measures), reported in section 六. Amounts in yuan (元). */
export interface Section6Fees {
  unit: '元';
  /** Fee notices sent in the year. */
  noticesSent: number;
  /** Sum of the notices sent in the year. */
  amountCharged: number;
  /** Notices paid in the year. */
  paymentsReceived: number;
  /** Sum of the notices paid in the year. */
  amountCollected: number;
  /** The cases with a notice sent or paid in the year (in the evidence file once stored, like section 三's). */
  caseIds?: string[];
}

export type OutcomeGroupKey =
  'disclosed' | 'partially_disclosed' | 'withheld' | 'unavailable' | 'not_processed' | 'other';

export interface ReportCharts {
  /** Applications newly received per month of the year, months 1–12. */
  applicationsPerMonth: { month: number; count: number }[];
  /** Cases closed in the year per outcome group （一）…（六）. */
  outcomes: { key: OutcomeGroupKey; label: string; count: number }[];
}

/** The result of one check relation (勾稽关系). */
export interface ReportCheck {
  /** Stable name, e.g. `section3.balance.natural_person`. */
  name: string;
  /** The relation in the format's terms, e.g. `一+二=三（七）+四`. */
  relation: string;
  passed: boolean;
  /** The numbers compared, or what is wrong. */
  details: string;
}

export type ReportStatus = 'draft' | 'published';

/** A correction (更正) of a published report: the revision it made and the officer's 更正说明 (design.md §9). */
export interface ReportCorrection {
  /** The revision this correction published (2 for the first correction). */
  revision: number;
  reason: string;
  correctedAt: Instant;
}

/**
 * The evidence of a report: the cases behind every cell of section 三 and behind the fees of section 六. Stored
 * beside the report (`evidence.json`), served through a short-lived link, never inside the report response.
 */
export interface ReportEvidence {
  agencyId: string;
  year: number;
  revision?: number;
  section3: Partial<Record<Section3RowKey, Record<Section3ColumnKey, string[]>>>;
  section6Fees: string[];
  /** The tracked appeals counted in section 四. */
  section4Appeals?: string[];
}

/** Where a report's evidence can be fetched (presigned, expiring). */
export interface ReportEvidenceLink {
  url: string;
  expiresAt: Instant;
}

/** The annual report as one JSON-able object with stable keys. */
export interface AnnualReport {
  schemaVersion: 1;
  /** 国办公开办函〔2021〕30号. */
  format: string;
  agency: AgencyInfo;
  year: number;
  status: ReportStatus;
  generatedAt: Instant;
  publishedAt?: Instant;
  /** The published revision: 1 for the first publication, one more for each correction (design.md §9). */
  revision?: number;
  /** Every correction up to this revision, oldest first; the last is this revision's 更正说明. */
  corrections?: ReportCorrection[];
  /** Staff answers only: a link to the evidence file (case ids per cell). */
  evidence?: ReportEvidenceLink;
  /** For a roll-up: the agencies summed, in the order given. */
  rollUpOf?: AgencyInfo[];
  section2: ActiveDisclosure;
  section3: Section3;
  section4: ReviewAndLitigation;
  /** Where section 四's figures come from (absent in reports generated before appeals were tracked). */
  section4Source?: Section4Source;
  narrative: Narrative;
  section6Fees: Section6Fees;
  charts: ReportCharts;
  checks: ReportCheck[];
  /** True iff every check passed; only then may the report be published. */
  publishable: boolean;
}

/** One inconsistency in the year data, for a 400 answer. */
export interface YearDataViolation {
  /** Path segments, e.g. `['reviewAndLitigation', 'review', 'total']`. */
  path: string[];
  /** The dotted path, e.g. `reviewAndLitigation.review.total`. */
  field: string;
  /** Chinese message for the staff. */
  message: string;
}
