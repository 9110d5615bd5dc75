import { createHash } from 'node:crypto';
import { computeCaseClock, appendEvent, type CaseClock } from './domain/clock';
import { defaultCalendar, type Calendar } from './domain/calendar';
import type { CaseEvent, RecordedEvent } from './domain/model';
import { pendingExtensionRequest, searchTextOf } from './domain/desk';
import { maskIdNumber, redactText, workListName } from './privacy';
import { applicantKey, searchHash } from './search-hash';
import type { CaseArrival, CaseDerived, CaseRecord } from './store/case-repository';
import { shanghaiDate } from './system-clock';

/**
 * The glue between a stored case and the statutory domain, shared by every handler: the domain events of a
 * record, what the indexes need derived from them, and appending an event as a new version.
 */

/** The calendar put in force by `useCalendar`; `undefined`: the bundled one, `defaultCalendar()`. */
let inForce: Calendar | undefined;

/**
 * The holiday calendar in force: the built-in years of the domain plus the years an administrator entered
 * (design.md §9; `refreshCalendar` in `current-calendar.ts` swaps it when the stored notices change). Without
 * stored notices it is the bundled calendar, built on first use, so loading a function builds nothing (issue 17).
 */
export function currentCalendar(): Calendar {
  return inForce ?? defaultCalendar();
}

/**
 * Puts a calendar in force for every handler of this process; `undefined` puts the bundled calendar back (built
 * when first used).
 */
export function useCalendar(next: Calendar | undefined): void {
  inForce = next;
}

export const domainEvents = (record: Pick<CaseRecord, 'events'>): CaseEvent[] => record.events.map((e) => e.event);

/** The case's statutory clock on `today`. */
export const clockOf = (record: Pick<CaseRecord, 'events'>, today: string): CaseClock =>
  computeCaseClock(domainEvents(record), currentCalendar(), today);

/**
 * The applicant's identity as a keyed hash (search-hash.ts `applicantKey`), to count their applications in a month
 * (fees by count) without storing the ID number in a guessable form.
 */
export function applicantKeyOf(
  agencyId: string,
  applicant: Pick<CaseRecord['applicant'], 'idType' | 'idNumber'>,
): string {
  return applicantKey(agencyId, applicant.idType, applicant.idNumber);
}

/**
 * The unkeyed key of old (SHA-256 of the ID type and number), computed only to find records written before the
 * keyed one: the fee count matches both until the reconcile has rewritten every such record (applicant-keys.ts);
 * never stored again.
 */
export function legacyApplicantKeyOf(applicant: Pick<CaseRecord['applicant'], 'idType' | 'idNumber'>): string {
  return createHash('sha256')
    .update(`gongkai-applicant:${applicant.idType}:${applicant.idNumber.toUpperCase()}`)
    .digest('hex')
    .slice(0, 32);
}

/** What the store's indexes need, derived by the domain (deadlines are never typed in). */
export function deriveForStore(record: CaseRecord, today: string): CaseDerived {
  const clock = clockOf(record, today);
  const events = domainEvents(record);
  const feeNotices = events.flatMap((event, index) =>
    event.type === 'fee_notice_sent'
      ? [
          {
            sentOn: event.on,
            amountYuan: event.amountYuan,
            ...((): { paidOn?: string } => {
              const paid = events.slice(index + 1).find((e) => e.type === 'fee_paid');
              return paid ? { paidOn: paid.on } : {};
            })(),
          },
        ]
      : [],
  );
  // The work list keeps the dates no passing day changes: a running wait lasting as long as the law lets it.
  const replyDue = clock.replyDueAtLatest;
  const sortDue =
    (clock.status === 'awaiting_supplement' ? clock.supplementDue?.due : replyDue?.due) ??
    clock.feePaymentDue?.due ??
    clock.supplementNoticeDue.due;
  return {
    open: clock.status !== 'closed',
    status: clock.status,
    ...(replyDue && clock.status !== 'awaiting_supplement' ? { replyDue: replyDue.due } : {}),
    sortDue,
    ...(clock.closedOn ? { closedOn: clock.closedOn } : {}),
    ...(clock.outcome ? { outcome: clock.outcome } : {}),
    feeNotices,
    maskedName: workListName(record.applicant),
    maskedIdNumber: maskIdNumber(record.applicant.idNumber),
    applicantKey: applicantKeyOf(record.agencyId, record.applicant),
    searchHashes: {
      name: searchHash(record.agencyId, 'name', record.applicant.name),
      phone: searchHash(record.agencyId, 'phone', record.applicant.phone),
      idNumber: searchHash(record.agencyId, 'idNumber', record.applicant.idNumber),
    },
    searchText: searchTextOf(
      redactText(record.information.description),
      record.applicant.type === 'natural_person' ? undefined : record.applicant.name,
    ),
    ...(record.desk?.assignee ? { assignee: record.desk.assignee } : {}),
    extensionPending: clock.status !== 'closed' && pendingExtensionRequest(record.desk) !== undefined,
    ...arrivalOf(record),
  };
}

/** The last event when it is something that arrived (a supplement, a consultation opinion) and awaits a next step. */
function arrivalOf(record: CaseRecord): { arrival?: CaseArrival } {
  const last = record.events.at(-1);
  if (!last) return {};
  if (last.event.type === 'supplement_received')
    return {
      arrival: { kind: 'supplement', on: last.event.on, ...(last.actor === 'applicant' ? { byApplicant: true } : {}) },
    };
  if (last.event.type === 'consultation_ended') return { arrival: { kind: 'consultation_opinion', on: last.event.on } };
  return {};
}

/**
 * `record` with `event` appended as the next version, after the domain has checked the event is allowed
 * (throws `RuleViolationError` naming the article otherwise). The input is not changed.
 */
export function appendCaseEvent(record: CaseRecord, event: CaseEvent, actor: string, now: Date): CaseRecord {
  appendEvent(domainEvents(record), event, currentCalendar(), { today: shanghaiDate(now) });
  const recorded: RecordedEvent = { seq: record.events.length + 1, at: now.toISOString(), actor, event };
  return { ...record, version: record.version + 1, events: [...record.events, recorded], updatedAt: now.toISOString() };
}
