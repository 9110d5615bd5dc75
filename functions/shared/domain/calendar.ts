/**
 * The working-day calendar (工作日) and working-day arithmetic. ogi-rules.md §3, §7.
 *
 * A calendar is plain, precomputed data built once from the holiday schedules: for every day of the covered
 * range (2000-01-01 … 2099-12-31) whether it is a working day, and prefix counts of working days and of
 * provisional days, so that every query below is O(1) or O(log n) — no day stepping. The bundled calendar is
 * built on first use (`defaultCalendar()`), not when a function loads (issue 17).
 */
import { HOLIDAY_SCHEDULES, type HolidaySchedule } from './holiday-schedules';
import { provisionalDaysOff } from './statutory-holidays';
import type { LocalDate } from './model';
import { dayNumberOf, dayOfWeek, fromDayNumber, toDayNumber, yearOf } from './local-date';

/**
 * `toDayNumber`, bound once. Under the CommonJS transform the code runs with (tsx, ts-jest) every call of an
 * imported function reads it through an export getter, about 6 ns a call; date parsing is on the hot path of
 * every deadline query, so the functions below call this local binding instead.
 */
const dayNumberOfDate: (date: LocalDate) => number = toDayNumber;

/** Why a day is or is not a working day. */
export type DayKind = 'weekday' | 'weekend' | 'holiday' | 'make_up_workday';

/** One day as the calendar sees it. */
export interface DayInfo {
  readonly date: LocalDate;
  readonly working: boolean;
  readonly kind: DayKind;
  /** The festival of a holiday or of a make-up working day (春节, 国庆节 …). */
  readonly festival?: string;
  /**
   * The day's year has no holiday notice in the data: provisional, from the statutory holidays of the national
   * holiday measures with their 补假 and no 调休 (design.md §9).
   */
  readonly provisional: boolean;
}

/** The precomputed calendar. Treat as opaque; build with `makeCalendar`. */
export interface Calendar {
  /** Years with a State Council notice in the data. */
  readonly knownYears: readonly number[];
  readonly firstDate: LocalDate;
  readonly lastDate: LocalDate;
  /** Day number of `firstDate`. */
  readonly firstDay: number;
  /** Day number of `lastDate`. */
  readonly lastDay: number;
  /** Per day (index = day − firstDay): 1 if working. */
  readonly working: Uint8Array;
  /** `workingBefore[i]` = number of working days among the first i days of the range. */
  readonly workingBefore: Int32Array;
  /** The working days of the range in order, as day numbers. */
  readonly workingDayList: Int32Array;
  /**
   * `finalBefore[i]` = number of days among the first i days of the range whose year has a notice (the others are
   * provisional).
   */
  readonly finalBefore: Int32Array;
  /**
   * The `YYYY-MM-DD` text of the days of the range (index = day − firstDay), each made once on first use by
   * `dateOfDay`, so results need no formatting after that.
   */
  readonly dates: readonly LocalDate[];
  /** Per day (index = day − firstDay): `HOLIDAY`, `MAKE_UP_WORKDAY` or 0 (an ordinary weekday or weekend day). */
  readonly special: Uint8Array;
  /** Per day (index = day − firstDay): index in `festivalNames` of a special day's festival (0 for other days). */
  readonly festivalOf: Uint16Array;
  /** Festival names of holidays and make-up working days (春节, 国庆节（补假）…); index 0 is unused. */
  readonly festivalNames: readonly string[];
}

/** `Calendar.special` of a day off of a notice or of the measures. */
const HOLIDAY = 1;
/** `Calendar.special` of a weekend day worked instead (调休上班). */
const MAKE_UP_WORKDAY = 2;

/** A pause of the clock (consultation 征求意见, fee notice): the start day counts, days after it up to and including the end day do not. */
export interface Pause {
  readonly id: string;
  readonly label: string;
  readonly from: LocalDate;
  readonly to: LocalDate;
}

const FIRST_YEAR = 2000;
const LAST_YEAR = 2099;

/**
 * Builds a calendar from holiday schedules (one per year). Years without a schedule are provisional: weekends and
 * the statutory holidays of the national holiday measures (《全国年节及纪念日放假办法》: 元旦, 春节 除夕–初三, 清明,
 * 劳动节 1–2 May, 端午, 中秋, 国庆 1–3 Oct; lunar dates computed) with the measures' 补假 for a holiday on a
 * weekend and no 调休 (design.md §9; ogi-rules.md §3, §7). A schedule's days override provisional ones (a notice's
 * 元旦 may begin in the previous December).
 *
 * Typed arrays, filled by native copies where they can be and by one pass over the 36,525 days for the prefix
 * counts: no map lookup, no date text and no allocation per day (issue 17).
 * @example makeCalendar(HOLIDAY_SCHEDULES) // the bundled calendar, final for 2019–2026, provisional otherwise
 */
export function makeCalendar(schedules: readonly HolidaySchedule[]): Calendar {
  const firstDay = dayNumberOf(FIRST_YEAR, 1, 1);
  const lastDay = dayNumberOf(LAST_YEAR, 12, 31);
  const size = lastDay - firstDay + 1;
  const years = new Set<number>();
  for (const schedule of schedules) {
    if (years.has(schedule.year)) throw new Error(`节假日安排重复: ${schedule.year} 年`);
    years.add(schedule.year);
  }
  // Monday–Friday: one week written, then copied over the range, doubling (native copies, no loop per day).
  const working = new Uint8Array(size);
  const firstWeekday = dayOfWeek(firstDay);
  for (let i = 0; i < 7; i += 1) working[i] = ((firstWeekday + i) % 7) % 6 === 0 ? 0 : 1;
  for (let copied = 7; copied < size; copied *= 2) working.copyWithin(copied, 0, Math.min(copied, size - copied));
  const special = new Uint8Array(size);
  const festivalOf = new Uint16Array(size);
  const festivalNames: string[] = [''];
  const nameIndex = new Map<string, number>();
  /** Marks the days `from`–`to` (day numbers) as `kind` of `festival`; days outside the range are not kept. */
  const mark = (from: number, to: number, kind: number, festival: string): void => {
    let name = nameIndex.get(festival);
    if (name === undefined) {
      name = festivalNames.push(festival) - 1;
      nameIndex.set(festival, name);
    }
    const last = Math.min(to - firstDay, size - 1);
    for (let i = Math.max(from - firstDay, 0); i <= last; i += 1) {
      working[i] = kind === MAKE_UP_WORKDAY ? 1 : 0;
      special[i] = kind;
      festivalOf[i] = name;
    }
  };
  for (let y = FIRST_YEAR; y <= LAST_YEAR; y += 1) {
    if (years.has(y)) continue;
    for (const off of provisionalDaysOff(y)) mark(off.day, off.day, HOLIDAY, off.festival);
  }
  // A notice's own days, checked against each other (a day both off and worked is an error in the data).
  const officialHolidays = new Set<number>();
  for (const schedule of schedules) {
    for (const period of schedule.holidays) {
      const from = dayNumberOfDate(period.from);
      const to = dayNumberOfDate(period.to);
      for (let d = from; d <= to; d += 1) officialHolidays.add(d);
      mark(from, to, HOLIDAY, period.festival);
    }
    for (const makeUp of schedule.makeUpWorkdays) {
      const d = dayNumberOfDate(makeUp.date);
      if (officialHolidays.has(d)) throw new Error(`同一天既放假又上班: ${makeUp.date}`);
      mark(d, d, MAKE_UP_WORKDAY, makeUp.festival);
    }
  }
  // The one loop over the days: prefix counts of working days and the list of working days.
  const workingBefore = new Int32Array(size + 1);
  const workingDays = new Int32Array(size);
  let workingCount = 0;
  for (let i = 0; i < size; i += 1) {
    workingDays[workingCount] = firstDay + i;
    workingCount += working[i] as number;
    workingBefore[i + 1] = workingCount;
  }
  // Days of years with a notice: counted through those years only, constant elsewhere.
  const finalBefore = new Int32Array(size + 1);
  let finalCount = 0;
  let counted = 0;
  for (let year = FIRST_YEAR; year <= LAST_YEAR; year += 1) {
    if (!years.has(year)) continue;
    const start = dayNumberOf(year, 1, 1) - firstDay;
    const end = dayNumberOf(year + 1, 1, 1) - firstDay;
    finalBefore.fill(finalCount, counted + 1, start + 1);
    for (let i = start; i < end; i += 1) {
      finalCount += 1;
      finalBefore[i + 1] = finalCount;
    }
    counted = end;
  }
  finalBefore.fill(finalCount, counted + 1);
  return {
    knownYears: [...years].sort((a, b) => a - b),
    firstDate: fromDayNumber(firstDay),
    lastDate: fromDayNumber(lastDay),
    firstDay,
    lastDay,
    working,
    workingBefore,
    workingDayList: workingDays.slice(0, workingCount),
    finalBefore,
    // Filled on first use by `dateOfDay` (issue 17: 36,525 strings at every cold start cost more than the lookups).
    dates: new Array<LocalDate>(size),
    special,
    festivalOf,
    festivalNames,
  };
}

let bundled: Calendar | undefined;

/**
 * The calendar of the bundled schedules (`HOLIDAY_SCHEDULES`, 2019–2026), provisional for every other year. Built
 * on the first call and kept for the life of the process, so loading a function costs nothing (issue 17).
 * @example isWorkingDay(defaultCalendar(), '2024-10-12') // true
 */
export function defaultCalendar(): Calendar {
  bundled ??= makeCalendar(HOLIDAY_SCHEDULES);
  return bundled;
}

/**
 * The seam for official years stored as data (calendar administration, design.md §9): the bundled schedules plus
 * `extraYears`, a stored year replacing the bundled one of the same year. Build it once per set of stored years
 * (it precomputes 2000–2099) and pass it wherever the domain takes a calendar.
 * @example calendarWithYears([schedule2027]) // 2027 final, from its notice
 */
export function calendarWithYears(extraYears: readonly HolidaySchedule[]): Calendar {
  if (extraYears.length === 0) return defaultCalendar();
  const replaced = new Set(extraYears.map((s) => s.year));
  return makeCalendar([...HOLIDAY_SCHEDULES.filter((s) => !replaced.has(s.year)), ...extraYears]);
}

function index(calendar: Calendar, d: number): number {
  if (d < calendar.firstDay || d > calendar.lastDay) {
    throw new RangeError(`日期超出日历范围（${calendar.firstDate} 至 ${calendar.lastDate}）: ${fromDayNumber(d)}`);
  }
  return d - calendar.firstDay;
}

/** The `YYYY-MM-DD` text of a day number of the range. */
export function dateOfDay(calendar: Calendar, d: number): LocalDate {
  const i = index(calendar, d);
  return calendar.dates[i] ?? ((calendar.dates as LocalDate[])[i] = fromDayNumber(d));
}

/** Working days in the day-number interval (a, b] (0 when b ≤ a). */
export function workingDaysBetweenDays(calendar: Calendar, a: number, b: number): number {
  if (b <= a) return 0;
  return (calendar.workingBefore[index(calendar, b) + 1] ?? 0) - (calendar.workingBefore[index(calendar, a) + 1] ?? 0);
}

/** The n-th working day (day number) after day number `start` (n ≥ 1), O(1). */
export function addWorkingDaysToDay(calendar: Calendar, start: number, n: number): number {
  if (n <= 0) return start;
  const k = (calendar.workingBefore[index(calendar, start) + 1] ?? 0) + n - 1;
  const d = calendar.workingDayList[k];
  if (d === undefined) throw new RangeError(`日期超出日历范围（${calendar.firstDate} 至 ${calendar.lastDate}）`);
  return d;
}

/** The n-th working day (day number) before day number `end` (n ≥ 1), O(1). */
export function subtractWorkingDaysFromDay(calendar: Calendar, end: number, n: number): number {
  if (n <= 0) return end;
  const k = (calendar.workingBefore[index(calendar, end)] ?? 0) - n;
  const d = k >= 0 ? calendar.workingDayList[k] : undefined;
  if (d === undefined) throw new RangeError(`日期超出日历范围（${calendar.firstDate} 至 ${calendar.lastDate}）`);
  return d;
}

/** Whether any day in the day-number interval (a, b] is provisional. */
export function isProvisionalBetweenDays(calendar: Calendar, a: number, b: number): boolean {
  if (b <= a) return false;
  const ia = index(calendar, a) + 1;
  const ib = index(calendar, b) + 1;
  return ib - ia > (calendar.finalBefore[ib] ?? 0) - (calendar.finalBefore[ia] ?? 0);
}

/** Whether day number `d` is a working day. */
export function isWorkingDayNumber(calendar: Calendar, d: number): boolean {
  return calendar.working[index(calendar, d)] === 1;
}

/**
 * Whether a date is a working day: Monday–Friday unless a holiday, plus make-up working days (调休上班). §3.
 * @example isWorkingDay(defaultCalendar(), '2024-10-12') // true (Saturday made up for 国庆节)
 */
export function isWorkingDay(calendar: Calendar, date: LocalDate): boolean {
  return isWorkingDayNumber(calendar, dayNumberOfDate(date));
}

/**
 * What the calendar says about a day, with the festival name and whether it is provisional. §7.
 * @example describeDay(defaultCalendar(), '2024-10-03') // { working: false, kind: 'holiday', festival: '国庆节', … }
 */
export function describeDay(calendar: Calendar, date: LocalDate): DayInfo {
  const d = dayNumberOfDate(date);
  const i = index(calendar, d);
  const provisional = (calendar.finalBefore[i + 1] ?? 0) === (calendar.finalBefore[i] ?? 0);
  const special = calendar.special[i];
  const working = calendar.working[i] === 1;
  if (special === HOLIDAY || special === MAKE_UP_WORKDAY) {
    const festival = calendar.festivalNames[calendar.festivalOf[i] ?? 0] ?? '';
    return { date, working, kind: special === HOLIDAY ? 'holiday' : 'make_up_workday', festival, provisional };
  }
  return { date, working, kind: dayOfWeek(d) % 6 === 0 ? 'weekend' : 'weekday', provisional };
}

/**
 * Whether a date's year has no holiday notice in the data, so its working days are provisional (statutory holidays
 * of the national measures, no 调休). §7; design.md §9.
 * @example isProvisionalDate(defaultCalendar(), '2027-01-04') // true
 */
export function isProvisionalDate(calendar: Calendar, date: LocalDate): boolean {
  return !calendar.knownYears.includes(yearOf(dayNumberOfDate(date)));
}

/**
 * The n-th working day after `start`; `start` itself is not counted (ogi-rules.md §3, Civil Code Art. 201).
 * @example addWorkingDays(defaultCalendar(), '2024-09-27', 20) // '2024-10-30'
 */
export function addWorkingDays(calendar: Calendar, start: LocalDate, n: number): LocalDate {
  return dateOfDay(calendar, addWorkingDaysToDay(calendar, dayNumberOfDate(start), n));
}

/**
 * The n-th working day before `end` (n ≥ 1); `end` itself is not counted. Used for reminders.
 * @example subtractWorkingDays(defaultCalendar(), '2024-10-30', 5) // '2024-10-23'
 */
export function subtractWorkingDays(calendar: Calendar, end: LocalDate, n: number): LocalDate {
  return dateOfDay(calendar, subtractWorkingDaysFromDay(calendar, dayNumberOfDate(end), n));
}

/**
 * The number of working days after `from` up to and including `to` (0 when `to` ≤ `from`). §3.
 * @example workingDaysBetween(defaultCalendar(), '2024-09-27', '2024-10-30') // 20
 */
export function workingDaysBetween(calendar: Calendar, from: LocalDate, to: LocalDate): number {
  return workingDaysBetweenDays(calendar, dayNumberOfDate(from), dayNumberOfDate(to));
}

/**
 * Whether any day after `from` up to and including `to` is provisional (its year has no notice).
 * @example isRangeProvisional(defaultCalendar(), '2026-12-10', '2027-01-08') // true
 */
export function isRangeProvisional(calendar: Calendar, from: LocalDate, to: LocalDate): boolean {
  return isProvisionalBetweenDays(calendar, dayNumberOfDate(from), dayNumberOfDate(to));
}

/** Excluded day-number intervals [a, b] of pauses, merged and sorted. Pause (from, to]: from counts, to does not. */
export function pauseIntervals(
  pauses: readonly { readonly from: LocalDate; readonly to: LocalDate }[],
): [number, number][] {
  const raw: [number, number][] = [];
  for (const p of pauses) {
    const a = dayNumberOfDate(p.from) + 1;
    const b = dayNumberOfDate(p.to);
    if (b >= a) raw.push([a, b]);
  }
  if (raw.length < 2) return raw;
  raw.sort((x, y) => x[0] - y[0]);
  const merged: [number, number][] = [];
  for (const interval of raw) {
    const last = merged[merged.length - 1];
    if (last && interval[0] <= last[1] + 1) last[1] = Math.max(last[1], interval[1]);
    else merged.push([interval[0], interval[1]]);
  }
  return merged;
}

/**
 * The n-th counted day after day number `start`, skipping excluded intervals [a, b] (sorted by a; they may
 * overlap). Walks the intervals with prefix counts: O(k + 1) lookups for k intervals, never day by day.
 */
export function addCountedDaysToDay(
  calendar: Calendar,
  start: number,
  n: number,
  excluded: readonly (readonly [number, number])[],
): number {
  let position = start;
  let remaining = n;
  if (remaining <= 0) return start;
  for (const [a, b] of excluded) {
    if (b <= position) continue;
    const available = workingDaysBetweenDays(calendar, position, a - 1);
    if (available >= remaining) return addWorkingDaysToDay(calendar, position, remaining);
    remaining -= available;
    position = Math.max(position, b);
  }
  return addWorkingDaysToDay(calendar, position, remaining);
}

/**
 * Same walk over the first `length` entries of a flat array [a0, b0, a1, b1, …] sorted by a (no tuple
 * allocation; the hot path).
 */
function addCountedDaysFlat(calendar: Calendar, start: number, n: number, flat: Int32Array, length: number): number {
  let position = start;
  let remaining = n;
  for (let i = 0; i < length; i += 2) {
    const a = flat[i] as number;
    const b = flat[i + 1] as number;
    if (b <= position) continue;
    const available = workingDaysBetweenDays(calendar, position, a - 1);
    if (available >= remaining) return addWorkingDaysToDay(calendar, position, remaining);
    remaining -= available;
    position = b;
  }
  return addWorkingDaysToDay(calendar, position, remaining);
}

/**
 * Scratch space for the excluded intervals of one call of `addCountedDays` / `deadlineAfter`, so that the hot
 * path allocates nothing per call. It is filled and read within one synchronous call (no callback, no await in
 * between), so those functions stay pure as seen from outside. Day numbers of `YYYY-MM-DD` dates (years
 * 0000–9999) lie within ±3,000,000 and fit an Int32.
 */
let excludedScratch = new Int32Array(8);

/**
 * Writes the pauses as excluded day-number intervals [a, b] (a = day after the start day, b = end day) into
 * `excludedScratch` as a flat [a0, b0, a1, b1, …] sorted by a (insertion sort: pauses are few), skipping empty
 * ones; returns the number of entries written.
 */
function fillExcluded(pauses: readonly { readonly from: LocalDate; readonly to: LocalDate }[]): number {
  if (excludedScratch.length < pauses.length * 2) excludedScratch = new Int32Array(pauses.length * 2);
  const flat = excludedScratch;
  let length = 0;
  for (let k = 0; k < pauses.length; k += 1) {
    const p = pauses[k] as { readonly from: LocalDate; readonly to: LocalDate };
    const a = dayNumberOfDate(p.from) + 1;
    const b = dayNumberOfDate(p.to);
    if (b < a) continue;
    let i = length;
    length += 2;
    while (i > 0 && (flat[i - 2] as number) > a) {
      flat[i] = flat[i - 2] as number;
      flat[i + 1] = flat[i - 1] as number;
      i -= 2;
    }
    flat[i] = a;
    flat[i + 1] = b;
  }
  return length;
}

/** The n-th counted day (day number) after day number `start`, skipping the pauses. */
function countedDayAfter(
  calendar: Calendar,
  start: number,
  n: number,
  pauses: readonly { readonly from: LocalDate; readonly to: LocalDate }[],
): number {
  if (pauses.length === 0) return addWorkingDaysToDay(calendar, start, n);
  const length = fillExcluded(pauses);
  return addCountedDaysFlat(calendar, start, n, excludedScratch, length);
}

/**
 * The n-th counted day after `start`: working days, not counting `start` nor any day inside a pause
 * (a pause's start day counts, its end day does not; pauses may overlap). Art. 33 ¶3; Fee Measures Art. 7.
 * @example addCountedDays(defaultCalendar(), '2024-09-27', 20, [{ id: 'c1', label: '征求意见', from: '2024-10-09', to: '2024-10-11' }]) // '2024-11-01'
 */
export function addCountedDays(
  calendar: Calendar,
  start: LocalDate,
  n: number,
  pauses: readonly { readonly from: LocalDate; readonly to: LocalDate }[],
): LocalDate {
  return dateOfDay(calendar, countedDayAfter(calendar, dayNumberOfDate(start), n, pauses));
}

/** A computed date and whether it rests on a provisional year. */
export interface DatedResult {
  readonly date: LocalDate;
  readonly provisional: boolean;
}

/**
 * A deadline: the n-th counted day after `start` (pauses excluded), marked provisional when any day from the
 * day after `start` to the deadline lies in a year without a notice. ogi-rules.md §3.
 * @example deadlineAfter(defaultCalendar(), '2024-09-27', 20) // { date: '2024-10-30', provisional: false }
 */
export function deadlineAfter(
  calendar: Calendar,
  start: LocalDate,
  n: number,
  pauses: readonly { readonly from: LocalDate; readonly to: LocalDate }[] = [],
): DatedResult {
  const s = dayNumberOfDate(start);
  const due = countedDayAfter(calendar, s, n, pauses);
  return { date: dateOfDay(calendar, due), provisional: isProvisionalBetweenDays(calendar, s, due) };
}
