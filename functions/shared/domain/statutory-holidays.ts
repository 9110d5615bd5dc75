/**
 * The provisional holiday calendar of a year whose State Council notice is not yet known (design.md §9,
 * ogi-rules.md §7): the statutory holidays fixed by the national holiday measures themselves
 * (《全国年节及纪念日放假办法》, as revised by State Council Decree No. 795, in force 2025-01-01), with their own
 * make-up rule (补假) for a holiday on a Saturday or Sunday, and no 调休 swaps (only the yearly notice makes those).
 *
 * Lunar dates (除夕, 端午, 中秋) and the solar term 清明 are computed by the maintained `chinese-days` library.
 */
import { getSolarDateFromLunar, getSolarTermDate } from 'chinese-days';
import type { HolidayPeriod } from './holiday-schedules';
import { addDays, dayOfWeek, toDayNumber } from './local-date';
import type { LocalDate } from './model';

/** The measures the provisional calendar follows. */
export const HOLIDAY_MEASURES = '《全国年节及纪念日放假办法》';

export { PROVISIONAL_MARK, PROVISIONAL_NOTE } from './provisional';

/** A day off of a provisional year: a festival day itself (on a weekend too) or the day it is made up on (补假). */
export interface ProvisionalHoliday {
  readonly date: LocalDate;
  readonly festival: string;
  /** True for a 补假 day (a working day off because the festival fell on a weekend). */
  readonly madeUp: boolean;
}

const isWeekend = (date: LocalDate): boolean => dayOfWeek(toDayNumber(date)) % 6 === 0;

/**
 * `chinese-days` mixes UTC and local time: a `YYYY-MM-DD` string is read as UTC midnight but printed with local
 * getters, so west of Greenwich its solar-term dates come out a day early. Lunar dates are asked with a local
 * `Date` (read and printed locally: right everywhere); solar-term dates are shifted back by the day the host's
 * offset took. Deterministic: it depends on the date asked and the host's offset only.
 */
function solarTermDate(year: number, month: number, term: Parameters<typeof getSolarTermDate>[2]): LocalDate {
  const raw = getSolarTermDate(year, month, term);
  const [y, m, d] = raw.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d)).getDate() === d ? raw : addDays(raw, 1);
}

function lunarToSolar(year: number, month: number, day: number): LocalDate {
  return getSolarDateFromLunar(new Date(year, month - 1, day)).date;
}

/**
 * The festival days of the measures in a Gregorian year, in date order (Art. 2 of the measures, 2024 revision):
 * 元旦 1 Jan; 春节 除夕 and 正月初一 to 初三 (除夕 is the day before 正月初一: 腊月三十, or 廿九 in a short month);
 * 清明 the solar-term day; 劳动节 1–2 May; 端午 五月初五; 中秋 八月十五; 国庆 1–3 Oct.
 * @example festivalDays(2027).filter((d) => d.festival === '春节').map((d) => d.date) // ['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08']
 */
export function festivalDays(year: number): { readonly date: LocalDate; readonly festival: string }[] {
  const lunar = (month: number, day: number): LocalDate => lunarToSolar(year, month, day);
  const springFirst = lunar(1, 1);
  const days: { date: LocalDate; festival: string }[] = [
    { date: `${year}-01-01`, festival: '元旦' },
    ...[-1, 0, 1, 2].map((offset) => ({ date: addDays(springFirst, offset), festival: '春节' })),
    { date: solarTermDate(year, 4, 'pure_brightness'), festival: '清明节' },
    { date: `${year}-05-01`, festival: '劳动节' },
    { date: `${year}-05-02`, festival: '劳动节' },
    { date: lunar(5, 5), festival: '端午节' },
    { date: lunar(8, 15), festival: '中秋节' },
    { date: `${year}-10-01`, festival: '国庆节' },
    { date: `${year}-10-02`, festival: '国庆节' },
    { date: `${year}-10-03`, festival: '国庆节' },
  ];
  return days.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

const cache = new Map<number, readonly ProvisionalHoliday[]>();

/**
 * The days off of a year without a notice: every festival day of the measures (weekend ones included), plus, for each festival day on a
 * Saturday or Sunday, one make-up day (补假) on the next working day after that festival's run that is not already
 * off (the measures: "全体公民放假的假日，如果适逢星期六、星期日，应当在工作日补假"). No 调休. Days of two festivals at
 * once (中秋 inside 国庆) are one day off.
 * @example provisionalHolidays(2027).filter((d) => d.festival === '春节').map((d) => d.date) // ['2027-02-05', …, '2027-02-10']: 除夕 Fri, 初一–初二 on the weekend, 初三 Mon, 补假 Tue and Wed, so 5, 8, 9 and 10 February are working days off
 */
export function provisionalHolidays(year: number): readonly ProvisionalHoliday[] {
  const cached = cache.get(year);
  if (cached) return cached;
  const festivals = festivalDays(year);
  const off = new Map<LocalDate, ProvisionalHoliday>();
  for (const day of festivals) {
    const existing = off.get(day.date);
    off.set(day.date, {
      date: day.date,
      festival: existing ? `${existing.festival}、${day.festival}` : day.festival,
      madeUp: false,
    });
  }
  // 补假: in date order, each weekend festival day gets the next free weekday after its festival's last day.
  const lastOf = new Map<string, LocalDate>();
  for (const day of festivals) lastOf.set(day.festival, day.date);
  for (const day of festivals) {
    if (!isWeekend(day.date)) continue;
    let candidate = addDays(lastOf.get(day.festival) ?? day.date, 1);
    while (isWeekend(candidate) || off.has(candidate)) candidate = addDays(candidate, 1);
    off.set(candidate, { date: candidate, festival: `${day.festival}（补假）`, madeUp: true });
  }
  const result = [...off.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  cache.set(year, result);
  return result;
}

/**
 * The provisional days off of a year as holiday periods (runs of consecutive days of one festival), the shape of a
 * notice's holidays, so the calendar treats them like data.
 * @example provisionalHolidayPeriods(2027)[0] // { festival: '元旦', from: '2027-01-01', to: '2027-01-01' }
 */
export function provisionalHolidayPeriods(year: number): HolidayPeriod[] {
  const periods: HolidayPeriod[] = [];
  for (const day of provisionalHolidays(year)) {
    const last = periods[periods.length - 1];
    if (last && last.festival === day.festival && addDays(last.to, 1) === day.date) {
      periods[periods.length - 1] = { ...last, to: day.date };
    } else {
      periods.push({ festival: day.festival, from: day.date, to: day.date });
    }
  }
  return periods;
}
