/**
 * The lunar and solar-term dates the provisional holidays need (design.md §9, ogi-rules.md §7): in each Gregorian
 * year 2000–2099, 正月初一 (春节; 除夕 is the day before), the solar term 清明, 五月初五 (端午) and 八月十五 (中秋).
 *
 * They are astronomy, not law, and are computed by the maintained `chinese-days` library, but at build time:
 * `scripts/gen-lunar-dates.ts` (`npm run gen:lunar`) writes them into `lunar-dates.generated.ts`, and
 * `test/unit/lunar-dates.test.ts` recomputes every year with the library and fails when the table differs.
 * So no Lambda loads `chinese-days` nor computes a lunar date at a cold start (issue 17).
 */
import { LUNAR_DATES } from './lunar-dates.generated';
import { dayNumberOf, fromDayNumber } from './local-date';
import type { LocalDate } from './model';

/** The first year of the table. */
export const LUNAR_DATES_FIRST_YEAR = 2000;
/** The last year of the table. */
export const LUNAR_DATES_LAST_YEAR = 2099;

/** The Gregorian dates of a year's lunar festivals and of 清明. */
export interface LunarDatesOfYear {
  /** 正月初一. */
  readonly springFestival: LocalDate;
  /** The solar term 清明 (pure brightness). */
  readonly qingming: LocalDate;
  /** 五月初五. */
  readonly duanwu: LocalDate;
  /** 八月十五. */
  readonly midAutumn: LocalDate;
}

/**
 * The day numbers (local-date.ts) of 正月初一, 清明, 端午 and 中秋 in a Gregorian year of the table, read from its
 * digits without making date text; a `RangeError` outside 2000–2099.
 * @example lunarDayNumbersOf(2027) // { springFestival: 20855, qingming: 20913, duanwu: 20978, midAutumn: 21076 }
 */
export function lunarDayNumbersOf(year: number): { readonly [K in keyof LunarDatesOfYear]: number } {
  const entry = Number.isInteger(year) ? LUNAR_DATES[year - LUNAR_DATES_FIRST_YEAR] : undefined;
  if (entry === undefined) {
    throw new RangeError(`农历日期表只含 ${LUNAR_DATES_FIRST_YEAR}–${LUNAR_DATES_LAST_YEAR} 年: ${year}`);
  }
  const digit = (i: number): number => entry.charCodeAt(i) - 48;
  const at = (i: number): number => dayNumberOf(year, digit(i) * 10 + digit(i + 1), digit(i + 2) * 10 + digit(i + 3));
  return { springFestival: at(0), qingming: at(5), duanwu: at(10), midAutumn: at(15) };
}

/**
 * The dates of 正月初一, 清明, 端午 and 中秋 in a Gregorian year of the table; a `RangeError` outside 2000–2099.
 * @example lunarDatesOf(2027) // { springFestival: '2027-02-06', qingming: '2027-04-05', duanwu: '2027-06-09', midAutumn: '2027-09-15' }
 */
export function lunarDatesOf(year: number): LunarDatesOfYear {
  const days = lunarDayNumbersOf(year);
  return {
    springFestival: fromDayNumber(days.springFestival),
    qingming: fromDayNumber(days.qingming),
    duanwu: fromDayNumber(days.duanwu),
    midAutumn: fromDayNumber(days.midAutumn),
  };
}
