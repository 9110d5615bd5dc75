/**
 * Input schema of `PUT /v1/agencies/{agencyId}/years/{year}` (design.md §5): the figures of
 * sections 二 and 四 of the annual report and the narrative of sections 一, 五, 六
 * (ogi-rules.md §6; 2021 report format). Every count is a non-negative integer; the fees collected
 * (本年收费金额, in 万元) are a non-negative amount. Each 总计 of section 四 must equal the sum of
 * its four results.
 */
import * as z from 'zod/mini';
import { amount, integer, labelled, strictObject, text, type FieldLabels } from '../shared/http/validation';

const BLOCKS = {
  regulations: '规章',
  normativeDocuments: '行政规范性文件',
} as const;
const REVIEW_BLOCKS = {
  review: '行政复议',
  litigationDirect: '行政诉讼（未经复议直接起诉）',
  litigationAfterReview: '行政诉讼（复议后起诉）',
} as const;
const RESULT_COLUMNS = {
  upheld: '结果维持',
  corrected: '结果纠正',
  other: '其他结果',
  pending: '尚未审结',
  total: '总计',
} as const;

/** Labels of every field of the year data, keyed by dotted path. */
export const YEAR_DATA_FIELD_LABELS: FieldLabels = {
  '': '年度数据',
  activeDisclosure: '主动公开情况',
  'activeDisclosure.regulations': '规章',
  'activeDisclosure.normativeDocuments': '行政规范性文件',
  ...Object.fromEntries(
    Object.entries(BLOCKS).flatMap(([key, label]) => [
      [`activeDisclosure.${key}.issued`, `${label}本年制发件数`],
      [`activeDisclosure.${key}.repealed`, `${label}本年废止件数`],
      [`activeDisclosure.${key}.inForce`, `${label}现行有效件数`],
    ]),
  ),
  'activeDisclosure.licensingDecisions': '行政许可本年处理决定数量',
  'activeDisclosure.penaltyDecisions': '行政处罚本年处理决定数量',
  'activeDisclosure.enforcementDecisions': '行政强制本年处理决定数量',
  'activeDisclosure.feesCollectedTenThousandYuan': '行政事业性收费本年收费金额（万元）',
  'activeDisclosure.inForceReason': '现行有效件数说明',
  reviewAndLitigation: '行政复议、行政诉讼情况',
  ...Object.fromEntries(
    Object.entries(REVIEW_BLOCKS).flatMap(([key, label]) => [
      [`reviewAndLitigation.${key}`, label],
      ...Object.entries(RESULT_COLUMNS).map(([col, colLabel]) => [
        `reviewAndLitigation.${key}.${col}`,
        `${label}${colLabel}`,
      ]),
    ]),
  ),
  narrative: '报告正文',
  'narrative.overview': '总体情况',
  'narrative.problems': '存在的主要问题及改进情况',
  'narrative.other': '其他需要报告的事项',
};

const label = (path: string): string => YEAR_DATA_FIELD_LABELS[path] ?? path;
const count = (path: string) => integer(label(path), { min: 0 });

const documentBlock = (key: keyof typeof BLOCKS) =>
  strictObject(label(`activeDisclosure.${key}`), {
    issued: count(`activeDisclosure.${key}.issued`),
    repealed: count(`activeDisclosure.${key}.repealed`),
    inForce: count(`activeDisclosure.${key}.inForce`),
  });

const resultRow = (key: keyof typeof REVIEW_BLOCKS) =>
  strictObject(label(`reviewAndLitigation.${key}`), {
    upheld: count(`reviewAndLitigation.${key}.upheld`),
    corrected: count(`reviewAndLitigation.${key}.corrected`),
    other: count(`reviewAndLitigation.${key}.other`),
    pending: count(`reviewAndLitigation.${key}.pending`),
    total: count(`reviewAndLitigation.${key}.total`),
  }).check(
    z.superRefine((row, ctx) => {
      // 2021 format, section 四: each 总计 is the sum of its four results.
      const sum = row.upheld + row.corrected + row.other + row.pending;
      if (row.total !== sum) {
        ctx.addIssue({
          code: 'custom',
          path: ['total'],
          message: `${REVIEW_BLOCKS[key]}总计（${row.total}）应等于结果维持、结果纠正、其他结果、尚未审结之和（${sum}）`,
        });
      }
    }),
  );

/** `PUT /v1/agencies/{agencyId}/years/{year}` body. */
export const yearDataSchema = strictObject(label(''), {
  activeDisclosure: strictObject(label('activeDisclosure'), {
    regulations: documentBlock('regulations'),
    normativeDocuments: documentBlock('normativeDocuments'),
    licensingDecisions: count('activeDisclosure.licensingDecisions'),
    penaltyDecisions: count('activeDisclosure.penaltyDecisions'),
    enforcementDecisions: count('activeDisclosure.enforcementDecisions'),
    feesCollectedTenThousandYuan: amount(label('activeDisclosure.feesCollectedTenThousandYuan'), { min: 0 }),
    // Why 现行有效 differs from last year's + 制发 − 废止 (overrides that warning); empty means none given.
    inForceReason: z.optional(text(label('activeDisclosure.inForceReason'), { min: 0, max: 500 })),
  }),
  reviewAndLitigation: strictObject(label('reviewAndLitigation'), {
    review: resultRow('review'),
    litigationDirect: resultRow('litigationDirect'),
    litigationAfterReview: resultRow('litigationAfterReview'),
  }),
  narrative: strictObject(label('narrative'), {
    overview: text(label('narrative.overview'), { min: 0, max: 20000 }),
    problems: text(label('narrative.problems'), { min: 0, max: 20000 }),
    other: text(label('narrative.other'), { min: 0, max: 20000 }),
  }),
});
export type YearDataBody = z.output<typeof yearDataSchema>;

/** The path parameters `{agencyId}` and `{year}` (a report year from 2008, when the first regulations took effect). */
export const agencyYearParamsSchema = strictObject('路径参数', {
  agencyId: text('受理机关', { max: 64, pattern: { regex: /^[A-Za-z0-9_-]+$/, message: '受理机关标识格式不正确' } }),
  year: z.pipe(
    z.pipe(
      z.string({ error: labelled('年度') }).check(z.regex(/^\d{4}$/, { error: '年度应为四位数字' })),
      z.transform(Number),
    ),
    integer('年度', { min: 2008, max: 2100 }),
  ),
});
export type AgencyYearParams = z.output<typeof agencyYearParamsSchema>;

/** Labels of the correction body (`POST …/reports/{year}/corrections`). */
export const CORRECTION_FIELD_LABELS: FieldLabels = { '': '更正', reason: '更正说明' };

/** `POST /v1/agencies/{agencyId}/reports/{year}/corrections` body: the 更正说明 (why and what was corrected). */
export const correctionBodySchema = strictObject('更正', {
  reason: text('更正说明', { min: 1, max: 2000 }),
});
export type CorrectionBody = z.output<typeof correctionBodySchema>;
