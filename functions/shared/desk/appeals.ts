import { randomUUID } from 'node:crypto';
import {
  APPEAL_KIND_LABELS,
  APPEAL_RESULT_LABELS,
  appealAffectedYears,
  appealFilingViolations,
  appealResultCheck,
  type AppealCaseFacts,
  type AppealFieldViolation,
  type AppealKind,
  type AppealResult,
} from '../domain/appeals';
import type { PublishedYearWarning } from '../domain/annual-report/lifecycle';
import type { LocalDate } from '../domain/model';
import { fieldFingerprint, holdToken, type ClientTokenClaims } from '../client-token';
import { HttpError, ValidationFailedError, notFound } from '../http/api';
import { publishedYearWarnings } from '../published-year';
import type { AppealCorrectionEntry, AppealRecord, AppealRepository } from '../store/appeal-repository';
import type { AuditRepository } from '../store/audit-repository';
import {
  CORRECTABLE_FIELD_LABELS,
  appealCorrectionCheck,
  appealValueText,
  correctionAffectedYears,
  type AppealCorrection,
  type CorrectionViolation,
} from '../domain/appeal-correction';
import type { ReportStatusRepository } from '../store/report-status-repository';
import { shanghaiDate } from '../system-clock';

/**
 * The appeals of a case (design.md §9 "The desk: Appeals"): filing one and recording its result, each its own item
 * (no case version), checked against the case's dates by the domain (domain/appeals.ts). An appeal dated into a
 * year whose annual report is published is accepted with `published_year_affected` warnings and marks that report
 * as needing a correction, like a registration or a reply (published-year.ts).
 */
export interface AppealDeps {
  appeals: AppealRepository;
  statuses: Pick<ReportStatusRepository, 'markCorrectionNeeded'>;
  /** The client-token items (the case repository's), for filings that carry a `clientToken`. */
  tokens?: ClientTokenClaims;
  /** The audit trail, for corrections. */
  audit?: Pick<AuditRepository, 'record'>;
}

/** The fields that make two filings the same appeal, in the order a difference is reported. */
export const APPEAL_TOKEN_FIELDS = ['kind', 'forum', 'filedOn'] as const;
export type AppealTokenField = (typeof APPEAL_TOKEN_FIELDS)[number];

/** The scope of an appeal's client token: its case (an application's token is scoped by its agency only). */
export const appealTokenScope = (agencyId: string, caseId: string) => `${agencyId}#APPEALS#${caseId}`;

/** The same client token came with another filing: the field that differs (409). */
export class AppealTokenMismatchError extends Error {
  override readonly name = 'AppealTokenMismatchError';
  constructor(readonly field: AppealTokenField) {
    super(`clientToken reused with a different ${field}`);
  }
}

/** The case an appeal is about: its identity and the dates the appeal is checked against. */
export interface AppealCase extends AppealCaseFacts {
  caseId: string;
  agencyId: string;
  receiptNumber: string;
}

/** An appeal as the staff API shows it. */
export interface AppealView {
  appealId: string;
  caseId: string;
  kind: AppealKind;
  kindLabel: string;
  forum: string;
  filedOn: LocalDate;
  /** `pending` (尚未审结) until a result is recorded. */
  status: 'pending' | 'decided';
  result?: AppealResult;
  resultLabel?: string;
  decidedOn?: LocalDate;
  recordedAt: string;
  recordedBy: string;
  decidedAt?: string;
  decidedBy?: string;
  /** The corrections of the record, oldest first (issue #14). */
  corrections?: AppealCorrectionEntry[];
}

export function appealView(a: AppealRecord): AppealView {
  return {
    appealId: a.appealId,
    caseId: a.caseId,
    kind: a.kind,
    kindLabel: APPEAL_KIND_LABELS[a.kind],
    forum: a.forum,
    filedOn: a.filedOn,
    status: a.result !== undefined ? 'decided' : 'pending',
    ...(a.result !== undefined ? { result: a.result, resultLabel: APPEAL_RESULT_LABELS[a.result] } : {}),
    ...(a.decidedOn !== undefined ? { decidedOn: a.decidedOn } : {}),
    recordedAt: a.recordedAt,
    recordedBy: a.recordedBy,
    ...(a.decidedAt !== undefined ? { decidedAt: a.decidedAt } : {}),
    ...(a.decidedBy !== undefined ? { decidedBy: a.decidedBy } : {}),
    ...(a.corrections?.length ? { corrections: a.corrections } : {}),
  };
}

function rejected(violations: readonly (AppealFieldViolation | CorrectionViolation)[]): ValidationFailedError {
  return new ValidationFailedError(
    `${violations[0]?.message ?? ''}（共${violations.length}处）`,
    violations.map((v) => ({ path: v.field, message: v.message })),
  );
}

/** The published-year warnings of an appeal's change (every year whose section 四 it alters). */
async function warningsOf(
  deps: AppealDeps,
  appeal: AppealRecord,
  change: 'filing' | 'result',
  note: string,
  now: Date,
): Promise<PublishedYearWarning[]> {
  const today = shanghaiDate(now);
  return publishedYearWarnings(deps.statuses, {
    agencyId: appeal.agencyId,
    dates: appealAffectedYears(appeal, today, change).map((year) => `${year}-12-31`),
    note,
    today,
    at: now.toISOString(),
  });
}

/**
 * Files an appeal on a case: 400 naming `filedOn` when it does not fit the case's dates; otherwise stored, with
 * the warnings of the published years whose section 四 it changes. With a `clientToken` (client-token.ts), a
 * retry answers the appeal its first attempt stored (`replayed: true`, the same warnings), and the same token
 * with another filing throws {@link AppealTokenMismatchError}: the token is held, bound to the new appeal's id,
 * before the appeal is written, and the write is conditional on that id being new.
 */
export async function fileAppeal(
  deps: AppealDeps,
  input: {
    caseFile: AppealCase;
    appeal: { kind: AppealKind; forum: string; filedOn: LocalDate };
    clientToken?: string;
    actor: string;
    now: Date;
  },
): Promise<{ appeal: AppealRecord; warnings: PublishedYearWarning[]; replayed: boolean }> {
  const { caseFile, appeal, clientToken, actor, now } = input;
  const reviews =
    appeal.kind === 'litigation_after_review'
      ? (await deps.appeals.listForCase(caseFile.agencyId, caseFile.caseId)).filter((a) => a.kind === 'review')
      : [];
  const violations = appealFilingViolations(caseFile, appeal.filedOn, { kind: appeal.kind, reviews });
  if (violations.length > 0) throw rejected(violations);
  const note = `${caseFile.receiptNumber} ${APPEAL_KIND_LABELS[appeal.kind]}登记（提起日期 ${appeal.filedOn}）`;
  const replay = async (existing: AppealRecord) => ({
    appeal: existing,
    warnings: await warningsOf(deps, existing, 'filing', note, now),
    replayed: true,
  });
  let appealId: string = randomUUID();
  const scope = appealTokenScope(caseFile.agencyId, caseFile.caseId);
  if (clientToken) {
    if (!deps.tokens) throw new Error('fileAppeal: a clientToken needs the token store');
    const held = await holdToken(
      deps.tokens,
      scope,
      clientToken,
      {
        id: appealId,
        fingerprint: fieldFingerprint(clientToken, APPEAL_TOKEN_FIELDS, (field) => appeal[field]),
        fields: APPEAL_TOKEN_FIELDS,
      },
      (id) => deps.appeals.get(caseFile.agencyId, caseFile.caseId, id),
    );
    if ('mismatch' in held) throw new AppealTokenMismatchError(held.mismatch);
    if ('replay' in held) return replay(held.replay);
    appealId = held.id;
  }
  const record: AppealRecord = {
    appealId,
    caseId: caseFile.caseId,
    agencyId: caseFile.agencyId,
    kind: appeal.kind,
    forum: appeal.forum,
    filedOn: appeal.filedOn,
    recordedAt: now.toISOString(),
    recordedBy: actor,
  };
  try {
    await deps.appeals.create(record);
  } catch (error) {
    // The same appeal id written already: an attempt of the same token that was only slow won.
    const existing =
      clientToken && (error as Error).name === 'ConditionalCheckFailedException'
        ? await deps.appeals.get(caseFile.agencyId, caseFile.caseId, appealId)
        : undefined;
    if (existing) return replay(existing);
    if (clientToken) await deps.tokens?.releaseClientToken(scope, clientToken, appealId).catch(() => undefined);
    throw error;
  }
  return { appeal: record, warnings: await warningsOf(deps, record, 'filing', note, now), replayed: false };
}

/**
 * Records the result of an appeal once: 404 for an appeal not of this case, 409 when a result is recorded
 * already, 400 naming `decidedOn` when it is before the filing; otherwise stored with the published-year warnings.
 */
export async function recordAppealResult(
  deps: AppealDeps,
  input: {
    caseFile: AppealCase;
    appealId: string;
    outcome: { result: AppealResult; decidedOn: LocalDate };
    actor: string;
    now: Date;
  },
): Promise<{ appeal: AppealRecord; warnings: PublishedYearWarning[] }> {
  const { caseFile, appealId, outcome, actor, now } = input;
  const existing = await deps.appeals.get(caseFile.agencyId, caseFile.caseId, appealId);
  if (!existing) throw notFound('复议诉讼记录不存在');
  const check = appealResultCheck(existing, outcome.decidedOn);
  if (!check.ok && check.reason === 'already_decided') throw new HttpError(409, 'appeal_decided', check.message);
  if (!check.ok && check.reason === 'invalid') throw rejected(check.violations);
  const written = await deps.appeals.recordResult(caseFile.agencyId, caseFile.caseId, appealId, {
    ...outcome,
    decidedAt: now.toISOString(),
    decidedBy: actor,
  });
  if (written.outcome === 'not_found') throw notFound('复议诉讼记录不存在');
  if (written.outcome === 'already_decided')
    throw new HttpError(409, 'appeal_decided', '该复议诉讼已登记审结结果，结果只能登记一次');
  const note = `${caseFile.receiptNumber} ${APPEAL_KIND_LABELS[existing.kind]}审结（${APPEAL_RESULT_LABELS[outcome.result]}，审结日期 ${outcome.decidedOn}）`;
  return { appeal: written.appeal, warnings: await warningsOf(deps, written.appeal, 'result', note, now) };
}

/**
 * Corrects a wrongly recorded appeal (issue #14): 404 for an appeal not of this case, 400 naming the field when
 * the corrected appeal breaks a rule of filing or result (domain/appeal-correction.ts) or changes nothing, 409 when
 * the record changed since it was read; otherwise one conditional update keeping the correction (who, when, why,
 * the replaced values) on the appeal, an audit entry, and the warnings of the published years whose section 四 it
 * changes.
 */
export async function correctAppeal(
  deps: AppealDeps,
  input: {
    caseFile: AppealCase;
    appealId: string;
    correction: AppealCorrection;
    reason: string;
    actor: string;
    now: Date;
  },
): Promise<{ appeal: AppealRecord; warnings: PublishedYearWarning[] }> {
  const { caseFile, appealId, correction, reason, actor, now } = input;
  const caseAppeals = await deps.appeals.listForCase(caseFile.agencyId, caseFile.caseId);
  const existing = caseAppeals.find((a) => a.appealId === appealId);
  if (!existing) throw notFound('复议诉讼记录不存在');
  const otherReviews = caseAppeals.filter((a) => a.kind === 'review' && a.appealId !== appealId);
  const check = appealCorrectionCheck(existing, correction, caseFile, otherReviews);
  if (!check.ok) throw rejected(check.violations);
  const { next, changed } = check;
  const at = now.toISOString();
  const previous = Object.fromEntries(
    changed.flatMap((field) => (existing[field] !== undefined ? [[field, existing[field]]] : [])),
  );
  const entry: AppealCorrectionEntry = { at, by: actor, reason, changed, previous };
  const written = await deps.appeals.correct(caseFile.agencyId, caseFile.caseId, appealId, existing, next, entry);
  if (written.outcome === 'not_found') throw notFound('复议诉讼记录不存在');
  if (written.outcome === 'changed')
    throw new HttpError(409, 'appeal_changed', '该复议诉讼记录已被他人修改，请刷新后重新更正');
  const text = (values: typeof next) =>
    Object.fromEntries(changed.map((field) => [field, appealValueText(values, field)]));
  await deps.audit?.record({
    agencyId: caseFile.agencyId,
    actor,
    action: 'appeal_correction',
    at,
    detail: { caseId: caseFile.caseId, receiptNumber: caseFile.receiptNumber, appealId, reason },
    previous: text(existing),
    next: text(next),
  });
  const today = shanghaiDate(now);
  const note =
    `${caseFile.receiptNumber} ${APPEAL_KIND_LABELS[next.kind]}更正（` +
    changed
      .map(
        (field) =>
          `${CORRECTABLE_FIELD_LABELS[field]}：${appealValueText(existing, field) || '无'}→${appealValueText(next, field) || '无'}`,
      )
      .join('；') +
    '）';
  const warnings = await publishedYearWarnings(deps.statuses, {
    agencyId: caseFile.agencyId,
    dates: correctionAffectedYears(existing, next, today).map((year) => `${year}-12-31`),
    note,
    today,
    at,
  });
  return { appeal: written.appeal, warnings };
}
