/**
 * The life of an annual report (年度报告) after it is built (design.md §9 "Report lifecycle"): published once the
 * year is over, then corrected (更正) as kept revisions, each with its 更正说明; acts dated into a year whose report is
 * published are accepted with a warning that the report needs a correction. Art. 49–50 of the Regulations.
 */
import type { Instant, LocalDate } from '../model';
import type { AnnualReport, ReportCorrection } from './types';

/**
 * The first day a year's report may be published: 1 January of the next year (Art. 49–50: the report covers the
 * whole previous year and is published by 31 January, or 31 March for a local government's own report).
 * @example publishableFrom(2026) // → '2027-01-01'
 */
export function publishableFrom(year: number): LocalDate {
  return `${String(year + 1).padStart(4, '0')}-01-01`;
}

/** A report refused because its year is not over yet. */
export class ReportYearNotOverError extends Error {
  override readonly name = 'ReportYearNotOverError';
  readonly code = 'year_not_over';
  constructor(
    readonly year: number,
    readonly from: LocalDate,
  ) {
    super(`${year}年尚未结束：${year}年度报告自${from.slice(0, 4)}年1月1日（${from}）起方可发布`);
  }
}

/**
 * Refuses to publish (or correct) year Y's report before 1 January of Y+1 (Art. 49–50).
 * @example assertYearOver(2026, '2026-11-29') // throws ReportYearNotOverError naming 2027-01-01
 * @example assertYearOver(2025, '2026-01-02') // passes
 */
export function assertYearOver(year: number, today: LocalDate): void {
  const from = publishableFrom(year);
  if (today < from) throw new ReportYearNotOverError(year, from);
}

/** The warning code of an act dated into a year whose report is published (design.md §9). */
export const PUBLISHED_YEAR_AFFECTED = 'published_year_affected';

export interface PublishedYearWarning {
  code: typeof PUBLISHED_YEAR_AFFECTED;
  year: number;
  /** For the officer, in Chinese: what happened and what to do. */
  message: string;
}

/**
 * The years an act's dates fall in whose report may already be published: those before today's year (a year's
 * report is published from 1 January of the next year on, so today's year never has one). Sorted, distinct.
 * @example yearsThatMayBePublished(['2025-12-30', undefined, '2026-01-05'], '2026-01-06') // → [2025]
 */
export function yearsThatMayBePublished(dates: readonly (LocalDate | undefined)[], today: LocalDate): number[] {
  const current = Number(today.slice(0, 4));
  const years = dates
    .filter((d): d is LocalDate => typeof d === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(d))
    .map((d) => Number(d.slice(0, 4)))
    .filter((y) => y < current);
  return [...new Set(years)].sort((a, b) => a - b);
}

/**
 * The warning for an act dated into year Y whose report is published: accepted, and Y's report needs a correction
 * (design.md §9), which the carry-over into Y+1 otherwise holds up.
 */
export function publishedYearWarning(year: number): PublishedYearWarning {
  return {
    code: PUBLISHED_YEAR_AFFECTED,
    year,
    message:
      `${year}年度报告已发布，本次办理的日期在${year}年内，改变了该年度报告的数据。` +
      `请更正${year}年度报告（填写更正说明），否则${year + 1}年度报告的上年结转数将与之不符。`,
  };
}

/** A correction refused because its reason (更正说明) is empty. */
export class CorrectionReasonMissingError extends Error {
  override readonly name = 'CorrectionReasonMissingError';
}

/**
 * The report as a published revision: revision 1 at first publication; a correction adds one and appends its
 * 更正说明 to those of the revisions before (design.md §9: every revision kept, the public sees the latest).
 *
 * @param previous the latest published revision, absent at first publication
 * @param correction the reason, required when `previous` is given
 * @example
 * asRevision(report, '2026-01-20T02:00:00.000Z', latest, '补录2025年12月30日签收的邮寄申请')
 * // → { ...report, status: 'published', revision: 2, corrections: [{ revision: 2, reason: '补录…', … }] }
 */
export function asRevision(
  report: AnnualReport,
  publishedAt: Instant,
  previous?: Pick<AnnualReport, 'revision' | 'corrections'>,
  reason?: string,
): AnnualReport {
  if (!previous) return { ...report, status: 'published', publishedAt, revision: 1 };
  const text = (reason ?? '').trim();
  if (text.length === 0) throw new CorrectionReasonMissingError('请填写更正说明（更正的原因和内容）');
  const revision = (previous.revision ?? 1) + 1;
  const corrections: ReportCorrection[] = [
    ...(previous.corrections ?? []),
    { revision, reason: text, correctedAt: publishedAt },
  ];
  return { ...report, status: 'published', publishedAt, revision, corrections };
}

/** The 更正说明 of a revision as printed under the title, or undefined for an uncorrected report. */
export function correctionNote(report: Pick<AnnualReport, 'corrections' | 'revision'>): string | undefined {
  const latest = report.corrections?.at(-1);
  if (!latest) return undefined;
  const day = new Date(Date.parse(latest.correctedAt) + 8 * 3600 * 1000).toISOString().slice(0, 10);
  return `更正说明：本报告于${day}更正（第${latest.revision}版）。${latest.reason}`;
}
