import type { MiddlewareObj } from '@middy/core';
import { useCalendar } from './case-workflow';
import { defaultCalendar, makeCalendar, type Calendar } from './domain/calendar';
import { schedulesInForce } from './domain/calendar-notice';
import { HOLIDAY_SCHEDULES } from './domain/holiday-schedules';
import type { CalendarRepository } from './store/calendar-repository';

/**
 * The stored notices (`year:version`, …) the calendar in force was made from, and that calendar; `undefined` when
 * none is stored: the bundled calendar, which `currentCalendar()` builds on first use (issue 17: not at import).
 */
let inForce: { fingerprint: string; calendar: Calendar | undefined } = { fingerprint: '', calendar: undefined };

/**
 * Makes the calendar in force match the stored holiday notices (design.md §9 Administration): one consistent
 * read of the few current notices per invocation; the calendar is rebuilt only when a year or version changed,
 * so a year stored by an administrator is used by every function from its next invocation on. Read it with
 * `currentCalendar()` (case-workflow.ts).
 */
export async function refreshCalendar(repository: Pick<CalendarRepository, 'list'>): Promise<void> {
  const entered = await repository.list();
  const fingerprint = entered.map((n) => `${n.year}:${n.version}`).join(',');
  if (fingerprint !== inForce.fingerprint) {
    inForce = {
      fingerprint,
      calendar: fingerprint === '' ? undefined : makeCalendar(schedulesInForce(HOLIDAY_SCHEDULES, entered)),
    };
  }
  useCalendar(inForce.calendar);
}

/**
 * The calendar as it was with `version` of `year`'s notice (0: no notice entered, the built-in schedule or the
 * provisional year) and every other year as now: what a calendar change is compared against (issue 15).
 */
export async function calendarWithVersion(
  repository: Pick<CalendarRepository, 'list' | 'versions'>,
  year: number,
  version: number,
): Promise<Calendar> {
  const entered = (await repository.list()).filter((n) => n.year !== year);
  const notice = version > 0 ? (await repository.versions(year)).find((n) => n.version === version) : undefined;
  if (notice) entered.push(notice);
  return entered.length === 0 ? defaultCalendar() : makeCalendar(schedulesInForce(HOLIDAY_SCHEDULES, entered));
}

/** Middleware: the calendar in force is refreshed before the handler runs. */
export function calendarInForce<E, R>(repository: Pick<CalendarRepository, 'list'>): MiddlewareObj<E, R> {
  return {
    before: async () => {
      await refreshCalendar(repository);
    },
  };
}
