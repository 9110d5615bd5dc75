/**
 * Acts dated into a year whose annual report is published (design.md §9 "Report lifecycle"): the act is accepted,
 * the answer carries `warnings: [{ code: 'published_year_affected', year }]`, and the report is marked as needing
 * a correction, which the console shows. Only years before today's can have a published report, so an act dated
 * this year costs nothing; an older one costs one conditional write per year (no read).
 */
import {
  publishedYearWarning,
  yearsThatMayBePublished,
  type PublishedYearWarning,
} from './domain/annual-report/lifecycle';
import type { LocalDate } from './domain/model';
import type { ReportStatusRepository } from './store/report-status-repository';

export interface DatedAct {
  agencyId: string;
  /** The legal dates the act records (receipt, reply, payment…); others are ignored. */
  dates: readonly (LocalDate | undefined)[];
  /** What happened, for the console's note, e.g. `NDZ-2026-000003 登记（收到日期 2025-12-30）`. */
  note: string;
  today: LocalDate;
  at: string;
}

/** The warnings of an act, marking each published year it touches as needing a correction. */
export async function publishedYearWarnings(
  statuses: Pick<ReportStatusRepository, 'markCorrectionNeeded'>,
  act: DatedAct,
): Promise<PublishedYearWarning[]> {
  const years = yearsThatMayBePublished(act.dates, act.today);
  const marked = await Promise.all(
    years.map(async (year) =>
      (await statuses.markCorrectionNeeded(act.agencyId, year, act.at, act.note)) ? [publishedYearWarning(year)] : [],
    ),
  );
  return marked.flat();
}

/** The legal dates carried by an action's fields (`receivedOn`, `repliedOn`, `paidOn`…). */
export function datesOf(fields: object): LocalDate[] {
  return Object.entries(fields)
    .filter(([key, value]) => key.endsWith('On') && typeof value === 'string')
    .map(([, value]) => value as string);
}
