import { randomUUID } from 'node:crypto';
import { applyEvent, type CaseServiceDeps } from '../case-service';
import { currentCalendar, clockOf, deriveForStore, domainEvents } from '../case-workflow';
import { assertExtensionAllowed } from '../domain/clock';
import { appendDeskEntry, assertDeskEntryAllowed, pendingExtensionRequest, type DeskEntry } from '../domain/desk';
import { RuleViolationError } from '../domain/rule-violation';
import { log } from '../log';
import { caseScope, requestDelivery, type Notice } from '../notify/outbox';
import type { Agency } from '../store/agency-repository';
import type { CaseRecord } from '../store/case-repository';
import { shanghaiDate } from '../system-clock';
import { startTimeline } from '../timeline-control';

/**
 * The desk actions of `POST /v1/cases/{caseId}/actions` (design.md §9 "The desk"): assignment, internal notes,
 * and the extension an officer requests and the head of the OGI office approves or rejects. Each is one
 * conditional write of the next version; only the approval adds a statutory event (`extended`, with the head's
 * own identity as approver and the request's reason), through the same path as every other action.
 */
export type DeskAction =
  | { type: 'assign'; assignee: string }
  | { type: 'add_note'; text: string }
  | { type: 'request_extension'; workingDays: number; reason: string }
  | { type: 'approve_extension'; requestId: string }
  | { type: 'reject_extension'; requestId: string; reason?: string | undefined };

export const DESK_ACTION_TYPES = [
  'assign',
  'add_note',
  'request_extension',
  'approve_extension',
  'reject_extension',
] as const satisfies readonly DeskAction['type'][];

export const isDeskAction = (action: { type: string }): action is DeskAction =>
  (DESK_ACTION_TYPES as readonly string[]).includes(action.type);

/** Whether a desk action needs the head of the OGI office (design.md §9 Roles). */
export const needsHead = (action: DeskAction): boolean =>
  action.type === 'approve_extension' || action.type === 'reject_extension';

export async function applyDeskAction(
  deps: CaseServiceDeps,
  input: { record: CaseRecord; agency: Agency; expectedVersion: number; action: DeskAction; actor: string; now: Date },
): Promise<CaseRecord> {
  const { record, action, now } = input;
  const today = shanghaiDate(now);
  if (action.type === 'approve_extension') {
    const pending = pendingExtensionRequest(record.desk);
    const entry: DeskEntry = { type: 'extension_approved', requestId: action.requestId };
    assertDeskEntryAllowed(record.desk, entry);
    if (!pending) throw new RuleViolationError('Art. 33 ¶2', 'unknown_extension_request', '没有待审批的延期申请');
    // Art. 33 ¶2: approved by the head of the OGI office before the reply deadline; the approver is the head.
    return applyEvent(deps, {
      ...input,
      action: {
        type: 'extend',
        workingDays: pending.workingDays,
        approver: input.actor,
        approval: 'online',
        reason: pending.reason,
        decidedOn: today,
      },
      deskEntry: entry,
    });
  }
  const entry: DeskEntry = deskEntryOf(action);
  assertDeskEntryAllowed(record.desk, entry);
  const notices: Notice[] = [];
  if (entry.type === 'extension_requested') {
    // The request must be one the head could still approve today (Art. 33 ¶2).
    assertExtensionAllowed(domainEvents(record), currentCalendar(), {
      workingDays: entry.workingDays,
      decidedOn: today,
      recordedOn: today,
    });
    const replyDue = clockOf(record, today).replyDue?.due;
    if (input.agency.headEmail && replyDue)
      notices.push({
        key: `extension_requested:${entry.requestId}`,
        kind: 'extension_requested',
        to: input.agency.headEmail,
        caseId: record.caseId,
        // The email templates are read when a notice is composed, not at the cases function's cold start (issue 17).
        content: (await import('../notify/templates')).extensionRequestNotice({
          agencyName: input.agency.name,
          receiptNumber: record.receiptNumber,
          caseId: record.caseId,
          baseUrl: deps.baseUrl,
          workingDays: entry.workingDays,
          reason: entry.reason,
          replyDue,
        }),
      });
  }
  const next: CaseRecord = {
    ...record,
    version: input.expectedVersion + 1,
    desk: appendDeskEntry(record.desk, entry, input.actor, now.toISOString()),
    updatedAt: now.toISOString(),
  };
  const derived = deriveForStore(next, today);
  await deps.cases.update(next, derived, notices);
  log.info('desk entry recorded', { caseId: next.caseId, version: next.version, type: entry.type });
  if (notices.length) await requestDelivery(caseScope(next.caseId));
  // Every version has its own timeline (a stale one ends when it wakes).
  await startTimeline(next.caseId, next.version, { closed: !derived.open });
  return next;
}

function deskEntryOf(action: Exclude<DeskAction, { type: 'approve_extension' }>): DeskEntry {
  switch (action.type) {
    case 'assign':
      return { type: 'assigned', assignee: action.assignee };
    case 'add_note':
      return { type: 'note_added', text: action.text };
    case 'request_extension':
      return {
        type: 'extension_requested',
        requestId: `x${randomUUID().slice(0, 8)}`,
        workingDays: action.workingDays,
        reason: action.reason,
      };
    case 'reject_extension':
      return {
        type: 'extension_rejected',
        requestId: action.requestId,
        ...(action.reason ? { reason: action.reason } : {}),
      };
  }
}

/**
 * The actions the case's state allows today, so the console offers only those (design.md §9): nothing
 * statutory once closed (notes and assignment stay possible); a supplement notice only within its 7 working
 * days and once (Art. 30); an extension only once and while none is pending (Art. 33 ¶2); the decision on a
 * pending request only to the head.
 */
export function allowedActions(record: CaseRecord, today: string, head: boolean): string[] {
  const clock = clockOf(record, today);
  const types = new Set(domainEvents(record).map((e) => e.type));
  const pending = pendingExtensionRequest(record.desk);
  // Service of a document (送达) is recorded whenever it happens, also after closing (design.md §9).
  if (clock.status === 'closed') return ['assign', 'add_note', 'record_service'];
  const allowed: string[] = [];
  if (!types.has('supplement_requested') && today <= clock.supplementNoticeDue.due) allowed.push('request_supplement');
  if (clock.status === 'awaiting_supplement') allowed.push('supplement_received');
  if (clock.status !== 'awaiting_supplement') allowed.push('start_consultation');
  if (clock.consultations.some((c) => !c.endedOn)) allowed.push('end_consultation');
  if (!clock.extension && clock.status !== 'awaiting_supplement') {
    allowed.push('extend');
    if (!pending) allowed.push('request_extension');
  }
  if (pending && head) allowed.push('approve_extension', 'reject_extension');
  if (!types.has('fee_notice_sent')) allowed.push('issue_fee_notice');
  if (clock.status === 'awaiting_fee') allowed.push('fee_paid');
  allowed.push('reply', 'assign', 'add_note', 'record_service');
  return allowed;
}
