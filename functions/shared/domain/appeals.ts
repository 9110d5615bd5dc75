/**
 * Appeals (复议诉讼) against an agency's handling of an application (design.md §9 "The desk: Appeals"): the
 * applicant's administrative review (行政复议) and administrative lawsuit (行政诉讼), directly or after a review,
 * with the forum that hears it, the filing date and, once decided, the result. Art. 51 of the Regulations opens
 * both remedies; section 四 of the annual report counts them (2021 format, 国办公开办函〔2021〕30号).
 *
 * Pure rules only: the dates an appeal may carry, the filing periods of the two laws, and the years whose annual
 * report an appeal changes. Dates are `YYYY-MM-DD` in Asia/Shanghai.
 */
import { addDays } from './local-date';
import type { LocalDate } from './model';

/**
 * The three kinds of section 四: 行政复议 (`review`), 行政诉讼·未经复议直接起诉 (`litigation_direct`) and
 * 行政诉讼·复议后起诉 (`litigation_after_review`).
 */
export const APPEAL_KINDS = ['review', 'litigation_direct', 'litigation_after_review'] as const;
export type AppealKind = (typeof APPEAL_KINDS)[number];

/** The results of section 四: 结果维持 (`upheld`), 结果纠正 (`corrected`), 其他结果 (`other`). */
export const APPEAL_RESULTS = ['upheld', 'corrected', 'other'] as const;
export type AppealResult = (typeof APPEAL_RESULTS)[number];

export const APPEAL_KIND_LABELS: Readonly<Record<AppealKind, string>> = {
  review: '行政复议',
  litigation_direct: '行政诉讼（未经复议直接起诉）',
  litigation_after_review: '行政诉讼（复议后起诉）',
};

export const APPEAL_RESULT_LABELS: Readonly<Record<AppealResult, string>> = {
  upheld: '结果维持',
  corrected: '结果纠正',
  other: '其他结果',
};

/** One appeal as the domain sees it (the store adds who recorded it and when). */
export interface Appeal {
  appealId: string;
  caseId: string;
  agencyId: string;
  kind: AppealKind;
  /** The review organ (行政复议机关) or the court (人民法院) that hears it. */
  forum: string;
  filedOn: LocalDate;
  /** Present once decided, with `decidedOn`. */
  result?: AppealResult;
  decidedOn?: LocalDate;
}

/** What an appeal's dates are checked against: the case's receipt and, once closed, its closing. */
export interface AppealCaseFacts {
  /** Art. 31 receipt date. */
  receivedOn: LocalDate;
  /** The reply or automatic close date; absent while the case is open. */
  closedOn?: LocalDate | null;
  /** For a replied case: whether the reply was on or before its deadline (null or absent otherwise). */
  repliedOnTime?: boolean | null;
}

/** One rejected field of an appeal, with a Chinese message that names it. */
export interface AppealFieldViolation {
  field: 'filedOn' | 'decidedOn';
  message: string;
}

/**
 * The filing date's rules: an appeal is filed against the agency's handling of the application, so never before
 * the application was received (Art. 31); and, when the agency replied on time or closed the case, never before
 * that reply or close — the act appealed against (《行政复议法》 Art. 20, 《行政诉讼法》 Art. 46 count from the day
 * the applicant knew of it). Only an overdue reply leaves room for an appeal filed before it: against the failure
 * to reply in time (逾期不予答复, itself an infringement in the sense of Art. 51).
 * `filedOn` not after today is checked by the input schema.
 *
 * @returns the violations, empty when the date fits the case.
 * @example
 * appealFilingViolations({ receivedOn: '2024-05-13', closedOn: '2024-05-27', repliedOnTime: true }, '2024-05-20')
 * // → [{ field: 'filedOn', message: '提起日期（2024-05-20）不能早于答复日期（2024-05-27）…' }]
 */
export function appealFilingViolations(
  facts: AppealCaseFacts,
  filedOn: LocalDate,
  context?: AfterReviewContext,
): AppealFieldViolation[] {
  if (filedOn < facts.receivedOn)
    return [
      {
        field: 'filedOn',
        message: `提起日期（${filedOn}）不能早于申请的收到日期（${facts.receivedOn}）`,
      },
    ];
  if (facts.closedOn && filedOn < facts.closedOn && facts.repliedOnTime !== false)
    return [
      {
        field: 'filedOn',
        message:
          `提起日期（${filedOn}）不能早于答复日期（${facts.closedOn}）：` +
          '按期答复的申请，复议、诉讼针对的是答复，只有逾期未答复才可能在答复前提起',
      },
    ];
  return context ? afterReviewViolations(context, filedOn) : [];
}

/** A lawsuit after review (复议后起诉) and the reviews of the same case already tracked. */
export interface AfterReviewContext {
  kind: AppealKind;
  reviews: readonly Pick<Appeal, 'filedOn'>[];
}

/**
 * A lawsuit after review follows a review (《行政诉讼法》 Art. 45: within 15 days of the review decision, or of the
 * end of the review period when the organ did not decide): when the case's reviews are tracked, it is filed no
 * earlier than the first of them. A case whose review was not tracked is not checked.
 *
 * @example afterReviewViolations({ kind: 'litigation_after_review', reviews: [{ filedOn: '2024-06-10' }] }, '2024-06-01')
 * // → [{ field: 'filedOn', message: '复议后起诉的提起日期（2024-06-01）不能早于本案行政复议的提起日期（2024-06-10）' }]
 */
export function afterReviewViolations(context: AfterReviewContext, filedOn: LocalDate): AppealFieldViolation[] {
  if (context.kind !== 'litigation_after_review' || context.reviews.length === 0) return [];
  const first = context.reviews.map((r) => r.filedOn).sort()[0] ?? filedOn;
  if (filedOn >= first) return [];
  return [
    {
      field: 'filedOn',
      message: `复议后起诉的提起日期（${filedOn}）不能早于本案行政复议的提起日期（${first}）`,
    },
  ];
}

/** Why a result cannot be recorded: it is recorded already (once only), or its date does not fit. */
export type AppealResultCheck =
  | { ok: true }
  | { ok: false; reason: 'already_decided'; message: string }
  | { ok: false; reason: 'invalid'; violations: AppealFieldViolation[] };

/**
 * A result is recorded once (the decision or judgment that ends the review or the first-instance lawsuit) and is
 * decided no earlier than the appeal was filed. `decidedOn` not after today is checked by the input schema.
 *
 * @example
 * appealResultCheck({ filedOn: '2024-06-01' }, '2024-05-31')
 * // → { ok: false, reason: 'invalid', violations: [{ field: 'decidedOn', message: '审结日期（2024-05-31）不能早于提起日期（2024-06-01）' }] }
 */
export function appealResultCheck(
  appeal: Pick<Appeal, 'filedOn' | 'result' | 'decidedOn'>,
  decidedOn: LocalDate,
): AppealResultCheck {
  if (appeal.result !== undefined)
    return {
      ok: false,
      reason: 'already_decided',
      message: `该复议诉讼已于${appeal.decidedOn ?? ''}登记审结结果（${APPEAL_RESULT_LABELS[appeal.result]}），结果只能登记一次`,
    };
  if (decidedOn < appeal.filedOn)
    return {
      ok: false,
      reason: 'invalid',
      violations: [{ field: 'decidedOn', message: `审结日期（${decidedOn}）不能早于提起日期（${appeal.filedOn}）` }],
    };
  return { ok: true };
}

/** A filing period in the law's terms: calendar days or months from the day the applicant knew of the act. */
export interface FilingPeriod {
  days?: number;
  months?: number;
  /** The article, in Chinese. */
  basis: string;
}

/**
 * The period to file each kind of appeal, as the reply letters name them (Art. 51): 行政复议 within 60 days of
 * knowing the act (《行政复议法》 Art. 20); a lawsuit within 6 months (《行政诉讼法》 Art. 46); a lawsuit after a
 * review within 15 days of receiving the review decision (《行政诉讼法》 Art. 45).
 */
export const FILING_PERIODS: Readonly<Record<AppealKind, FilingPeriod>> = {
  review: { days: 60, basis: '《中华人民共和国行政复议法》第二十条' },
  litigation_direct: { months: 6, basis: '《中华人民共和国行政诉讼法》第四十六条' },
  litigation_after_review: { days: 15, basis: '《中华人民共和国行政诉讼法》第四十五条' },
};

function addMonths(date: LocalDate, months: number): LocalDate {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, lastDay)).padStart(2, '0')}`;
}

/**
 * The last day of the filing period of an appeal of `kind` when the applicant knew of the act on `knownOn`: the
 * period starts the next day (the day of knowing is not counted) and a period in months ends on the same date of
 * the last month (the month's last day when it has none). Informational: a period ending on a holiday runs to the
 * next working day, and whether a late filing is admitted is for the forum, so nothing is refused on it.
 *
 * @example filingPeriodEnd('review', '2024-05-27') // → '2024-07-26' (《行政复议法》 Art. 20: 60 days)
 * @example filingPeriodEnd('litigation_direct', '2024-08-31') // → '2025-02-28' (《行政诉讼法》 Art. 46: 6 months)
 */
export function filingPeriodEnd(kind: AppealKind, knownOn: LocalDate): LocalDate {
  const period = FILING_PERIODS[kind];
  return period.months !== undefined ? addMonths(knownOn, period.months) : addDays(knownOn, period.days ?? 0);
}

/**
 * The years whose section 四 an appeal's change alters, before `today`'s year (only those may be published).
 * A newly filed appeal counts as 尚未审结 on 31 December of every year from its filing to its decision (or to
 * today); recording a result decided in year D turns D's 尚未审结 into a result and takes the appeal out of every
 * later year. Sorted, distinct.
 *
 * @example appealAffectedYears({ filedOn: '2023-05-04' }, '2026-02-01') // → [2023, 2024, 2025]
 * @example appealAffectedYears({ filedOn: '2023-05-04', decidedOn: '2024-03-01' }, '2026-02-01', 'result') // → [2024, 2025]
 */
export function appealAffectedYears(
  appeal: Pick<Appeal, 'filedOn' | 'decidedOn'>,
  today: LocalDate,
  change: 'filing' | 'result' = 'filing',
): number[] {
  const current = Number(today.slice(0, 4));
  const first = Number((change === 'result' ? (appeal.decidedOn ?? appeal.filedOn) : appeal.filedOn).slice(0, 4));
  const last = change === 'filing' && appeal.decidedOn ? Number(appeal.decidedOn.slice(0, 4)) : current - 1;
  const years: number[] = [];
  for (let y = first; y <= Math.min(last, current - 1); y += 1) years.push(y);
  return years;
}
