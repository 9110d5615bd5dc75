/**
 * Legal dates (`YYYY-MM-DD`, Asia/Shanghai) as integer day numbers: days since 1970-01-01 counted on the
 * proleptic Gregorian calendar. All date arithmetic of the domain happens on these integers, never with a
 * time zone or a `Date` in local time.
 */
import type { Instant, LocalDate } from './model';

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

/** Days in a month of the proleptic Gregorian calendar. */
function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

const TABLE_FIRST_YEAR = 1900;
const TABLE_MONTHS = 300 * 12;
/**
 * Day number of the 1st of every month 1900-01 … 2199-12 (index (year − 1900) × 12 + month − 1), and the
 * length of that month: parsing a date of that range is one lookup, no division and no leap-year test.
 */
const MONTH_FIRST_DAY = new Int32Array(TABLE_MONTHS);
const MONTH_LENGTH = new Uint8Array(TABLE_MONTHS);
for (let i = 0; i < TABLE_MONTHS; i += 1) {
  const year = TABLE_FIRST_YEAR + Math.floor(i / 12);
  const month = (i % 12) + 1;
  MONTH_FIRST_DAY[i] = dayNumberOf(year, month, 1);
  MONTH_LENGTH[i] = daysInMonth(year, month);
}

/**
 * Parses `YYYY-MM-DD` with char codes (no regex, no `Date`, no substring); NaN when it is not a real date.
 * Each char code minus 48 is a digit exactly when it is 0–9 as an unsigned integer (`>>> 0`), so one
 * comparison per character validates it.
 */
function parseDayNumber(value: string): number {
  if (value.length !== 10 || value.charCodeAt(4) !== 45 || value.charCodeAt(7) !== 45) return Number.NaN;
  const y1 = value.charCodeAt(0) - 48;
  const y2 = value.charCodeAt(1) - 48;
  const y3 = value.charCodeAt(2) - 48;
  const y4 = value.charCodeAt(3) - 48;
  const m1 = value.charCodeAt(5) - 48;
  const m2 = value.charCodeAt(6) - 48;
  const d1 = value.charCodeAt(8) - 48;
  const d2 = value.charCodeAt(9) - 48;
  if (
    y1 >>> 0 > 9 ||
    y2 >>> 0 > 9 ||
    y3 >>> 0 > 9 ||
    y4 >>> 0 > 9 ||
    m1 >>> 0 > 9 ||
    m2 >>> 0 > 9 ||
    d1 >>> 0 > 9 ||
    d2 >>> 0 > 9
  ) {
    return Number.NaN;
  }
  const year = y1 * 1000 + y2 * 100 + y3 * 10 + y4;
  const month = m1 * 10 + m2;
  const day = d1 * 10 + d2;
  if (month < 1 || month > 12 || day < 1) return Number.NaN;
  const m = (year - TABLE_FIRST_YEAR) * 12 + month - 1;
  if (m >= 0 && m < TABLE_MONTHS) {
    return day > (MONTH_LENGTH[m] as number) ? Number.NaN : (MONTH_FIRST_DAY[m] as number) + day - 1;
  }
  return day > daysInMonth(year, month) ? Number.NaN : dayNumberOf(year, month, day);
}

/** Whether `value` is a real calendar date written `YYYY-MM-DD`. @example isLocalDate('2024-02-30') // false */
export function isLocalDate(value: unknown): value is LocalDate {
  return typeof value === 'string' && !Number.isNaN(parseDayNumber(value));
}

/**
 * The day number of a legal date; throws a `RangeError` for anything that is not a real `YYYY-MM-DD` date.
 * @example toDayNumber('2024-09-27') // 19993
 */
export function toDayNumber(date: LocalDate): number {
  const n = typeof date === 'string' ? parseDayNumber(date) : Number.NaN;
  if (Number.isNaN(n)) throw new RangeError(`日期格式无效（应为 YYYY-MM-DD）: ${String(date)}`);
  return n;
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
