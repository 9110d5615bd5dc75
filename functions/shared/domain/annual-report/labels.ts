/**
 * The official labels of the annual report, 2021 format (国办公开办函〔2021〕30号), in official order.
 * The reference is a real report in this format (reference/2024-annual-report-niedui-town.txt).
 */
import { APPLICANT_TYPES, APPLICANT_TYPE_LABELS, OUTCOME_CODES, OUTCOME_LABELS } from '../model';
import type { OutcomeCode } from '../model';
import type { OutcomeGroupKey, Section3Column, Section3RowKey } from './types';

/** The format the report follows. */
export const REPORT_FORMAT = '国办公开办函〔2021〕30号';

/** The six section headings, 一 to 六. */
export const SECTION_HEADINGS = {
  overview: '一、总体情况',
  activeDisclosure: '二、主动公开政府信息情况',
  applications: '三、收到和处理政府信息公开申请情况',
  reviewAndLitigation: '四、政府信息公开行政复议、行政诉讼情况',
  problems: '五、存在的主要问题及改进情况',
  other: '六、其他需要报告的事项',
} as const;

/** The note printed in the corner of the section 三 table. */
export const SECTION3_RELATION_NOTE = '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）';

/** Section 三 columns: 自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他, 总计 (Art. 29 applicant categories). */
export const SECTION3_COLUMNS: readonly Section3Column[] = [
  ...APPLICANT_TYPES.map((key) => ({ key, label: APPLICANT_TYPE_LABELS[key] })),
  { key: 'total', label: '总计' },
];

/** The outcome groups （一）…（六） of section 三 row 三, with their official headings. */
export const OUTCOME_GROUPS: readonly { key: OutcomeGroupKey; heading: string; chartLabel: string }[] = [
  { key: 'disclosed', heading: '（一）予以公开', chartLabel: '予以公开' },
  {
    key: 'partially_disclosed',
    heading: '（二）部分公开（区分处理的，只计这一情形，不计其他情形）',
    chartLabel: '部分公开',
  },
  { key: 'withheld', heading: '（三）不予公开', chartLabel: '不予公开' },
  { key: 'unavailable', heading: '（四）无法提供', chartLabel: '无法提供' },
  { key: 'not_processed', heading: '（五）不予处理', chartLabel: '不予处理' },
  { key: 'other', heading: '（六）其他处理', chartLabel: '其他处理' },
];

/** The group of an outcome code: the part before the dot (ogi-rules.md §4). */
export function outcomeGroupOf(code: OutcomeCode): OutcomeGroupKey {
  const prefix = code.split('.')[0];
  const group = OUTCOME_GROUPS.find((g) => g.key === prefix);
  if (!group) throw new RangeError(`unknown outcome group of ${code}`);
  return group.key;
}

export interface Section3RowLabel {
  key: Section3RowKey;
  label: string;
  group?: string;
  item?: string;
}

function outcomeRowLabel(code: OutcomeCode): Section3RowLabel {
  const groupKey = outcomeGroupOf(code);
  const group = OUTCOME_GROUPS.find((g) => g.key === groupKey)?.heading ?? '';
  if (groupKey === 'disclosed' || groupKey === 'partially_disclosed') {
    const label = groupKey === 'disclosed' ? `三、本年度办理结果 ${group}` : group;
    return { key: code, label, group };
  }
  const siblings = OUTCOME_CODES.filter((c) => outcomeGroupOf(c) === groupKey);
  const item = `${siblings.indexOf(code) + 1}. ${OUTCOME_LABELS[code]}`;
  return { key: code, label: `${group} ${item}`, group, item };
}

/**
 * The rows of section 三 in official order: 一, 二, the 21 outcome rows of 三, （七）总计, 四.
 * 2021 format, 国办公开办函〔2021〕30号; ogi-rules.md §4, §6.
 */
export const SECTION3_ROW_LABELS: readonly Section3RowLabel[] = [
  { key: 'newlyReceived', label: '一、本年新收政府信息公开申请数量' },
  { key: 'carriedOver', label: '二、上年结转政府信息公开申请数量' },
  ...OUTCOME_CODES.map(outcomeRowLabel),
  { key: 'closedTotal', label: '（七）总计' },
  { key: 'carriedForward', label: '四、结转下年度继续办理' },
];

/** Section 二 block labels and headers (Art. 20 (1)(5)(6)(8)). */
export const SECTION2_LABELS = {
  item1: '第二十条第（一）项',
  item5: '第二十条第（五）项',
  item6: '第二十条第（六）项',
  item8: '第二十条第（八）项',
  content: '信息内容',
  issued: '本年制发件数',
  repealed: '本年废止件数',
  inForce: '现行有效件数',
  decisions: '本年处理决定数量',
  feeAmount: '本年收费金额（单位：万元）',
  regulations: '规章',
  normativeDocuments: '行政规范性文件',
  licensing: '行政许可',
  penalty: '行政处罚',
  enforcement: '行政强制',
  fees: '行政事业性收费',
} as const;

/** Section 四: the three blocks and the five columns of each. */
export const SECTION4_BLOCKS = [
  { key: 'review', label: '行政复议', parent: undefined },
  { key: 'litigationDirect', label: '未经复议直接起诉', parent: '行政诉讼' },
  { key: 'litigationAfterReview', label: '复议后起诉', parent: '行政诉讼' },
] as const;

export const SECTION4_COLUMNS = [
  { key: 'upheld', label: '结果维持' },
  { key: 'corrected', label: '结果纠正' },
  { key: 'other', label: '其他结果' },
  { key: 'pending', label: '尚未审结' },
  { key: 'total', label: '总计' },
] as const;

/** The section 六 sentence when no fee arose (as in the reference report). */
export const NO_FEE_SENTENCE =
  '按照《政府信息公开信息处理费管理办法》规定的按件、按量收费标准，本年度没有产生信息公开处理费。';
