/**
 * Correcting a wrongly recorded appeal (复议诉讼, design.md §9 "The desk: Appeals", issue #14): a typing error in
 * the kind, forum or filing date, or in the result and its date, is put right by a correction with its reason,
 * never by recording again (a result is recorded once). The corrected appeal obeys the same rules as a new one
 * (domain/appeals.ts), and the years whose section 四 it changes are those where the appeal's cell moves.
 *
 * Pure rules only; dates are `YYYY-MM-DD` in Asia/Shanghai.
 */
import {
  APPEAL_KIND_LABELS,
  APPEAL_RESULT_LABELS,
  appealFilingViolations,
  type Appeal,
  type AppealCaseFacts,
  type AppealKind,
  type AppealResult,
} from './appeals';
import { SECTION4_BLOCK_OF, section4ColumnOf } from './annual-report/section4';
import type { LocalDate } from './model';

/** The fields a correction may change, in the order they are reported. */
export const CORRECTABLE_APPEAL_FIELDS = ['kind', 'forum', 'filedOn', 'result', 'decidedOn'] as const;
export type CorrectableAppealField = (typeof CORRECTABLE_APPEAL_FIELDS)[number];

/** The fields' names in Chinese, as notes and the audit trail write them. */
export const CORRECTABLE_FIELD_LABELS: Readonly<Record<CorrectableAppealField, string>> = {
  kind: '复议诉讼类型',
  forum: '复议机关或人民法院',
  filedOn: '提起日期',
  result: '审结结果',
  decidedOn: '审结日期',
};

/**
 * What a correction asks: each field given replaces the recorded one; `result: null` takes back a result recorded
 * by mistake (the appeal is 尚未审结 again, its `decidedOn` goes too).
 */
export interface AppealCorrection {
  kind?: AppealKind;
  forum?: string;
  filedOn?: LocalDate;
  result?: AppealResult | null;
  decidedOn?: LocalDate | null;
}

/** The recorded values of an appeal that a correction may change. */
export type AppealValues = Pick<Appeal, CorrectableAppealField>;

/** One rejected field of a correction, with a Chinese message that names it. */
export interface CorrectionViolation {
  field: CorrectableAppealField | '';
  message: string;
}

export type AppealCorrectionCheck =
  | { ok: true; next: AppealValues; changed: CorrectableAppealField[] }
  | { ok: false; violations: CorrectionViolation[] };

const valuesOf = (a: AppealValues): AppealValues => ({
  kind: a.kind,
  forum: a.forum,
  filedOn: a.filedOn,
  ...(a.result !== undefined ? { result: a.result } : {}),
  ...(a.decidedOn !== undefined ? { decidedOn: a.decidedOn } : {}),
});

/** A field's value as the audit trail and the messages write it (`''` when absent). */
export function appealValueText(values: AppealValues, field: CorrectableAppealField): string {
  if (field === 'kind') return APPEAL_KIND_LABELS[values.kind];
  if (field === 'result') return values.result !== undefined ? APPEAL_RESULT_LABELS[values.result] : '';
  return values[field] ?? '';
}

/**
 * The appeal as corrected, checked by the rules of a new filing and result: filed no earlier than the receipt (nor
 * before an on-time reply), a lawsuit after review no earlier than the case's first other review (《行政诉讼法》
 * Art. 45), decided no earlier than filed, a result and its date both present or both absent; and something must
 * change. `filedOn` and `decidedOn` not after today are checked by the input schema.
 *
 * @example
 * appealCorrectionCheck(
 *   { kind: 'review', forum: '西华县人民政府', filedOn: '2024-04-01', result: 'upheld', decidedOn: '2024-06-01' },
 *   { decidedOn: '2024-06-10' },
 *   { receivedOn: '2024-03-04', closedOn: '2024-03-15', repliedOnTime: true },
 * ) // → { ok: true, next: { …, decidedOn: '2024-06-10' }, changed: ['decidedOn'] }
 */
export function appealCorrectionCheck(
  current: AppealValues,
  correction: AppealCorrection,
  facts: AppealCaseFacts,
  otherReviews: readonly Pick<Appeal, 'filedOn'>[] = [],
): AppealCorrectionCheck {
  const base = valuesOf(current);
  const takesBackResult = correction.result === null;
  if (takesBackResult && correction.decidedOn)
    return {
      ok: false,
      violations: [{ field: 'decidedOn', message: '撤销审结结果时不能同时填写审结日期' }],
    };
  const next: AppealValues = {
    kind: correction.kind ?? base.kind,
    forum: correction.forum ?? base.forum,
    filedOn: correction.filedOn ?? base.filedOn,
  };
  const result = takesBackResult ? undefined : (correction.result ?? base.result);
  const decidedOn =
    takesBackResult || correction.decidedOn === null ? undefined : (correction.decidedOn ?? base.decidedOn);
  if (result !== undefined) next.result = result;
  if (decidedOn !== undefined) next.decidedOn = decidedOn;

  const changed = CORRECTABLE_APPEAL_FIELDS.filter((field) => next[field] !== base[field]);
  if (changed.length === 0)
    return { ok: false, violations: [{ field: '', message: '更正内容与已登记的记录相同，没有需要更正的字段' }] };

  const violations: CorrectionViolation[] = [
    ...appealFilingViolations(facts, next.filedOn, { kind: next.kind, reviews: otherReviews }),
  ];
  if (next.result !== undefined && next.decidedOn === undefined)
    violations.push({ field: 'decidedOn', message: '登记审结结果时必须填写审结日期' });
  if (next.result === undefined && next.decidedOn !== undefined)
    violations.push({ field: 'result', message: '填写审结日期时必须同时填写审结结果' });
  if (next.decidedOn !== undefined && next.decidedOn < next.filedOn)
    violations.push({
      field: 'decidedOn',
      message: `审结日期（${next.decidedOn}）不能早于提起日期（${next.filedOn}）`,
    });
  return violations.length > 0 ? { ok: false, violations } : { ok: true, next, changed };
}

/**
 * The years before `today`'s (only those may be published) whose section 四 a correction changes: those where the
 * appeal's cell (block by kind, column by 尚未审结 or result) differs between the recorded and the corrected
 * values. A change of forum alone changes no year. Sorted.
 *
 * @example
 * correctionAffectedYears(
 *   { kind: 'review', forum: 'A', filedOn: '2023-05-04', result: 'upheld', decidedOn: '2024-03-01' },
 *   { kind: 'review', forum: 'A', filedOn: '2023-05-04', result: 'upheld', decidedOn: '2025-03-01' },
 *   '2026-02-01',
 * ) // → [2024, 2025] (2024: upheld → 尚未审结; 2025: absent → upheld)
 */
export function correctionAffectedYears(before: AppealValues, after: AppealValues, today: LocalDate): number[] {
  const current = Number(today.slice(0, 4));
  const first = Math.min(Number(before.filedOn.slice(0, 4)), Number(after.filedOn.slice(0, 4)));
  const cell = (a: AppealValues, year: number) => {
    const column = section4ColumnOf(a, year);
    return column === undefined ? '' : `${SECTION4_BLOCK_OF[a.kind]}.${column}`;
  };
  const years: number[] = [];
  for (let year = first; year < current; year += 1) if (cell(before, year) !== cell(after, year)) years.push(year);
  return years;
}
