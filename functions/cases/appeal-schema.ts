/**
 * Input schemas of the appeals routes (design.md §9 "The desk: Appeals"): `POST /v1/cases/{caseId}/appeals` and
 * `POST /v1/cases/{caseId}/appeals/{appealId}/result`. Dates are legal dates `YYYY-MM-DD` in Asia/Shanghai, never
 * after `today` (the schemas are built per request from the system clock). Browser-safe: the console validates
 * with the same schemas.
 */
import * as z from 'zod/mini';
import { APPEAL_KINDS, APPEAL_KIND_LABELS, APPEAL_RESULTS, APPEAL_RESULT_LABELS } from '../shared/domain/appeals';
import type { LocalDate } from '../shared/domain/model';
import { localDate, oneOf, perDay, strictObject, text, type FieldLabels } from '../shared/http/validation';

export const APPEAL_FIELD_LABELS = {
  '': '复议诉讼登记内容',
  kind: '复议诉讼类型',
  forum: '复议机关或人民法院',
  filedOn: '提起日期',
  clientToken: '请求令牌（clientToken）',
} as const satisfies FieldLabels;

export const APPEAL_RESULT_FIELD_LABELS = {
  '': '审结结果登记内容',
  result: '审结结果',
  decidedOn: '审结日期',
} as const satisfies FieldLabels;

/**
 * `POST /v1/cases/{caseId}/appeals`: `{ kind, forum, filedOn, clientToken? }`, filed no later than `today`. The
 * optional `clientToken` makes a retry answer the same appeal (as the intake's, client-token.ts).
 */
function appealSchema(today: LocalDate) {
  return strictObject(APPEAL_FIELD_LABELS[''], {
    kind: oneOf(APPEAL_FIELD_LABELS.kind, APPEAL_KINDS, APPEAL_KIND_LABELS),
    forum: text(APPEAL_FIELD_LABELS.forum, { max: 100 }),
    filedOn: localDate(APPEAL_FIELD_LABELS.filedOn, { notAfter: today }),
    clientToken: z.optional(
      text(APPEAL_FIELD_LABELS.clientToken, {
        min: 8,
        max: 64,
        pattern: { regex: /^[A-Za-z0-9_-]+$/, message: '请求令牌（clientToken）只能包含字母、数字、下划线和连字符' },
      }),
    ),
  });
}
/** The schema of `POST /v1/cases/{caseId}/appeals` for the day `today` (built once a day). */
export const makeAppealSchema = perDay(appealSchema);
export type AppealInput = z.output<ReturnType<typeof makeAppealSchema>>;

/** `POST /v1/cases/{caseId}/appeals/{appealId}/result`: `{ result, decidedOn }`, decided no later than `today`. */
function appealResultSchema(today: LocalDate) {
  return strictObject(APPEAL_RESULT_FIELD_LABELS[''], {
    result: oneOf(APPEAL_RESULT_FIELD_LABELS.result, APPEAL_RESULTS, APPEAL_RESULT_LABELS),
    decidedOn: localDate(APPEAL_RESULT_FIELD_LABELS.decidedOn, { notAfter: today }),
  });
}
/** The schema of `POST …/appeals/{appealId}/result` for the day `today` (built once a day). */
export const makeAppealResultSchema = perDay(appealResultSchema);
export type AppealResultInput = z.output<ReturnType<typeof makeAppealResultSchema>>;

export const APPEAL_CORRECTION_FIELD_LABELS = {
  '': '复议诉讼更正内容',
  kind: APPEAL_FIELD_LABELS.kind,
  forum: APPEAL_FIELD_LABELS.forum,
  filedOn: APPEAL_FIELD_LABELS.filedOn,
  result: APPEAL_RESULT_FIELD_LABELS.result,
  decidedOn: APPEAL_RESULT_FIELD_LABELS.decidedOn,
  reason: '更正原因',
} as const satisfies FieldLabels;

/**
 * `POST /v1/cases/{caseId}/appeals/{appealId}/correction` (issue #14): `{ kind?, forum?, filedOn?, result?,
 * decidedOn?, reason }`; each field given replaces the recorded one, `result: null` takes back a result recorded by
 * mistake (with its date). Dates no later than `today`; the reason is required.
 */
function appealCorrectionSchema(today: LocalDate) {
  const L = APPEAL_CORRECTION_FIELD_LABELS;
  return strictObject(L[''], {
    kind: z.optional(oneOf(L.kind, APPEAL_KINDS, APPEAL_KIND_LABELS)),
    forum: z.optional(text(L.forum, { max: 100 })),
    filedOn: z.optional(localDate(L.filedOn, { notAfter: today })),
    result: z.optional(z.nullable(oneOf(L.result, APPEAL_RESULTS, APPEAL_RESULT_LABELS))),
    decidedOn: z.optional(z.nullable(localDate(L.decidedOn, { notAfter: today }))),
    reason: text(L.reason, { max: 200 }),
  });
}
/** The schema of `POST …/appeals/{appealId}/correction` for the day `today` (built once a day). */
export const makeAppealCorrectionSchema = perDay(appealCorrectionSchema);
export type AppealCorrectionInput = z.output<ReturnType<typeof makeAppealCorrectionSchema>>;
