/**
 * The year data staff enter for sections 二, 四 and the narrative (design.md §5 "Year data"), and its check
 * relations. 2021 format, 国办公开办函〔2021〕30号: in section 四 each 总计 is the sum of its four parts.
 */
import { SECTION2_LABELS, SECTION4_BLOCKS } from './labels';
import type {
  ActiveDisclosure,
  ReportCheck,
  ReviewAndLitigation,
  ReviewOutcomeCounts,
  YearData,
  YearDataViolation,
} from './types';

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

const DOCUMENT_BLOCKS = [
  { key: 'regulations', label: SECTION2_LABELS.regulations },
  { key: 'normativeDocuments', label: SECTION2_LABELS.normativeDocuments },
] as const;

/**
 * Section 二, 第二十条第（一）项: this year's 现行有效件数 = last year's 现行有效件数 + 本年制发件数 − 本年废止件数, for
 * 规章 and for 行政规范性文件 (2021 format, 国办公开办函〔2021〕30号). A difference can be right (documents that lapse
 * by their own term are not 废止), so it is a warning the officer overrides by giving the reason
 * (`activeDisclosure.inForceReason`): then the check passes and says so. No check without last year's figures.
 *
 * @example
 * checkInForce(2025, { …, normativeDocuments: { issued: 1, repealed: 0, inForce: 1 } },
 *   { …, normativeDocuments: { issued: 2, repealed: 1, inForce: 3 } })
 * // → [{ name: 'section2.inForce.normativeDocuments', passed: false, details: '行政规范性文件：现行有效 3 ≠ 1 + 2 − 1 = 2…' }, …]
 */
export function checkInForce(
  year: number,
  previous: Pick<ActiveDisclosure, 'regulations' | 'normativeDocuments'> | undefined,
  current: ActiveDisclosure | undefined,
): ReportCheck[] {
  if (!previous || !current) return [];
  const reason = current.inForceReason?.trim() ?? '';
  return DOCUMENT_BLOCKS.map(({ key, label }) => {
    const before = previous[key].inForce;
    const { issued, repealed, inForce } = current[key];
    const expected = before + issued - repealed;
    const consistent = inForce === expected;
    const arithmetic = `${label}：现行有效 ${inForce}${consistent ? ' =' : ' ≠'} 上年现行有效 ${before} + 本年制发 ${issued} − 本年废止 ${repealed} = ${expected}`;
    return {
      name: `section2.inForce.${key}`,
      relation: `${label}：现行有效件数=上年（${year - 1}年）现行有效件数+本年制发件数−本年废止件数`,
      passed: consistent || reason.length > 0,
      details: consistent
        ? arithmetic
        : reason.length > 0
          ? `${arithmetic}；已说明原因：${reason}`
          : `${arithmetic}。如确有原因（如文件到期自然失效），请在年度数据中填写“现行有效件数说明”`,
    };
  });
}

/** A warning about the year data the officer may override (design.md §9), e.g. 现行有效 not adding up. */
export interface YearDataWarning {
  code: 'in_force_mismatch';
  field: string;
  message: string;
}

/** The {@link checkInForce} failures as warnings for the year data answer, each naming its field. */
export function yearDataWarnings(
  year: number,
  previous: Pick<ActiveDisclosure, 'regulations' | 'normativeDocuments'> | undefined,
  current: ActiveDisclosure,
): YearDataWarning[] {
  return checkInForce(year, previous, current)
    .filter((c) => !c.passed)
    .map((c) => ({
      code: 'in_force_mismatch',
      field: `activeDisclosure.${c.name.split('.').at(-1) ?? ''}.inForce`,
      message: c.details,
    }));
}
