/**
 * The officer's desk (design.md §9 "The desk"): what staff record about a case that is not a statutory
 * event — who handles it (assignment), internal notes, and the head's approval of an extension — and the
 * pure rules over it: the pending extension request, similar descriptions (duplicate applications,
 * 重复申请), the words of a search.
 *
 * The desk log is internal (内部记录): it never reaches the applicant's views, emails or documents.
 */
import type { Instant, LocalDate, OutcomeCode } from './model';
import { RuleViolationError } from './rule-violation';

/** One internal fact about a case. */
export type DeskEntry =
  /** The case is given to an officer (承办人). */
  | { type: 'assigned'; assignee: string }
  /** An internal note (内部备注). */
  | { type: 'note_added'; text: string }
  /** An officer asks the head of the OGI office to extend the reply period (Art. 33 ¶2). */
  | { type: 'extension_requested'; requestId: string; workingDays: number; reason: string }
  /** The head approved the request; the statutory `extended` event is recorded in the same write. */
  | { type: 'extension_approved'; requestId: string }
  /** The head rejected the request. */
  | { type: 'extension_rejected'; requestId: string; reason?: string };

export interface RecordedDeskEntry {
  seq: number;
  at: Instant;
  actor: string;
  entry: DeskEntry;
}

/** The desk log of a case: its current assignee and every internal entry, oldest first. */
export interface DeskLog {
  assignee?: string;
  entries: RecordedDeskEntry[];
}

export interface PendingExtensionRequest {
  requestId: string;
  workingDays: number;
  reason: string;
  requestedBy: string;
  requestedAt: Instant;
}

/**
 * The extension request awaiting the head's decision, if any: the latest `extension_requested` with
 * neither an approval nor a rejection after it (Art. 33 ¶2: the extension needs the head's approval).
 *
 * @example pendingExtensionRequest({ entries: [{ seq: 1, at: '2024-10-08T01:00:00Z', actor: 'staff', entry: { type: 'extension_requested', requestId: 'r1', workingDays: 20, reason: '需调取档案' } }] })?.requestId // => 'r1'
 */
export function pendingExtensionRequest(desk: DeskLog | undefined): PendingExtensionRequest | undefined {
  const decided = new Set<string>();
  for (const { entry } of desk?.entries ?? [])
    if (entry.type === 'extension_approved' || entry.type === 'extension_rejected') decided.add(entry.requestId);
  for (const { entry, actor, at } of [...(desk?.entries ?? [])].reverse()) {
    if (entry.type === 'extension_requested' && !decided.has(entry.requestId))
      return {
        requestId: entry.requestId,
        workingDays: entry.workingDays,
        reason: entry.reason,
        requestedBy: actor,
        requestedAt: at,
      };
  }
  return undefined;
}

/**
 * Rejects a desk entry that does not fit the desk log: a second extension request while one awaits the head
 * (Art. 33 ¶2 allows one extension), or a decision on a request that is not the one awaiting a decision.
 *
 * @example assertDeskEntryAllowed(undefined, { type: 'extension_approved', requestId: 'r1' }) // throws unknown_extension_request
 */
export function assertDeskEntryAllowed(desk: DeskLog | undefined, entry: DeskEntry): void {
  const pending = pendingExtensionRequest(desk);
  if (entry.type === 'extension_requested' && pending)
    throw new RuleViolationError(
      'Art. 33 ¶2',
      'extension_already_requested',
      `已有延期申请等待负责人审批（${pending.workingDays}个工作日），不能重复申请`,
    );
  if (
    (entry.type === 'extension_approved' || entry.type === 'extension_rejected') &&
    pending?.requestId !== entry.requestId
  )
    throw new RuleViolationError(
      'Art. 33 ¶2',
      'unknown_extension_request',
      `没有编号为 ${entry.requestId} 的待审批延期申请`,
    );
}

/** `desk` with `entry` appended (and the assignee updated); the input is not changed. */
export function appendDeskEntry(desk: DeskLog | undefined, entry: DeskEntry, actor: string, at: Instant): DeskLog {
  const entries = desk?.entries ?? [];
  const next: DeskLog = {
    ...(desk?.assignee ? { assignee: desk.assignee } : {}),
    entries: [...entries, { seq: entries.length + 1, at, actor, entry }],
  };
  if (entry.type === 'assigned') next.assignee = entry.assignee;
  return next;
}

/** The characters that carry meaning in a description: letters, digits and CJK, lower-cased. */
function meaningful(text: string): string {
  return Array.from(text.normalize('NFKC').toLowerCase())
    .filter((c) => /[\p{L}\p{N}]/u.test(c))
    .join('');
}

function bigrams(text: string): Map<string, number> {
  const chars = Array.from(meaningful(text));
  const grams = new Map<string, number>();
  if (chars.length === 1 && chars[0]) grams.set(chars[0], 1);
  for (let i = 0; i + 1 < chars.length; i++) {
    const gram = `${chars[i]}${chars[i + 1]}`;
    grams.set(gram, (grams.get(gram) ?? 0) + 1);
  }
  return grams;
}

/**
 * How alike two descriptions are, from 0 (nothing in common) to 1 (the same words): the Dice coefficient
 * of their character bigrams, which suits Chinese text without a word segmenter.
 *
 * @example descriptionSimilarity('2023年本镇财政预算执行情况', '本镇2023年财政预算执行情况') // ≈ 0.86
 */
export function descriptionSimilarity(a: string, b: string): number {
  const left = bigrams(a);
  const right = bigrams(b);
  let total = 0;
  for (const count of left.values()) total += count;
  for (const count of right.values()) total += count;
  if (total === 0) return 0;
  let shared = 0;
  for (const [gram, count] of left) shared += Math.min(count, right.get(gram) ?? 0);
  return (2 * shared) / total;
}

/** Descriptions at least this alike are shown as a possible repeat application (重复申请, Art. 36 (六)). */
export const SIMILAR_DESCRIPTION_THRESHOLD = 0.5;

/** The window in which an earlier application by the same applicant counts as a possible repeat: 12 months. */
export const DUPLICATE_WINDOW_MONTHS = 12;

/**
 * The first day of the duplicate window ending on `receivedOn`: the same day 12 months earlier
 * (29 February falls back to 28 February).
 *
 * @example duplicateWindowStart('2024-02-29') // => '2023-02-28'
 */
export function duplicateWindowStart(receivedOn: LocalDate): LocalDate {
  const year = Number(receivedOn.slice(0, 4)) - DUPLICATE_WINDOW_MONTHS / 12;
  const monthDay = receivedOn.slice(5) === '02-29' ? '02-28' : receivedOn.slice(5);
  return `${String(year).padStart(4, '0')}-${monthDay}`;
}

/** An application of the same applicant (same ID number, matched through its keyed hash), as the duplicate check reads it. */
export interface ApplicantApplication {
  caseId: string;
  receiptNumber: string;
  receivedOn: LocalDate;
  /** The case status when it was last written (`closed` once replied or closed by law). */
  status: string;
  outcome?: OutcomeCode;
  /** The reply date (or the day the case closed by law). */
  closedOn?: LocalDate;
  description: string;
  /** The 文号 of the document asked for, when the applicant gave one. */
  documentNumber?: string;
}

/** An earlier application that may make this one a repeat application (重复申请, Art. 36 (六)). */
export interface PossibleDuplicate extends Pick<
  ApplicantApplication,
  'caseId' | 'receiptNumber' | 'receivedOn' | 'status' | 'outcome' | 'closedOn'
> {
  /** How alike the two descriptions are, 0–1, two decimals. */
  similarity: number;
  /** Both ask for a document by the same 文号 (shown whatever the descriptions' similarity). */
  sameDocumentNumber?: true;
}

/**
 * A 文号 as compared: width folded, spaces dropped, the brackets around the year written 〔〕 whatever was typed.
 *
 * @example documentNumberKey('聂政 [2024] 12号') === documentNumberKey('聂政〔2024〕12号') // => true
 */
export function documentNumberKey(documentNumber: string | undefined): string {
  return (documentNumber ?? '')
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/[[【〔(（]/g, '〔')
    .replace(/[\]】〕)）]/g, '〕');
}

/** The sequence of a receipt number (`NDZ-2024-000945` → 945). */
const sequenceOf = (receiptNumber: string): number => Number(/(\d+)$/.exec(receiptNumber)?.[1] ?? 0);

/**
 * The applications of the same applicant that came before `current` — received on an earlier day within the
 * 12 months before it, or the same day under an earlier receipt number — whose description is at least
 * {@link SIMILAR_DESCRIPTION_THRESHOLD} alike or that asks for a document by the same 文号; the same 文号 first,
 * then the most alike, then the latest received. The officer decides whether 重复申请 applies (Art. 36 (六): the
 * agency has already replied to an application for the same information); this only shows what to weigh.
 *
 * @example possibleDuplicates({ caseId: 'b', receiptNumber: 'NDZ-2024-000002', receivedOn: '2024-10-23', description: '2023年本镇财政预算执行情况' }, [{ caseId: 'a', receiptNumber: 'NDZ-2024-000001', receivedOn: '2024-03-01', status: 'closed', outcome: 'disclosed', closedOn: '2024-03-20', description: '本镇2023年财政预算执行情况' }])[0]?.similarity // => 0.86
 */
export function possibleDuplicates(
  current: Pick<ApplicantApplication, 'caseId' | 'receiptNumber' | 'receivedOn' | 'description' | 'documentNumber'>,
  applications: readonly ApplicantApplication[],
): PossibleDuplicate[] {
  const from = duplicateWindowStart(current.receivedOn);
  const document = documentNumberKey(current.documentNumber);
  const before = (a: ApplicantApplication) =>
    a.receivedOn < current.receivedOn ||
    (a.receivedOn === current.receivedOn && sequenceOf(a.receiptNumber) < sequenceOf(current.receiptNumber));
  return applications
    .filter((a) => a.caseId !== current.caseId && a.receivedOn >= from && before(a))
    .map((a) => ({
      application: a,
      similarity: descriptionSimilarity(current.description, a.description),
      sameDocumentNumber: !!document && documentNumberKey(a.documentNumber) === document,
    }))
    .filter(({ similarity, sameDocumentNumber }) => sameDocumentNumber || similarity >= SIMILAR_DESCRIPTION_THRESHOLD)
    .sort(
      (x, y) =>
        Number(y.sameDocumentNumber) - Number(x.sameDocumentNumber) ||
        y.similarity - x.similarity ||
        y.application.receivedOn.localeCompare(x.application.receivedOn) ||
        sequenceOf(y.application.receiptNumber) - sequenceOf(x.application.receiptNumber),
    )
    .map(({ application: a, similarity, sameDocumentNumber }) => ({
      caseId: a.caseId,
      receiptNumber: a.receiptNumber,
      receivedOn: a.receivedOn,
      status: a.status,
      ...(a.outcome ? { outcome: a.outcome } : {}),
      ...(a.closedOn ? { closedOn: a.closedOn } : {}),
      ...(sameDocumentNumber ? { sameDocumentNumber: true as const } : {}),
      similarity: Math.round(similarity * 100) / 100,
    }));
}

/**
 * The words of a search text (split on spaces and punctuation, lower-cased, each at most 50 characters,
 * at most 5 words), as stored in and matched against the description search text.
 *
 * @example searchWords('财政 预算，2023') // => ['财政', '预算', '2023']
 */
export function searchWords(q: string): string[] {
  return q
    .normalize('NFKC')
    .toLowerCase()
    .split(/[^\p{L}\p{N}-]+/u)
    .filter(Boolean)
    .map((w) => w.slice(0, 50))
    .slice(0, 5);
}

/**
 * The text a case is searched by words: its description (personal numbers in it already masked), and an
 * organisation's name (法人或者其他组织, Art. 27: no personal information, so findable by a word of it, where a
 * person's name is found only whole, through its keyed hash), normalised and lower-cased. The parts are joined by
 * a line break, which no search word holds, so no word matches across them.
 *
 * @example searchTextOf('请公开环评报告', '西华县华夏建材有限公司') // => '西华县华夏建材有限公司\n请公开环评报告'
 */
export function searchTextOf(description: string, organisationName?: string): string {
  return (organisationName ? `${organisationName.trim()}\n${description}` : description)
    .normalize('NFKC')
    .toLowerCase();
}

/**
 * Whether every search word is in an organisation's name (the work list then says the name matched, not the
 * description).
 *
 * @example wordsInName(['华夏建材'], '西华县华夏建材有限公司') // => true
 */
export function wordsInName(words: readonly string[], name: string): boolean {
  const text = searchTextOf(name);
  return words.length > 0 && words.every((w) => text.includes(w));
}
