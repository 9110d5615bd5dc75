/**
 * The provisional holiday calendar of a year whose State Council notice is not yet known (design.md §9,
 * ogi-rules.md §7): the statutory holidays fixed by the national holiday measures themselves
 * (《全国年节及纪念日放假办法》, as revised by State Council Decree No. 795, in force 2025-01-01), with their own
 * make-up rule (补假) for a holiday on a Saturday or Sunday, and no 调休 swaps (only the yearly notice makes those).
 *
 * Lunar dates (除夕, 端午, 中秋) and the solar term 清明 are computed by the maintained `chinese-days` library at
 * build time and read here from the committed table of `lunar-dates.ts` (2000–2099; issue 17: no Lambda loads the
 * library).
 */
import type { HolidayPeriod } from './holiday-schedules';
import { addDays, dayNumberOf, dayOfWeek, fromDayNumber } from './local-date';
import { lunarDayNumbersOf } from './lunar-dates';
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

/** A festival day or day off of a provisional year as a day number (local-date.ts), what the calendar reads. */
export interface ProvisionalDayOff {
  readonly day: number;
  readonly festival: string;
  /** True for a 补假 day. */
  readonly madeUp: boolean;
}

const isWeekendDay = (day: number): boolean => dayOfWeek(day) % 6 === 0;
const byDay = (a: { readonly day: number }, b: { readonly day: number }): number => a.day - b.day;

/**
 * `festivalDays` on day numbers (no date text): the festival days of the measures in a Gregorian year, in date
 * order, days of two festivals at once in the order of Art. 2.
 */
function festivalDayNumbers(year: number): { readonly day: number; readonly festival: string }[] {
  const lunar = lunarDayNumbersOf(year);
  const springFirst = lunar.springFestival;
  const days = [
    { day: dayNumberOf(year, 1, 1), festival: '元旦' },
    { day: springFirst - 1, festival: '春节' },
    { day: springFirst, festival: '春节' },
    { day: springFirst + 1, festival: '春节' },
    { day: springFirst + 2, festival: '春节' },
    { day: lunar.qingming, festival: '清明节' },
    { day: dayNumberOf(year, 5, 1), festival: '劳动节' },
    { day: dayNumberOf(year, 5, 2), festival: '劳动节' },
    { day: lunar.duanwu, festival: '端午节' },
    { day: lunar.midAutumn, festival: '中秋节' },
    { day: dayNumberOf(year, 10, 1), festival: '国庆节' },
    { day: dayNumberOf(year, 10, 2), festival: '国庆节' },
    { day: dayNumberOf(year, 10, 3), festival: '国庆节' },
  ];
  return days.sort(byDay);
}

/**
 * The festival days of the measures in a Gregorian year, in date order (Art. 2 of the measures, 2024 revision):
 * 元旦 1 Jan; 春节 除夕 and 正月初一 to 初三 (除夕 is the day before 正月初一: 腊月三十, or 廿九 in a short month);
 * 清明 the solar-term day; 劳动节 1–2 May; 端午 五月初五; 中秋 八月十五; 国庆 1–3 Oct. Years 2000–2099, those of the
 * lunar-date table (a `RangeError` otherwise).
 * @example festivalDays(2027).filter((d) => d.festival === '春节').map((d) => d.date) // ['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08']
 */
export function festivalDays(year: number): { readonly date: LocalDate; readonly festival: string }[] {
  return festivalDayNumbers(year).map((d) => ({ date: fromDayNumber(d.day), festival: d.festival }));
}

const cache = new Map<number, readonly ProvisionalDayOff[]>();

/**
 * `provisionalHolidays` on day numbers, what the calendar builds from (issue 17: no date text while building):
 * every festival day of the measures (weekend ones included), plus, for each festival day on a Saturday or Sunday,
 * one 补假 on the next working day after that festival's run that is not already off (the measures:
 * "全体公民放假的假日，如果适逢星期六、星期日，应当在工作日补假"). No 调休. Kept per year once computed.
 * @example provisionalDaysOff(2027)[0] // { day: 20819, festival: '元旦', madeUp: false }
 */
export function provisionalDaysOff(year: number): readonly ProvisionalDayOff[] {
  const cached = cache.get(year);
  if (cached) return cached;
  const festivals = festivalDayNumbers(year);
  const off = new Map<number, ProvisionalDayOff>();
  for (const { day, festival } of festivals) {
    const existing = off.get(day);
    off.set(day, { day, festival: existing ? `${existing.festival}、${festival}` : festival, madeUp: false });
  }
  // 补假: in date order, each weekend festival day gets the next free weekday after its festival's last day.
  const lastOf = new Map<string, number>();
  for (const { day, festival } of festivals) lastOf.set(festival, day);
  for (const { day, festival } of festivals) {
    if (!isWeekendDay(day)) continue;
    let candidate = (lastOf.get(festival) ?? day) + 1;
    while (isWeekendDay(candidate) || off.has(candidate)) candidate += 1;
    off.set(candidate, { day: candidate, festival: `${festival}（补假）`, madeUp: true });
  }
  const result = [...off.values()].sort(byDay);
  cache.set(year, result);
  return result;
}

/**
 * The days off of a year without a notice: every festival day of the measures (weekend ones included), plus, for each festival day on a
 * Saturday or Sunday, one make-up day (补假) on the next working day after that festival's run that is not already
 * off (the measures: "全体公民放假的假日，如果适逢星期六、星期日，应当在工作日补假"). No 调休. Days of two festivals at
 * once (中秋 inside 国庆) are one day off.
 * @example provisionalHolidays(2027).filter((d) => d.festival === '春节').map((d) => d.date) // ['2027-02-05', …, '2027-02-10']: 除夕 Fri, 初一–初二 on the weekend, 初三 Mon, 补假 Tue and Wed, so 5, 8, 9 and 10 February are working days off
 */
export function provisionalHolidays(year: number): readonly ProvisionalHoliday[] {
  return provisionalDaysOff(year).map((d) => ({ date: fromDayNumber(d.day), festival: d.festival, madeUp: d.madeUp }));
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
