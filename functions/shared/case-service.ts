import { randomUUID } from 'node:crypto';
import { addWorkingDays, workingDaysBetween } from './domain/calendar';
import { appendDeskEntry, type DeskEntry } from './domain/desk';
import { feeForApplication } from './domain/fees';
import type { CaseEvent, Channel, ConsultationOpinion, LocalDate, OutcomeCode, ServiceMethod } from './domain/model';
import { CHANNEL_LABELS, OUTCOME_LABELS } from './domain/model';
import {
  appendCaseEvent,
  currentCalendar,
  clockOf,
  deriveForStore,
  applicantKeyOf,
  legacyApplicantKeyOf,
} from './case-workflow';
import { documentAttachment, issueDocumentsAfterWrite, type CaseFileDeps } from './case-file/documents';
import { count } from './aws/metrics';
import { log } from './log';
import { caseScope, requestDelivery, type Notice } from './notify/outbox';
import type { DocumentRecord } from './store/case-file-repository';
import type { ReplyNoticeInput } from './notify/templates';
import { replyEmailAttachments } from './case-file/attachments';
import type { Agency } from './store/agency-repository';
import type { Applicant, CaseRecord, CaseRepository } from './store/case-repository';
import { generateTrackingCode, hashTrackingCode } from './tracking-code';
import { PROVISIONAL_NOTE } from './domain/provisional';
import { startTimeline } from './timeline-control';
import { shanghaiDate } from './system-clock';
import { fingerprintOf, holdClientToken } from './client-token';
import { receiptNumberOf, recordOwnVoid } from './receipt-ledger';
import type { ReceiptRepository } from './store/receipt-repository';

/**
 * What happens to a case, above the repositories and below the handlers: registering an application,
 * applying a staff action or an applicant's supplement, and the notices each step sends. Every change
 * is one conditional write that also records the notices it causes (notify/outbox.ts), followed by the
 * timeline of the new version; the emails go out asynchronously.
 */

export interface CaseServiceDeps {
  cases: CaseRepository;
  baseUrl: string;
  /** Where a request records the void of a receipt number it drew and could not use (else the reconcile finds it). */
  receipts?: ReceiptRepository;
  /** Documents are issued after each write when given (design.md §9). */
  caseFiles?: CaseFileDeps;
}

export interface NewApplication {
  agency: Agency;
  channel: Channel;
  receivedOn: LocalDate;
  applicant: Applicant;
  information: { description: string; documentNumber?: string };
  delivery: CaseRecord['delivery'];
  clientToken?: string;
  actor: string;
  now: Date;
  /**
   * The documents are issued by the outbox sender after the answer (before the acknowledgement that attaches
   * them) rather than before it: the online path, whose answer does not carry them (issue 17).
   */
  documentsAfterAnswer?: boolean;
}

export type RegisterResult =
  | { created: true; record: CaseRecord; trackingCode: string; documents: DocumentRecord[] }
  | { created: false; record: CaseRecord };

/**
 * The email templates, read by the first request that composes a notice (a registration, or a staff action the
 * applicant is told of), not at the cold start of a function most of whose routes send none (issue 17).
 */
const noticeTemplates = () => import('./notify/templates');

const isConditionFailure = (error: unknown) => (error as Error).name === 'ConditionalCheckFailedException';

/**
 * Registers an application (online, Art. 31: received the day it is confirmed; or by staff with its
 * receipt date). Idempotent with `clientToken` (client-token.ts): the token is held before a receipt
 * number is drawn, so a retry neither creates a second case nor burns a number, and a token whose first
 * attempt died is taken over after a short lease. A number drawn and not used is recorded void.
 */
export async function registerApplication(deps: CaseServiceDeps, input: NewApplication): Promise<RegisterResult> {
  const { cases } = deps;
  let caseId: string = randomUUID();
  if (input.clientToken) {
    const held = await holdClientToken(cases, input.agency.agencyId, input.clientToken, {
      caseId,
      fingerprint: fingerprintOf(input.clientToken, input),
    });
    if ('replay' in held) return { created: false, record: held.replay };
    caseId = held.caseId;
  }
  const year = Number(input.receivedOn.slice(0, 4));
  const sequence = await cases.nextReceiptSequence(input.agency.agencyId, year);
  const receiptNumber = receiptNumberOf(input.agency, year, sequence);
  const trackingCode = generateTrackingCode();
  const at = input.now.toISOString();
  const draft: CaseRecord = {
    caseId,
    agencyId: input.agency.agencyId,
    receiptNumber,
    version: 0,
    channel: input.channel,
    applicant: input.applicant,
    information: input.information,
    delivery: input.delivery,
    receivedOn: input.receivedOn,
    trackingCodeHash: hashTrackingCode(trackingCode),
    ...(input.clientToken ? { clientToken: input.clientToken } : {}),
    events: [],
    createdAt: at,
    updatedAt: at,
  };
  const record = appendCaseEvent(
    draft,
    { type: 'received', on: input.receivedOn, channel: input.channel },
    input.actor,
    input.now,
  );
  const today = shanghaiDate(input.now);
  const clock = clockOf(record, today);
  const replyDue = clock.replyDue?.due ?? input.receivedOn;
  const templates = await noticeTemplates();
  // The acknowledgement (with the tracking code) and the office's notice go in the same write as the case.
  const notices: Notice[] = [
    ...(input.applicant.email
      ? [
          {
            key: 'acknowledgement',
            to: input.applicant.email,
            kind: 'acknowledgement',
            caseId,
            content: templates.acknowledgement({
              agencyName: input.agency.name,
              receiptNumber,
              baseUrl: deps.baseUrl,
              applicantName: input.applicant.name,
              receivedOn: input.receivedOn,
              replyDue,
              trackingCode,
              provisional: clock.provisional,
            }),
            attachments: documentAttachment(deps.caseFiles, record, record.events[0]!.event, record.events[0]!.seq),
          },
        ]
      : []),
    {
      key: 'new_application',
      to: input.agency.officeEmail,
      kind: 'new_application',
      caseId,
      content: templates.newApplicationNotice({
        agencyName: input.agency.name,
        receiptNumber,
        caseId,
        baseUrl: deps.baseUrl,
        receivedOn: input.receivedOn,
        supplementNoticeDue: clock.supplementNoticeDue.due,
        replyDue,
        channelLabel: CHANNEL_LABELS[input.channel],
      }),
    },
  ];
  try {
    await cases.create(record, deriveForStore(record, today), notices);
  } catch (error) {
    const drawn = { agencyId: record.agencyId, year, sequence, receiptNumber };
    // The same case id already written: another attempt of the same client token won; this number is void.
    const existing = isConditionFailure(error) ? await cases.get(caseId) : undefined;
    if (deps.receipts)
      await recordOwnVoid(
        deps.receipts,
        { ...drawn, reason: existing ? 'superseded_by_retry' : 'write_failed' },
        input.now,
      );
    if (existing) return { created: false, record: existing };
    if (input.clientToken)
      await cases.releaseClientToken(input.agency.agencyId, input.clientToken, caseId).catch(() => undefined);
    throw error;
  }
  log.info('application registered', { caseId, receiptNumber, agencyId: record.agencyId, channel: record.channel });
  count('ApplicationsReceived', { agency: record.agencyId });
  // The documents exist before the emails that attach them go out: issued here, or by the outbox sender before
  // it adopts those emails (and by any read of the case's documents that comes first).
  const documents = input.documentsAfterAnswer
    ? []
    : await issueDocumentsAfterWrite(deps.caseFiles, record, input.agency, input.now);
  await requestDelivery(caseScope(caseId));
  await startTimeline(caseId, record.version);
  return { created: true, record, trackingCode, documents };
}

/** A staff action as validated at the edge (design.md §5 action table); dates default to today. */
export type StaffAction =
  | { type: 'request_supplement'; items: string; periodWorkingDays: number }
  | { type: 'supplement_received'; receivedOn?: LocalDate | undefined; lateReason?: string | undefined }
  | {
      type: 'start_consultation';
      party: 'third_party' | 'other_agency';
      name: string;
      sentOn?: LocalDate | undefined;
      question?: string | undefined;
      receivedOn?: LocalDate | undefined;
    }
  | {
      type: 'end_consultation';
      consultationId: string;
      endedOn?: LocalDate | undefined;
      opinion?: ConsultationOpinion | undefined;
      opinionSummary?: string | undefined;
    }
  | {
      type: 'extend';
      workingDays: number;
      approver: string;
      /** Set by the head's approval of a request in gongkai (desk-actions), never by a client. */
      approval?: 'online' | undefined;
      decidedOn?: LocalDate | undefined;
      reason?: string | undefined;
      notifiedOn?: LocalDate | undefined;
    }
  | {
      type: 'issue_fee_notice';
      method: 'by_count' | 'by_pages';
      pages?: number | undefined;
      sentOn?: LocalDate | undefined;
      receivedOn?: LocalDate | undefined;
    }
  | { type: 'fee_paid'; paidOn?: LocalDate | undefined }
  | { type: 'reply'; outcome: OutcomeCode; repliedOn?: LocalDate | undefined; summary: string }
  | {
      type: 'record_service';
      documentId: string;
      method: ServiceMethod;
      servedOn?: LocalDate | undefined;
      trackingNumber?: string | undefined;
    };

/** The domain event of a staff action (the fee amount comes from the fee calculator, never typed in). */
async function eventFor(
  cases: CaseRepository,
  record: CaseRecord,
  action: StaffAction,
  today: LocalDate,
): Promise<CaseEvent> {
  switch (action.type) {
    case 'request_supplement':
      return {
        type: 'supplement_requested',
        on: today,
        items: action.items,
        periodWorkingDays: action.periodWorkingDays,
      };
    case 'supplement_received':
      return {
        type: 'supplement_received',
        on: action.receivedOn ?? today,
        ...(action.lateReason ? { lateReason: action.lateReason } : {}),
      };
    case 'start_consultation':
      return {
        type: 'consultation_started',
        on: action.sentOn ?? today,
        consultationId: `c${record.events.length + 1}-${randomUUID().slice(0, 8)}`,
        party: action.party,
        name: action.name,
        ...(action.question ? { question: action.question } : {}),
        ...(action.receivedOn ? { receivedOn: action.receivedOn } : {}),
      };
    case 'end_consultation':
      return {
        type: 'consultation_ended',
        on: action.endedOn ?? today,
        consultationId: action.consultationId,
        ...(action.opinion ? { opinion: action.opinion } : {}),
        ...(action.opinionSummary ? { opinionSummary: action.opinionSummary } : {}),
      };
    case 'extend':
      return {
        type: 'extended',
        on: action.decidedOn ?? today,
        workingDays: action.workingDays,
        approver: action.approver,
        ...(action.approval ? { approval: action.approval } : {}),
        ...(action.reason ? { reason: action.reason } : {}),
        ...(action.notifiedOn ? { notifiedOn: action.notifiedOn } : {}),
      };
    case 'issue_fee_notice': {
      const on = action.sentOn ?? today;
      // Fee Measures Art. 7: the payment period counts from the applicant's receipt (by default the sending day).
      const received = action.receivedOn ? { receivedOn: action.receivedOn } : {};
      if (action.method === 'by_pages') {
        const pages = action.pages ?? 0;
        return {
          type: 'fee_notice_sent',
          on,
          method: 'by_pages',
          pages,
          amountYuan: feeForApplication({ method: 'by_pages', pages }).yuan,
          ...received,
        };
      }
      // Fee Measures Art. 4: by count, cumulative per applicant per natural month of receipt. A case written
      // before the keyed applicant key still carries the unkeyed one until the reconcile rewrites it: both count.
      const sameMonth = await cases.applicantCasesInMonth(record.agencyId, record.receivedOn.slice(0, 7), [
        applicantKeyOf(record.agencyId, record.applicant),
        legacyApplicantKeyOf(record.applicant),
      ]);
      const ordered = sameMonth.sort((a, b) =>
        (a.receivedOn + a.receiptNumber).localeCompare(b.receivedOn + b.receiptNumber),
      );
      const nthInMonth = Math.max(1, ordered.findIndex((c) => c.caseId === record.caseId) + 1);
      return {
        type: 'fee_notice_sent',
        on,
        method: 'by_count',
        amountYuan: feeForApplication({ method: 'by_count', nthInMonth }).yuan,
        ...received,
      };
    }
    case 'fee_paid':
      return { type: 'fee_paid', on: action.paidOn ?? today };
    case 'reply':
      return { type: 'replied', on: action.repliedOn ?? today, outcome: action.outcome, summary: action.summary };
    case 'record_service':
      return {
        type: 'served',
        on: action.servedOn ?? today,
        documentId: action.documentId,
        method: action.method,
        ...(action.trackingNumber ? { trackingNumber: action.trackingNumber } : {}),
      };
  }
}

/** The applicant notice a new event calls for, if any. */
async function applicantNoticeFor(
  record: CaseRecord,
  previous: CaseRecord,
  event: CaseEvent,
  agency: Agency,
  baseUrl: string,
  today: LocalDate,
  reply: Pick<ReplyNoticeInput, 'letterAttached' | 'files'> = {},
) {
  const ref = {
    agencyName: agency.name,
    receiptNumber: record.receiptNumber,
    baseUrl,
    applicantName: record.applicant.name,
  };
  const clock = clockOf(record, today);
  switch (event.type) {
    case 'supplement_requested':
      return (await noticeTemplates()).supplementNotice({
        ...ref,
        items: event.items,
        periodWorkingDays: event.periodWorkingDays,
        dueOn: clock.supplementDue?.due ?? addWorkingDays(currentCalendar(), event.on, event.periodWorkingDays),
        provisional: clock.supplementDue?.provisional === true,
      });
    case 'extended': {
      // Art. 33 ¶2: told before the deadline. Told already on paper (notifiedOn): no second notice mailed now.
      if (event.notifiedOn) return undefined;
      const previousDue = clockOf(previous, today).replyDue?.due;
      return (await noticeTemplates()).extensionNotice({
        ...ref,
        workingDays: event.workingDays,
        newDue: clock.replyDue?.due ?? event.on,
        ...(previousDue ? { previousDue } : {}),
        ...(event.reason ? { reason: event.reason } : {}),
        provisional: clock.replyDue?.provisional === true,
      });
    }
    case 'fee_notice_sent':
      return (await noticeTemplates()).feeNotice({
        ...ref,
        amountYuan: event.amountYuan,
        method: event.method,
        ...(event.pages !== undefined ? { pages: event.pages } : {}),
        payBy: clock.feePaymentDue?.due ?? event.on,
        provisional: clock.feePaymentDue?.provisional === true,
      });
    case 'replied':
      return (await noticeTemplates()).replyNotice({
        ...ref,
        outcome: event.outcome,
        repliedOn: event.on,
        summary: event.summary,
        ...reply,
      });
    default:
      return undefined;
  }
}

/**
 * Applies a staff action or an applicant's supplement as the next version of the case: the domain checks
 * the event is allowed (422 naming the article otherwise), one conditional write on `expectedVersion`
 * (409 otherwise), then the new version's timeline and the applicant's notice.
 */
export async function applyEvent(
  deps: CaseServiceDeps,
  input: {
    record: CaseRecord;
    agency: Agency;
    expectedVersion: number;
    action: StaffAction;
    actor: string;
    now: Date;
    /** The applicant's own supplement text (public supplement route). */
    supplementText?: { text: string; documentNumber?: string | undefined };
    /** A desk entry recorded in the same write (the head's approval of a requested extension). */
    deskEntry?: DeskEntry;
  },
): Promise<CaseRecord> {
  const { cases } = deps;
  const today = shanghaiDate(input.now);
  const event = await eventFor(cases, input.record, input.action, today);
  // Staff dates may be in the past, never in the future (checked at the edge); the domain checks the order.
  const base: CaseRecord = { ...input.record, version: input.expectedVersion };
  let next = appendCaseEvent(base, event, input.actor, input.now);
  if (input.deskEntry)
    next = { ...next, desk: appendDeskEntry(next.desk, input.deskEntry, input.actor, input.now.toISOString()) };
  if (input.supplementText) {
    next = {
      ...next,
      information: {
        ...next.information,
        supplements: [...(next.information.supplements ?? []), { on: event.on, text: input.supplementText.text }],
        ...(input.supplementText.documentNumber ? { documentNumber: input.supplementText.documentNumber } : {}),
      },
    };
  }
  const derived = deriveForStore(next, today);
  const letter = documentAttachment(deps.caseFiles, next, event, next.events.at(-1)!.seq);
  // A reply by email carries the files staff provided to the applicant (within a budget; the rest on the status page).
  const provided =
    event.type === 'replied' && next.applicant.email
      ? await replyEmailAttachments(deps.caseFiles, next.caseId)
      : undefined;
  const content = await applicantNoticeFor(next, input.record, event, input.agency, deps.baseUrl, today, {
    letterAttached: letter.length > 0,
    ...(provided ? { files: { attached: provided.attached, onStatusPage: provided.onStatusPage } } : {}),
  });
  const notices: Notice[] =
    content && next.applicant.email
      ? [
          {
            key: `${event.type}:${next.version}`,
            to: next.applicant.email,
            kind: event.type,
            caseId: next.caseId,
            content,
            attachments: [...letter, ...(provided?.attachments ?? [])],
          },
        ]
      : [];
  await cases.update(next, derived, notices);
  log.info('case event recorded', { caseId: next.caseId, version: next.version, type: event.type });
  if (event.type === 'replied') count('Replies', { agency: next.agencyId });
  await issueDocumentsAfterWrite(deps.caseFiles, next, input.agency, input.now);
  if (notices.length) await requestDelivery(caseScope(next.caseId));
  await startTimeline(next.caseId, next.version, { closed: !derived.open });
  return next;
}

const STATUS_LABELS: Record<string, string> = {
  awaiting_reply: '办理中',
  awaiting_supplement: '待补正',
  in_consultation: '征求意见中（答复期限中止计算）',
  awaiting_fee: '待缴纳信息处理费',
  closed: '已办结',
};

const NOTICE_LABELS: Record<CaseEvent['type'], string> = {
  received: '收到申请',
  supplement_requested: '告知补正',
  supplement_received: '收到补正',
  consultation_started: '征求意见（期间不计入答复期限）',
  consultation_ended: '征求意见结束',
  extended: '延长答复期限',
  reply_date_set: '另行确定答复期限',
  fee_notice_sent: '发出收费通知',
  fee_paid: '缴纳信息处理费',
  replied: '作出答复',
  closed_automatically: '终止办理',
  served: '文书送达',
};

/**
 * What the applicant sees with their tracking code: status, the deadlines that concern them and the
 * notices sent. No staff names, no third parties' names, no internal notes.
 */
export function applicantView(record: CaseRecord, agency: Agency, today: LocalDate) {
  const clock = clockOf(record, today);
  const supplementRequest = [...record.events].reverse().find((e) => e.event.type === 'supplement_requested')?.event;
  const closing = record.events.find(
    (e) => e.event.type === 'replied' || e.event.type === 'closed_automatically',
  )?.event;
  const fee = [...record.events].reverse().find((e) => e.event.type === 'fee_notice_sent')?.event;
  return {
    receiptNumber: record.receiptNumber,
    agencyId: record.agencyId,
    agencyName: agency.name,
    // The applicant's own category: the status page asks an organisation for its business licence (Art. 29).
    applicantType: record.applicant.type,
    receivedOn: record.receivedOn,
    status: clock.status,
    statusLabel: STATUS_LABELS[clock.status] ?? clock.status,
    ...(clock.replyDue ? { replyDue: clock.replyDue.due } : {}),
    provisional: clock.provisional,
    // design.md §9: every date resting on a year without a holiday notice is shown 暂定, with why.
    provisionalDates: [clock.replyDue, clock.supplementDue, clock.feePaymentDue].flatMap((d) =>
      d?.provisional ? [d.due] : [],
    ),
    ...(clock.provisional ? { provisionalNote: PROVISIONAL_NOTE } : {}),
    ...(clock.extension
      ? { extended: { workingDays: clock.extension.workingDays, decidedOn: clock.extension.decidedOn } }
      : {}),
    ...(clock.status === 'awaiting_supplement' &&
    supplementRequest?.type === 'supplement_requested' &&
    clock.supplementDue
      ? {
          supplementRequest: {
            items: supplementRequest.items,
            dueOn: clock.supplementDue.due,
            requestedOn: supplementRequest.on,
          },
        }
      : {}),
    ...(clock.status === 'awaiting_fee' && fee?.type === 'fee_notice_sent' && clock.feePaymentDue
      ? { feeNotice: { amountYuan: fee.amountYuan, payBy: clock.feePaymentDue.due } }
      : {}),
    notices: record.events.map(({ event }) => ({ on: event.on, type: event.type, label: NOTICE_LABELS[event.type] })),
    information: {
      description: record.information.description,
      documentNumber: record.information.documentNumber ?? null,
    },
    ...(closing && (closing.type === 'replied' || closing.type === 'closed_automatically')
      ? {
          outcome: closing.outcome,
          outcomeLabel: OUTCOME_LABELS[closing.outcome],
          repliedOn: closing.on,
          ...(closing.type === 'replied' ? { replySummary: closing.summary } : {}),
        }
      : {}),
  };
}

/** Urgency on the work list: overdue, due within 5 working days, or normal. */
export function urgencyOf(
  due: LocalDate | undefined,
  today: LocalDate,
): { urgency: 'overdue' | 'due_soon' | 'normal'; workingDaysLeft?: number } {
  if (!due) return { urgency: 'normal' };
  if (due < today) return { urgency: 'overdue', workingDaysLeft: -workingDaysBetween(currentCalendar(), due, today) };
  const left = workingDaysBetween(currentCalendar(), today, due);
  return { urgency: left <= 5 ? 'due_soon' : 'normal', workingDaysLeft: left };
}

/** Everything staff of the case's agency see: the record, its events, the clock with its explanation. */
export function staffView(record: CaseRecord, today: LocalDate) {
  const clock = clockOf(record, today);
  const { trackingCodeHash: _hash, clientToken: _token, outbox: _outbox, ...visible } = record;
  return {
    case: { ...visible, status: clock.status, statusLabel: STATUS_LABELS[clock.status] ?? clock.status },
    events: record.events,
    clock,
    ...urgencyOf(clock.replyDue?.due, today),
  };
}
