/**
 * Legal dates (`YYYY-MM-DD`, Asia/Shanghai) as integer day numbers: days since 1970-01-01 counted on the
 * proleptic Gregorian calendar. All date arithmetic of the domain happens on these integers, never with a
 * time zone or a `Date` in local time.
 */
import type { Instant, LocalDate } from './model';

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Day number of a civil date (Hinnant's days-from-civil): pure integer arithmetic. */
export function dayNumberOf(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Whether `value` is a real calendar date written `YYYY-MM-DD`. @example isLocalDate('2024-02-30') // false */
export function isLocalDate(value: unknown): value is LocalDate {
  if (typeof value !== 'string') return false;
  const match = DATE_PATTERN.exec(value);
  if (!match) return false;
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1) return false;
  return fromDayNumber(dayNumberOf(Number(match[1]), month, day)) === value;
}

/**
 * The day number of a legal date; throws a `RangeError` for anything that is not a real `YYYY-MM-DD` date.
 * @example toDayNumber('2024-09-27') // 19993
 */
export function toDayNumber(date: LocalDate): number {
  if (!isLocalDate(date)) throw new RangeError(`日期格式无效（应为 YYYY-MM-DD）: ${String(date)}`);
  return dayNumberOf(Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10)));
}

/**
 * The day number of a date already known to be well formed (no validation; for hot loops).
 * @example fastDayNumber('2024-09-27') // 19993
 */
export function fastDayNumber(date: LocalDate): number {
  const c = (i: number): number => date.charCodeAt(i) - 48;
  return dayNumberOf(c(0) * 1000 + c(1) * 100 + c(2) * 10 + c(3), c(5) * 10 + c(6), c(8) * 10 + c(9));
}

/**
 * The legal date of a day number (Hinnant's civil-from-days).
 * @example fromDayNumber(19993) // '2024-09-27'
 */
export function fromDayNumber(n: number): LocalDate {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return `${String(year).padStart(4, '0')}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}

/** Day of the week of a day number: 0 = Sunday … 6 = Saturday. @example dayOfWeek(toDayNumber('2024-09-29')) // 0 */
export function dayOfWeek(n: number): number {
  return (((n + 4) % 7) + 7) % 7;
}

/** The calendar year of a day number. @example yearOf(toDayNumber('2024-12-31')) // 2024 */
export function yearOf(n: number): number {
  return Number(fromDayNumber(n).slice(0, 4));
}

/** `date` moved by `days` calendar days. @example addDays('2024-12-31', 1) // '2025-01-01' */
export function addDays(date: LocalDate, days: number): LocalDate {
  return fromDayNumber(toDayNumber(date) + days);
}

const WEEKDAY_NAMES = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'] as const;

/** Chinese name of the day of the week. @example weekdayName('2024-10-12') // '周六' */
export function weekdayName(date: LocalDate): string {
  return WEEKDAY_NAMES[dayOfWeek(toDayNumber(date))] ?? '';
}

/**
 * The instant of 09:00 Asia/Shanghai (UTC+8, no daylight saving since 1991) on a legal date: 01:00Z that day.
 * @example shanghaiNineAm('2024-10-23') // '2024-10-23T01:00:00.000Z'
 */
export function shanghaiNineAm(date: LocalDate): Instant {
  toDayNumber(date);
  return `${date}T01:00:00.000Z`;
}

/**
 * The legal date (Asia/Shanghai) of an ISO-8601 instant.
 * @example shanghaiDateOf('2024-10-22T17:00:00.000Z') // '2024-10-23'
 */
export function shanghaiDateOf(instant: Instant): LocalDate {
  const ms = Date.parse(instant);
  if (Number.isNaN(ms)) throw new RangeError(`时间格式无效（应为 ISO-8601）: ${instant}`);
  return fromDayNumber(Math.floor((ms + 8 * 3_600_000) / 86_400_000));
}
