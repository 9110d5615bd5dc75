import type { MiddlewareObj } from '@middy/core';
import { useCalendar } from './case-workflow';
import { defaultCalendar, makeCalendar, type Calendar } from './domain/calendar';
import { schedulesInForce } from './domain/calendar-notice';
import { HOLIDAY_SCHEDULES } from './domain/holiday-schedules';
import type { CalendarRepository } from './store/calendar-repository';

let inForce = { fingerprint: '', calendar: defaultCalendar };

/**
 * Makes the calendar in force match the stored holiday notices (design.md §9 Administration): one consistent
 * read of the few current notices per invocation; the calendar is rebuilt only when a year or version changed,
 * so a year stored by an administrator is used by every function from its next invocation on.
 */
export async function refreshCalendar(repository: Pick<CalendarRepository, 'list'>): Promise<Calendar> {
  const entered = await repository.list();
  const fingerprint = entered.map((n) => `${n.year}:${n.version}`).join(',');
  if (fingerprint !== inForce.fingerprint) {
    inForce = {
      fingerprint,
      calendar: fingerprint === '' ? defaultCalendar : makeCalendar(schedulesInForce(HOLIDAY_SCHEDULES, entered)),
    };
  }
  useCalendar(inForce.calendar);
  return inForce.calendar;
}

/** Middleware: the calendar in force is refreshed before the handler runs. */
export function calendarInForce<E, R>(repository: Pick<CalendarRepository, 'list'>): MiddlewareObj<E, R> {
  return {
    before: async () => {
      await refreshCalendar(repository);
    },
  };
}
