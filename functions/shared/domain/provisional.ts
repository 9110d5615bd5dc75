/**
 * Why a date is 暂定 (provisional), in one sentence, shown beside every such date: API (`provisional: true`), pages,
 * emails, documents (design.md §9). Its own module so that pages can show it without the lunar library.
 */
export const PROVISIONAL_NOTE =
  '该日期所在年度的国务院节假日安排尚未公布，暂按《全国年节及纪念日放假办法》规定的法定节假日（周末遇节日顺延补假，不含调休）计算，安排公布后将重新计算。';

/** The mark after a provisional date. */
export const PROVISIONAL_MARK = '（暂定）';
