/**
 * A year's State Council holiday notice (国务院办公厅关于XXXX年部分节假日安排的通知) as an administrator enters it
 * (design.md §9 Administration): the days off (放假) and the weekend days worked instead (调休上班). ogi-rules.md §3:
 * a working day is Monday–Friday unless the notice makes it a holiday, plus every weekend day it makes a working day.
 */
import type { HolidaySchedule } from './holiday-schedules';
import { dayOfWeek, fromDayNumber, toDayNumber } from './local-date';
import type { LocalDate } from './model';

/** What the administrator enters for a year. */
export interface YearNotice {
  readonly year: number;
  readonly noticeNumber: string;
  readonly publishedOn: LocalDate;
  readonly holidays: readonly LocalDate[];
  readonly workdays: readonly LocalDate[];
}

/** One refused day: the field (`holidays.2`, `workdays.0`) and a Chinese message naming the day. */
export interface NoticeProblem {
  readonly field: string;
  readonly date: LocalDate;
  readonly message: string;
}

const isWeekend = (date: LocalDate): boolean => dayOfWeek(toDayNumber(date)) % 6 === 0;

/**
 * The problems of a year's notice, in input order: a date outside the year; a make-up working day that is not a
 * Saturday or Sunday (only a weekend day can be "made" a working day, §3); a day listed both as a holiday and as a
 * working day; a day listed twice. Empty when the notice can be stored.
 *
 * @example checkYearNotice({ year: 2027, noticeNumber: '国办发明电〔2026〕1号', publishedOn: '2026-11-10', holidays: ['2027-02-06'], workdays: ['2027-02-06'] })
 * // => [{ field: 'workdays.0', date: '2027-02-06', message: '2027-02-06 既是放假日期又是调休上班日期' }]
 */
export function checkYearNotice(notice: YearNotice): NoticeProblem[] {
  const problems: NoticeProblem[] = [];
  const inYear = (date: LocalDate) => date.startsWith(`${notice.year}-`);
  const holidays = new Set<LocalDate>();
  notice.holidays.forEach((date, i) => {
    const field = `holidays.${i}`;
    if (!inYear(date)) problems.push({ field, date, message: `放假日期 ${date} 不在 ${notice.year} 年内` });
    else if (holidays.has(date)) problems.push({ field, date, message: `放假日期 ${date} 重复` });
    holidays.add(date);
  });
  const workdays = new Set<LocalDate>();
  notice.workdays.forEach((date, i) => {
    const field = `workdays.${i}`;
    if (!inYear(date)) problems.push({ field, date, message: `调休上班日期 ${date} 不在 ${notice.year} 年内` });
    else if (holidays.has(date)) problems.push({ field, date, message: `${date} 既是放假日期又是调休上班日期` });
    else if (!isWeekend(date))
      problems.push({ field, date, message: `调休上班日期 ${date} 不是星期六或星期日（只有周末才需调休上班）` });
    else if (workdays.has(date)) problems.push({ field, date, message: `调休上班日期 ${date} 重复` });
    workdays.add(date);
  });
  return problems;
}

/**
 * The schedule the calendar is built from (`makeCalendar`): consecutive holidays become one period. The notice
 * as entered names no festivals, so the periods are labelled by the notice.
 *
 * @example scheduleOfNotice({ year: 2027, noticeNumber: 'X', publishedOn: '2026-11-10', holidays: ['2027-01-01', '2027-01-02'], workdays: [] }).holidays
 * // => [{ festival: '放假（X）', from: '2027-01-01', to: '2027-01-02' }]
 */
export function scheduleOfNotice(notice: YearNotice): HolidaySchedule {
  const days = [...new Set(notice.holidays)].map(toDayNumber).sort((a, b) => a - b);
  const periods: { festival: string; from: LocalDate; to: LocalDate }[] = [];
  const festival = `放假（${notice.noticeNumber}）`;
  let start: number | undefined;
  days.forEach((d, i) => {
    start ??= d;
    const next = days[i + 1];
    if (next !== d + 1) {
      periods.push({ festival, from: fromDayNumber(start), to: fromDayNumber(d) });
      start = undefined;
    }
  });
  return {
    year: notice.year,
    notice: {
      documentNumber: notice.noticeNumber,
      title: `国务院办公厅关于${notice.year}年部分节假日安排的通知`,
      publishedOn: notice.publishedOn,
    },
    amendments: [],
    holidays: periods,
    makeUpWorkdays: [...new Set(notice.workdays)]
      .sort()
      .map((date) => ({ date, festival: `调休上班（${notice.noticeNumber}）` })),
  };
}

/**
 * The schedules in force: the built-in ones, each replaced by an entered notice of the same year, plus the
 * entered years the built-in data lacks (design.md §6: the calendar is versioned data; built-in years stay the
 * default until an administrator enters that year).
 */
export function schedulesInForce(
  builtIn: readonly HolidaySchedule[],
  entered: readonly YearNotice[],
): HolidaySchedule[] {
  const enteredYears = new Set(entered.map((n) => n.year));
  return [...builtIn.filter((s) => !enteredYears.has(s.year)), ...entered.map(scheduleOfNotice)].sort(
    (a, b) => a.year - b.year,
  );
}
