/**
 * The year data staff enter for sections 二, 四 and the narrative (design.md §5 "Year data"), and its check
 * relations. 2021 format, 国办公开办函〔2021〕30号: in section 四 each 总计 is the sum of its four parts.
 */
import { SECTION4_BLOCKS } from './labels';
import type { ReviewAndLitigation, ReviewOutcomeCounts, YearData, YearDataViolation } from './types';

/** The year data of a year nobody has entered yet: every number zero, every narrative empty. */
export function emptyYearData(): YearData {
  const zeros = (): ReviewOutcomeCounts => ({ upheld: 0, corrected: 0, other: 0, pending: 0, total: 0 });
  return {
    activeDisclosure: {
      regulations: { issued: 0, repealed: 0, inForce: 0 },
      normativeDocuments: { issued: 0, repealed: 0, inForce: 0 },
      licensingDecisions: 0,
      penaltyDecisions: 0,
      enforcementDecisions: 0,
      feesCollectedTenThousandYuan: 0,
    },
    reviewAndLitigation: { review: zeros(), litigationDirect: zeros(), litigationAfterReview: zeros() },
    narrative: { overview: '', problems: '', other: '' },
  };
}

/** The sum of the four parts of one section 四 block (结果维持 + 结果纠正 + 其他结果 + 尚未审结). */
export function sumOfParts(counts: ReviewOutcomeCounts): number {
  return counts.upheld + counts.corrected + counts.other + counts.pending;
}

function blockName(key: keyof ReviewAndLitigation): string {
  const block = SECTION4_BLOCKS.find((b) => b.key === key);
  return block?.parent ? `${block.parent}（${block.label}）` : (block?.label ?? key);
}

/**
 * The section 四 check relations: each of the three 总计 (行政复议; 行政诉讼·未经复议直接起诉;
 * 行政诉讼·复议后起诉) equals the sum of its four parts. 2021 format, 国办公开办函〔2021〕30号; ogi-rules.md §6.
 *
 * @returns the violations, empty when consistent; each names the field and says what is wrong in Chinese.
 * @example
 * validateYearDataTotals({ ...data, reviewAndLitigation: { ...r, review: { upheld: 1, corrected: 0, other: 0, pending: 0, total: 2 } } })
 * // → [{ field: 'reviewAndLitigation.review.total', message: '行政复议的总计（2）应等于…之和（1）', … }]
 */
export function validateYearDataTotals(yearData: Pick<YearData, 'reviewAndLitigation'>): YearDataViolation[] {
  return SECTION4_BLOCKS.flatMap(({ key }) => {
    const counts = yearData.reviewAndLitigation[key];
    const expected = sumOfParts(counts);
    if (counts.total === expected) return [];
    const path = ['reviewAndLitigation', key, 'total'];
    return [
      {
        path,
        field: path.join('.'),
        message: `${blockName(key)}的总计（${counts.total}）应等于结果维持、结果纠正、其他结果、尚未审结之和（${expected}）`,
      },
    ];
  });
}
