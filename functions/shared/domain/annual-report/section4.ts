/**
 * Section 四 政府信息公开行政复议、行政诉讼情况 counted from the appeals tracked in the system (design.md §9 "The
 * desk: Appeals"), plus the figures typed into the year data for appeals that were not tracked, and the sentence
 * that says where the figures come from. 2021 format, 国办公开办函〔2021〕30号; Art. 51; ogi-rules.md §6.
 */
import type { Appeal, AppealKind } from '../appeals';
import type { LocalDate } from '../model';
import type { ReviewAndLitigation, ReviewOutcomeCounts, Section4Source } from './types';

/** What the report needs of one appeal (the store projects it; no personal data). */
export type ReportAppeal = Pick<Appeal, 'appealId' | 'agencyId' | 'kind' | 'filedOn' | 'result' | 'decidedOn'>;

/** The section 四 block of each kind of appeal. */
export const SECTION4_BLOCK_OF: Readonly<Record<AppealKind, keyof ReviewAndLitigation>> = {
  review: 'review',
  litigation_direct: 'litigationDirect',
  litigation_after_review: 'litigationAfterReview',
};

const zeros = (): ReviewOutcomeCounts => ({ upheld: 0, corrected: 0, other: 0, pending: 0, total: 0 });

/** Section 四 with every number zero. */
export function emptySection4(): ReviewAndLitigation {
  return { review: zeros(), litigationDirect: zeros(), litigationAfterReview: zeros() };
}

/** The column of section 四 where an appeal stands in year Y, or undefined when it is not in Y's table. */
export type Section4Column = 'upheld' | 'corrected' | 'other' | 'pending';

/**
 * Where one appeal stands in section 四 of year Y: decided in Y → its result (结果维持, 结果纠正, 其他结果);
 * filed by 31 December of Y and not decided by then → 尚未审结; filed after Y or decided before Y → not in Y's
 * table. So an appeal pending across a year end is 尚未审结 in the first year and counted by its result in the
 * year it is decided. 2021 format, 国办公开办函〔2021〕30号.
 *
 * @example section4ColumnOf({ filedOn: '2024-11-02', result: 'upheld', decidedOn: '2025-01-20' }, 2024) // → 'pending'
 * @example section4ColumnOf({ filedOn: '2024-11-02', result: 'upheld', decidedOn: '2025-01-20' }, 2025) // → 'upheld'
 */
export function section4ColumnOf(
  appeal: Pick<ReportAppeal, 'filedOn' | 'result' | 'decidedOn'>,
  year: number,
): Section4Column | undefined {
  const start: LocalDate = `${String(year).padStart(4, '0')}-01-01`;
  const end: LocalDate = `${String(year).padStart(4, '0')}-12-31`;
  if (appeal.filedOn > end) return undefined;
  const decided = appeal.result !== undefined && appeal.decidedOn !== undefined;
  if (!decided || (appeal.decidedOn ?? '') > end) return 'pending';
  if ((appeal.decidedOn ?? '') < start) return undefined;
  return appeal.result;
}

/** Section 四 counted from tracked appeals, with the appeals behind it. */
export interface TrackedSection4 {
  counts: ReviewAndLitigation;
  /** The appeals counted, sorted. */
  appealIds: string[];
}

/**
 * Section 四 of year Y counted from an agency's tracked appeals ({@link section4ColumnOf}), each 总计 the sum of
 * its four parts. Appeals of other agencies and repeated appealIds are ignored. 2021 format; ogi-rules.md §6.
 *
 * @example countSection4('niedui-town', 2024, [{ appealId: 'a1', agencyId: 'niedui-town', kind: 'review', filedOn: '2024-03-01' }]).counts.review
 * // → { upheld: 0, corrected: 0, other: 0, pending: 1, total: 1 }
 */
export function countSection4(agencyId: string, year: number, appeals: readonly ReportAppeal[]): TrackedSection4 {
  const counts = emptySection4();
  const seen = new Set<string>();
  for (const appeal of appeals) {
    if (appeal.agencyId !== agencyId || seen.has(appeal.appealId)) continue;
    seen.add(appeal.appealId);
    const column = section4ColumnOf(appeal, year);
    if (!column) continue;
    const block = counts[SECTION4_BLOCK_OF[appeal.kind]];
    block[column] += 1;
    block.total += 1;
  }
  return {
    counts,
    appealIds: appeals
      .filter((a) => a.agencyId === agencyId && section4ColumnOf(a, year) !== undefined)
      .map((a) => a.appealId)
      .filter((id, i, all) => all.indexOf(id) === i)
      .sort(),
  };
}

/** Two section 四 tables added cell by cell (tracked appeals plus the year data's untracked ones). */
export function addSection4(a: ReviewAndLitigation, b: ReviewAndLitigation): ReviewAndLitigation {
  const add = (x: ReviewOutcomeCounts, y: ReviewOutcomeCounts): ReviewOutcomeCounts => ({
    upheld: x.upheld + y.upheld,
    corrected: x.corrected + y.corrected,
    other: x.other + y.other,
    pending: x.pending + y.pending,
    total: x.total + y.total,
  });
  return {
    review: add(a.review, b.review),
    litigationDirect: add(a.litigationDirect, b.litigationDirect),
    litigationAfterReview: add(a.litigationAfterReview, b.litigationAfterReview),
  };
}

/** The number of appeals in a section 四 table: the sum of its three 总计. */
export function appealsIn(table: ReviewAndLitigation): number {
  return table.review.total + table.litigationDirect.total + table.litigationAfterReview.total;
}

/**
 * The sentence printed under section 四 saying where its figures come from: the appeals tracked in the system and
 * the figures typed into the year data for appeals that were not (design.md §9: "the report says which").
 *
 * @example section4SourceNote(4, 1) // → '注：本表数据中，4件由系统登记的复议诉讼案件统计，另含年度数据中手工录入的未在系统登记的1件。'
 */
export function section4SourceNote(tracked: number, entered: number): string {
  if (tracked > 0 && entered > 0)
    return `注：本表数据中，${tracked}件由系统登记的复议诉讼案件统计，另含年度数据中手工录入的未在系统登记的${entered}件。`;
  if (tracked > 0) return `注：本表数据由系统登记的${tracked}件复议诉讼案件统计。`;
  if (entered > 0) return `注：本表数据为年度数据中手工录入的${entered}件（未在系统登记复议诉讼案件）。`;
  return '注：系统未登记本年度的复议诉讼案件，年度数据中也未录入。';
}

/**
 * Section 四 of year Y and its source: the tracked appeals counted ({@link countSection4}) plus the year data's
 * figures (appeals not tracked), cell by cell.
 */
export function buildSection4(
  agencyId: string,
  year: number,
  appeals: readonly ReportAppeal[],
  entered: ReviewAndLitigation,
): { section4: ReviewAndLitigation; source: Section4Source } {
  const tracked = countSection4(agencyId, year, appeals);
  const copy = addSection4(emptySection4(), entered);
  return {
    section4: addSection4(tracked.counts, copy),
    source: {
      tracked: tracked.counts,
      entered: copy,
      note: section4SourceNote(appealsIn(tracked.counts), appealsIn(copy)),
      appealIds: tracked.appealIds,
    },
  };
}
