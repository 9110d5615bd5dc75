/**
 * The statutory clock of a case (ogi-rules.md §3): every deadline derived from the case's event log, with
 * the article it rests on and a derivation a person can check by hand; and the rules that reject an event
 * the law does not allow at this point (`assertEventAllowed`).
 */
import {
  addCountedDaysToDay,
  describeDay,
  isProvisionalBetweenDays,
  pauseIntervals,
  workingDaysBetweenDays,
  type Calendar,
  type Pause,
} from './calendar';
import { fromDayNumber, isLocalDate, toDayNumber, weekdayName } from './local-date';
import type { CaseEvent, Channel, ConsultationParty, FeeMethod, LocalDate, OutcomeCode } from './model';
import { RuleViolationError } from './rule-violation';

/** Art. 33 ¶2: reply within 20 working days. */
export const REPLY_WORKING_DAYS = 20;
/** Art. 33 ¶2: one extension of at most 20 working days. */
export const MAX_EXTENSION_WORKING_DAYS = 20;
/** Art. 30: the notice to supplement (补正) is due within 7 working days of receipt. */
export const SUPPLEMENT_NOTICE_WORKING_DAYS = 7;
/** Art. 32 / Art. 34: a consulted party's opinion is due in 15 working days. */
export const CONSULTATION_WORKING_DAYS = 15;
/** Fee Measures Art. 7: the fee is payable within 20 working days from the day after the applicant receives the notice. */
export const FEE_PAYMENT_WORKING_DAYS = 20;

/** The deadlines the clock derives. */
export type DeadlineKind = 'reply' | 'supplement_notice' | 'supplement' | 'consultation_opinion' | 'fee_payment';

/** A derived deadline: the date, the article, and how it was computed. */
export interface Deadline {
  readonly kind: DeadlineKind;
  readonly due: LocalDate;
  /** The day counting starts after (not itself counted). */
  readonly from: LocalDate;
  /** Counted working days from `from` to `due`; null for an agency-set date (Art. 35). */
  readonly workingDays: number | null;
  /** The article, e.g. 'Art. 33 ¶2'. */
  readonly basis: string;
  /** One-line derivation in Chinese. */
  readonly derivation: string;
  /** Ids of the pauses that moved it. */
  readonly pausesApplied: readonly string[];
  readonly provisional: boolean;
  /**
   * Set on a reply deadline that still waits on something: the date it would be if that ended today. It moves
   * later by one working day for each working day the wait continues, never earlier: a supplement (Art. 30, the
   * clock restarts on its receipt), an open consultation (Art. 33 ¶3, at most until its opinion period ends), a fee
   * notice not yet paid (Fee Measures Art. 7, at most until the payment period ends).
   */
  readonly pending?: 'supplement' | 'consultation' | 'fee';
}

/** Where a case stands. */
export type CaseStatus = 'awaiting_reply' | 'awaiting_supplement' | 'in_consultation' | 'awaiting_fee' | 'closed';

/** A consultation (征求意见) with its opinion due date. Art. 32 (third party), Art. 34 (other agency). */
export interface ConsultationClock {
  readonly consultationId: string;
  readonly party: ConsultationParty;
  readonly name: string;
  readonly sentOn: LocalDate;
  /** The party's receipt of the request, from which the opinion period counts (by default `sentOn`). */
  readonly receivedOn: LocalDate;
  /** The recorded end (`end_consultation`), or null. */
  readonly endedOn: LocalDate | null;
  readonly opinionDue: Deadline;
  /**
   * No end recorded and the opinion period is over on `today`: the pause ended with the period by law (Art. 34:
   * another agency's silence is consent; Art. 32: a third party's silence leaves the decision to the agency).
   */
  readonly endedByLaw: boolean;
  /** The last day of the pause (the recorded end, at most the opinion due date), or null while it runs. */
  readonly pauseEnd: LocalDate | null;
}

/** Why a day of an explanation was counted or skipped. */
export type DayReason = 'start_day' | 'weekday' | 'make_up_workday' | 'weekend' | 'holiday' | 'paused';

/** One day of an explanation, from the start day to the due date. */
export interface ExplainedDay {
  readonly date: LocalDate;
  /** 周一 … 周日 */
  readonly weekday: string;
  readonly counted: boolean;
  /** 1-based position among counted days, null when not counted. */
  readonly ordinal: number | null;
  readonly reason: DayReason;
  readonly festival?: string;
  /** Labels of the pauses the day falls in. */
  readonly pausedBy?: readonly string[];
  readonly provisional: boolean;
  /** Chinese, e.g. '第 3 个工作日（调休上班·国庆节）'. */
  readonly note: string;
}

/** The explanation of one deadline: its derivation and every day from start to due. */
export interface Explanation {
  readonly deadline: DeadlineKind;
  readonly derivation: string;
  readonly days: readonly ExplainedDay[];
}

/** A pause of the reply clock as the clock shows it. */
export interface ClockPause {
  readonly id: string;
  readonly label: string;
  readonly from: LocalDate;
  /** The day it ended (recorded or by law), or null while it runs. */
  readonly to: LocalDate | null;
  /** The last day it can run: a consultation's opinion due date, a fee notice's payment due date. */
  readonly latestEnd: LocalDate;
}

/** Everything the clock knows about a case on `today`. */
export interface CaseClock {
  readonly status: CaseStatus;
  readonly receivedOn: LocalDate;
  readonly channel: Channel;
  /** The day the reply clock runs from: the receipt, or the supplement's receipt (Art. 30). */
  readonly clockStartedOn: LocalDate;
  /** Art. 30: the last day to send the notice to supplement. */
  readonly supplementNoticeDue: Deadline;
  /** Art. 30: the end of the supplement period, when one was requested. */
  readonly supplementDue: Deadline | null;
  /**
   * The reply deadline in force on `today` (Art. 33 ¶2 with extension and pauses, or Art. 35). Never null while the
   * case is open: while something is awaited it is the date if that ended today (`pending` says what).
   */
  readonly replyDue: Deadline | null;
  /**
   * The reply deadline if every running wait lasts as long as the law lets it (consultation until its opinion period
   * ends, fee until its payment period ends); null while awaiting a supplement. What the timeline and the work list use.
   */
  readonly replyDueAtLatest: Deadline | null;
  /** The statutory reply deadline ignoring an Art. 35 date. */
  readonly statutoryReplyDue: Deadline | null;
  readonly extension: {
    readonly decidedOn: LocalDate;
    readonly workingDays: number;
    readonly approver: string;
    readonly reason?: string;
    readonly notifiedOn?: LocalDate;
  } | null;
  readonly consultations: readonly ConsultationClock[];
  readonly feePaymentDue: Deadline | null;
  /** Pauses of the reply clock; `to` is null while open, `latestEnd` the day it ends by law at the latest. */
  readonly pauses: readonly ClockPause[];
  /** Open case whose reply deadline has passed on `today`. */
  readonly overdue: boolean;
  /** Working days after the reply deadline up to and including `today` (0 when not overdue). */
  readonly overdueWorkingDays: number;
  /** Awaiting a supplement whose period ended before `today`: to be closed as other.supplement_overdue. */
  readonly supplementLapsed: boolean;
  /** Awaiting a fee whose period ended before `today`: to be closed as other.fee_unpaid. */
  readonly feeLapsed: boolean;
  readonly closedOn: LocalDate | null;
  readonly outcome: OutcomeCode | null;
  /** For a replied case: whether the reply was on or before the deadline. */
  readonly repliedOnTime: boolean | null;
  /** Any deadline shown rests on a year without a holiday notice. */
  readonly provisional: boolean;
  /** Day-by-day explanation of the governing deadline (reply, else supplement or fee); null when closed. */
  readonly explanation: Explanation | null;
}

interface CaseState {
  readonly receivedOn: LocalDate;
  readonly channel: Channel;
  readonly supplementRequest: { readonly on: LocalDate; readonly periodWorkingDays: number } | null;
  readonly supplementReceivedOn: LocalDate | null;
  readonly consultations: readonly {
    readonly consultationId: string;
    readonly party: ConsultationParty;
    readonly name: string;
    readonly sentOn: LocalDate;
    readonly receivedOn: LocalDate;
    readonly endedOn: LocalDate | null;
  }[];
  readonly extension: CaseClock['extension'];
  readonly agencyReplyDate: { readonly on: LocalDate; readonly replyBy: LocalDate } | null;
  readonly feeNotice: {
    readonly on: LocalDate;
    readonly receivedOn: LocalDate;
    readonly method: FeeMethod;
    readonly amountYuan: number;
  } | null;
  readonly feePaidOn: LocalDate | null;
  readonly closing: { readonly on: LocalDate; readonly outcome: OutcomeCode; readonly replied: boolean } | null;
  readonly lastOn: LocalDate;
}

function violation(
  rule: string,
  code: ConstructorParameters<typeof RuleViolationError>[1],
  message: string,
): RuleViolationError {
  return new RuleViolationError(rule, code, message);
}

function step(state: CaseState, event: CaseEvent): CaseState {
  const base = { ...state, lastOn: event.on > state.lastOn ? event.on : state.lastOn };
  switch (event.type) {
    case 'received':
      return base;
    case 'supplement_requested':
      return { ...base, supplementRequest: { on: event.on, periodWorkingDays: event.periodWorkingDays } };
    case 'supplement_received':
      return { ...base, supplementReceivedOn: event.on };
    case 'consultation_started':
      return {
        ...base,
        consultations: [
          ...state.consultations,
          {
            consultationId: event.consultationId,
            party: event.party,
            name: event.name,
            sentOn: event.on,
            receivedOn: event.receivedOn ?? event.on,
            endedOn: null,
          },
        ],
      };
    case 'consultation_ended':
      return {
        ...base,
        consultations: state.consultations.map((c) =>
          c.consultationId === event.consultationId && c.endedOn === null ? { ...c, endedOn: event.on } : c,
        ),
      };
    case 'extended':
      return {
        ...base,
        extension: {
          decidedOn: event.on,
          workingDays: event.workingDays,
          approver: event.approver,
          ...(event.reason ? { reason: event.reason } : {}),
          ...(event.notifiedOn ? { notifiedOn: event.notifiedOn } : {}),
        },
      };
    case 'reply_date_set':
      return { ...base, agencyReplyDate: { on: event.on, replyBy: event.replyBy } };
    case 'fee_notice_sent':
      return {
        ...base,
        feeNotice: {
          on: event.on,
          receivedOn: event.receivedOn ?? event.on,
          method: event.method,
          amountYuan: event.amountYuan,
        },
      };
    case 'fee_paid':
      return { ...base, feePaidOn: event.on };
    case 'replied':
      return { ...base, closing: { on: event.on, outcome: event.outcome, replied: true } };
    case 'closed_automatically':
      return { ...base, closing: { on: event.on, outcome: event.outcome, replied: false } };
    case 'served':
      // Service of a document moves no deadline and does not order later events.
      return state;
  }
}

function replay(events: readonly CaseEvent[]): CaseState {
  const [first, ...rest] = events;
  if (!first || first.type !== 'received') {
    throw violation('Art. 31', 'not_received', '案件的第一个事件必须是收到申请（第三十一条）');
  }
  const initial: CaseState = {
    receivedOn: first.on,
    channel: first.channel,
    supplementRequest: null,
    supplementReceivedOn: null,
    consultations: [],
    extension: null,
    agencyReplyDate: null,
    feeNotice: null,
    feePaidOn: null,
    closing: null,
    lastOn: first.on,
  };
  return rest.reduce(step, initial);
}

const ARTICLE_ZH: Record<string, string> = {
  'Art. 30': '第三十条',
  'Art. 32': '第三十二条',
  'Art. 33 ¶2': '第三十三条第二款',
  'Art. 34': '第三十四条',
  'Art. 35': '第三十五条',
  'Fee Measures': '《政府信息公开信息处理费管理办法》',
  'Fee Measures Art. 4': '《政府信息公开信息处理费管理办法》第四条',
  'Fee Measures Art. 5': '《政府信息公开信息处理费管理办法》第五条',
  'Fee Measures Art. 7': '《政府信息公开信息处理费管理办法》第七条',
};

interface ClosedPause {
  readonly id: string;
  readonly label: string;
  readonly from: LocalDate;
  readonly to: LocalDate;
}

function countedDeadline(
  calendar: Calendar,
  kind: DeadlineKind,
  basis: string,
  from: LocalDate,
  fromLabel: string,
  workingDays: number,
  pauses: readonly ClosedPause[],
  extra = '',
): Deadline {
  const start = toDayNumber(from);
  const dueDay = addCountedDaysToDay(calendar, start, workingDays, pauseIntervals(pauses));
  const due = fromDayNumber(dueDay);
  const applied = pauses.filter((p) => toDayNumber(p.to) > toDayNumber(p.from) && p.from < due);
  const pauseText = applied.length
    ? `；${applied.map((p) => `${p.label}期间（${p.from} 后至 ${p.to}）不计入`).join('；')}`
    : '';
  return {
    kind,
    due,
    from,
    workingDays,
    basis,
    derivation: `自 ${from}（${fromLabel}，当日不计入）起第 ${workingDays} 个工作日${extra}为 ${due}${pauseText}（${ARTICLE_ZH[basis] ?? basis}）`,
    pausesApplied: applied.map((p) => p.id),
    provisional: isProvisionalBetweenDays(calendar, start, dueDay),
  };
}

/**
 * Every day from `start` to `end` (both shown), each marked counted or skipped and why: weekend, named
 * holiday, make-up working day (counted), inside a pause, or the start day itself. ogi-rules.md §3.
 * @example explainDays(defaultCalendar(), '2024-09-27', '2024-10-30', [])[2] // { date: '2024-09-29', counted: true, ordinal: 1, reason: 'make_up_workday', festival: '国庆节', … }
 */
export function explainDays(
  calendar: Calendar,
  start: LocalDate,
  end: LocalDate,
  pauses: readonly Pick<Pause, 'label' | 'from' | 'to'>[],
  startLabel = '收到申请之日',
): ExplainedDay[] {
  const s = toDayNumber(start);
  const e = toDayNumber(end);
  const days: ExplainedDay[] = [];
  let ordinal = 0;
  for (let d = s; d <= e; d += 1) {
    const date = fromDayNumber(d);
    const info = describeDay(calendar, date);
    const pausedBy = pauses.filter((p) => d > toDayNumber(p.from) && d <= toDayNumber(p.to)).map((p) => p.label);
    const common = { date, weekday: weekdayName(date), provisional: info.provisional };
    const holidayText = info.festival ? `（${info.festival}）` : '';
    const pauseText = pausedBy.length ? `；在${pausedBy.join('、')}期间` : '';
    if (d === s) {
      days.push({ ...common, counted: false, ordinal: null, reason: 'start_day', note: `${startLabel}，不计入` });
    } else if (!info.working) {
      const reason = info.kind === 'holiday' ? 'holiday' : 'weekend';
      const note = reason === 'holiday' ? `法定节假日${holidayText}，不计入${pauseText}` : `周末，不计入${pauseText}`;
      days.push({
        ...common,
        counted: false,
        ordinal: null,
        reason,
        ...(info.festival ? { festival: info.festival } : {}),
        ...(pausedBy.length ? { pausedBy } : {}),
        note,
      });
    } else if (pausedBy.length) {
      days.push({
        ...common,
        counted: false,
        ordinal: null,
        reason: 'paused',
        pausedBy,
        note: `在${pausedBy.join('、')}期间，不计入`,
      });
    } else {
      ordinal += 1;
      const makeUp = info.kind === 'make_up_workday';
      days.push({
        ...common,
        counted: true,
        ordinal,
        reason: makeUp ? 'make_up_workday' : 'weekday',
        ...(info.festival ? { festival: info.festival } : {}),
        note: makeUp ? `第 ${ordinal} 个工作日（调休上班·${info.festival ?? ''}）` : `第 ${ordinal} 个工作日`,
      });
    }
  }
  return days;
}

interface Derived {
  readonly status: CaseStatus;
  readonly clockStartedOn: LocalDate;
  readonly supplementNoticeDue: Deadline;
  readonly supplementDue: Deadline | null;
  readonly statutoryReplyDue: Deadline | null;
  readonly replyDue: Deadline | null;
  readonly consultations: readonly ConsultationClock[];
  readonly feePaymentDue: Deadline | null;
  readonly pauses: readonly ClockPause[];
  /** The pauses as counted (a running one up to `asOf`, or to its latest end without `asOf`). */
  readonly countedPauses: readonly ClosedPause[];
}

const earlier = (a: LocalDate, b: LocalDate): LocalDate => (a < b ? a : b);
const later = (a: LocalDate, b: LocalDate): LocalDate => (a > b ? a : b);

/** Whether a fee notice asks for money: a notice for nothing is no fee notice (Fee Measures Art. 4, 5). */
const chargeable = (state: CaseState): boolean => state.feeNotice !== null && state.feeNotice.amountYuan > 0;

/**
 * The clock's dates from the replayed state. With `asOf` (a day), what holds on that day: a running pause counts
 * up to that day (at most to its latest end), and while a supplement is awaited the reply date is the one a
 * supplement received that day would give. Without `asOf`, what holds if every running wait lasts as long as the
 * law lets it: the timeline's and the work list's view, which no passing day changes.
 */
function derive(state: CaseState, calendar: Calendar, asOf: LocalDate | null): Derived {
  // Art. 30: notice to supplement within 7 working days of receipt.
  const supplementNoticeDue = countedDeadline(
    calendar,
    'supplement_notice',
    'Art. 30',
    state.receivedOn,
    '收到申请之日',
    SUPPLEMENT_NOTICE_WORKING_DAYS,
    [],
  );
  // Art. 30: the supplement period set in the notice.
  const supplementDue = state.supplementRequest
    ? countedDeadline(
        calendar,
        'supplement',
        'Art. 30',
        state.supplementRequest.on,
        '发出补正告知之日',
        state.supplementRequest.periodWorkingDays,
        [],
      )
    : null;
  const awaitingSupplement = state.supplementRequest !== null && state.supplementReceivedOn === null;
  // Art. 30: after a supplement the reply clock restarts from the day it is received.
  const clockStartedOn = state.supplementReceivedOn ?? state.receivedOn;
  const startLabel = state.supplementReceivedOn ? '收到补正后申请之日' : '收到申请之日';
  // Art. 32 / Art. 34: the opinion is due 15 working days after the party receives the request; Art. 33 ¶3: the
  // time is not counted, and the pause ends with the opinion or, at the latest, with the opinion period.
  const consultations: ConsultationClock[] = state.consultations.map((c) => {
    const basis = c.party === 'third_party' ? 'Art. 32' : 'Art. 34';
    const opinionDue = countedDeadline(
      calendar,
      'consultation_opinion',
      basis,
      c.receivedOn,
      c.receivedOn === c.sentOn ? '发出征求意见之日' : '对方收到征求意见之日',
      CONSULTATION_WORKING_DAYS,
      [],
    );
    const latestEnd = opinionDue.due;
    const endedByLaw = c.endedOn === null && asOf !== null && asOf > latestEnd;
    const pauseEnd = c.endedOn !== null ? earlier(c.endedOn, latestEnd) : endedByLaw ? latestEnd : null;
    return { ...c, opinionDue, endedByLaw, pauseEnd };
  });
  // Fee Measures Art. 7: payment within 20 working days from the day after the applicant receives the notice.
  const fee = chargeable(state) ? state.feeNotice : null;
  const feePaymentDue = fee
    ? countedDeadline(
        calendar,
        'fee_payment',
        'Fee Measures Art. 7',
        fee.receivedOn,
        fee.receivedOn === fee.on ? '发出收费通知之日' : '申请人收到收费通知之日',
        FEE_PAYMENT_WORKING_DAYS,
        [],
      )
    : null;
  const pauses: ClockPause[] = [
    ...consultations.map((c) => ({
      id: `consultation:${c.consultationId}`,
      label: `征求${c.name}意见`,
      from: c.sentOn,
      to: c.pauseEnd,
      latestEnd: c.opinionDue.due,
    })),
    ...(fee && feePaymentDue
      ? [
          {
            id: 'fee',
            label: '收费通知至缴费',
            from: fee.on,
            to: state.feePaidOn ? earlier(state.feePaidOn, feePaymentDue.due) : null,
            latestEnd: feePaymentDue.due,
          },
        ]
      : []),
  ];
  // A running pause counts up to `asOf` (at most to its latest end), or to its latest end without `asOf`.
  const countedPauses: ClosedPause[] = pauses.map((p) => ({
    ...p,
    to: p.to ?? (asOf === null ? p.latestEnd : earlier(later(asOf, p.from), p.latestEnd)),
  }));
  const running = pauses.filter((p) => p.to === null && (asOf === null || asOf <= p.latestEnd));
  const pending: Deadline['pending'] = awaitingSupplement
    ? 'supplement'
    : running.some((p) => p.id === 'fee')
      ? 'fee'
      : running.length > 0
        ? 'consultation'
        : undefined;
  let statutoryReplyDue: Deadline | null = null;
  const extension = state.extension?.workingDays ?? 0;
  const extensionText = extension ? `（${REPLY_WORKING_DAYS} 个工作日 + 延期 ${extension} 个工作日）` : '';
  if (!awaitingSupplement) {
    // Art. 33 ¶2: 20 working days, plus the one extension; Art. 33 ¶3 / Fee Measures Art. 7: pauses not counted.
    const due = countedDeadline(
      calendar,
      'reply',
      'Art. 33 ¶2',
      clockStartedOn,
      startLabel,
      REPLY_WORKING_DAYS + extension,
      countedPauses,
      extensionText,
    );
    statutoryReplyDue = asOf !== null && pending ? { ...due, pending } : due;
  } else if (asOf !== null && supplementDue) {
    // Art. 30: the clock restarts on the supplement's receipt; shown as if it arrived today (at most on the last day).
    const ifToday = later(earlier(asOf, supplementDue.due), state.supplementRequest?.on ?? asOf);
    const due = countedDeadline(
      calendar,
      'reply',
      'Art. 30',
      ifToday,
      '若当日收到补正',
      REPLY_WORKING_DAYS + extension,
      countedPauses,
      extensionText,
    );
    statutoryReplyDue = { ...due, pending: 'supplement' };
  }
  const agency = state.agencyReplyDate;
  const replyDue: Deadline | null =
    agency && !awaitingSupplement
      ? {
          kind: 'reply',
          due: agency.replyBy,
          from: agency.on,
          workingDays: null,
          basis: 'Art. 35',
          derivation: `行政机关于 ${agency.on} 依第三十五条确定的合理答复期限 ${agency.replyBy}`,
          pausesApplied: [],
          provisional: false,
        }
      : statutoryReplyDue;
  let status: CaseStatus;
  if (state.closing) status = 'closed';
  else if (awaitingSupplement) status = 'awaiting_supplement';
  else if (fee && state.feePaidOn === null) status = 'awaiting_fee';
  else if (consultations.some((c) => c.endedOn === null && !c.endedByLaw)) status = 'in_consultation';
  else status = 'awaiting_reply';
  return {
    status,
    clockStartedOn,
    supplementNoticeDue,
    supplementDue,
    statutoryReplyDue,
    replyDue,
    consultations,
    feePaymentDue,
    pauses,
    countedPauses,
  };
}

/**
 * The statutory clock of a case from its events on `today`: reply deadline (Art. 33 ¶2; restarted after a
 * supplement, Art. 30; extended once; paused by consultations until the opinion or the end of the opinion period,
 * Art. 32–34, and by a fee notice until payment, Fee Measures Art. 7; or the agency-set date of Art. 35), the
 * supplement, consultation and fee deadlines, the status, whether the case is overdue on `today`, and a day-by-day
 * explanation. An open case always has a reply date; while something is awaited it is marked `pending`. Tolerant:
 * it does not re-validate the log.
 * @example computeCaseClock([{ type: 'received', on: '2024-09-27', channel: 'online' }], defaultCalendar(), '2024-10-08').replyDue?.due // '2024-10-30'
 */
export function computeCaseClock(events: readonly CaseEvent[], calendar: Calendar, today: LocalDate): CaseClock {
  const state = replay(events);
  // A closed case's dates are those of its closing day (a reply during a consultation was due as of that day).
  const asOf = state.closing && state.closing.on < today ? state.closing.on : today;
  const derived = derive(state, calendar, asOf);
  const pending = state.closing ? null : derived.replyDue?.pending;
  const atLatest = pending ? derive(state, calendar, null).replyDue : derived.replyDue;
  const todayDay = toDayNumber(today);
  const open = derived.status !== 'closed';
  const replyDue = derived.replyDue;
  const overdue = open && replyDue !== null && today > replyDue.due;
  const overdueWorkingDays =
    overdue && replyDue ? workingDaysBetweenDays(calendar, toDayNumber(replyDue.due), todayDay) : 0;
  const supplementLapsed =
    derived.status === 'awaiting_supplement' && derived.supplementDue !== null && today > derived.supplementDue.due;
  const feeLapsed =
    derived.status === 'awaiting_fee' && derived.feePaymentDue !== null && today > derived.feePaymentDue.due;
  const shown = [
    derived.supplementNoticeDue,
    derived.supplementDue,
    replyDue,
    atLatest,
    derived.feePaymentDue,
    ...derived.consultations.map((c) => c.opinionDue),
  ];
  let explanation: Explanation | null = null;
  if (open) {
    const governing =
      derived.status === 'awaiting_supplement'
        ? derived.supplementDue
        : derived.status === 'awaiting_fee'
          ? derived.feePaymentDue
          : replyDue;
    if (governing) {
      const isReply = governing.kind === 'reply';
      const start = isReply ? derived.clockStartedOn : governing.from;
      const label = isReply ? (state.supplementReceivedOn ? '收到补正后申请之日' : '收到申请之日') : '起算之日';
      explanation = {
        deadline: governing.kind,
        derivation: governing.derivation,
        days:
          governing.due >= start
            ? explainDays(calendar, start, governing.due, isReply ? derived.countedPauses : [], label)
            : [],
      };
    }
  }
  return {
    status: derived.status,
    receivedOn: state.receivedOn,
    channel: state.channel,
    clockStartedOn: derived.clockStartedOn,
    supplementNoticeDue: derived.supplementNoticeDue,
    supplementDue: derived.supplementDue,
    replyDue: open ? replyDue : replyDue && withoutPending(replyDue),
    replyDueAtLatest: open ? atLatest : replyDue && withoutPending(replyDue),
    statutoryReplyDue: derived.statutoryReplyDue,
    extension: state.extension,
    consultations: derived.consultations,
    feePaymentDue: derived.feePaymentDue,
    pauses: derived.pauses,
    overdue,
    overdueWorkingDays,
    supplementLapsed,
    feeLapsed,
    closedOn: state.closing?.on ?? null,
    outcome: state.closing?.outcome ?? null,
    repliedOnTime: state.closing?.replied && replyDue ? state.closing.on <= replyDue.due : null,
    provisional: shown.some((d) => d?.provisional === true),
    explanation,
  };
}

function withoutPending(deadline: Deadline): Deadline {
  const { pending: _pending, ...rest } = deadline;
  return rest;
}

/** What an extension (延期) needs to be checked: the request and the day it is recorded. */
export interface ExtensionRequest {
  readonly workingDays: number;
  /** The day the head of the OGI office approved it. */
  readonly decidedOn: LocalDate;
  /** The day the applicant was told otherwise than by the system's notice (a paper notice served), if so. */
  readonly notifiedOn?: LocalDate | undefined;
  /** The day it is recorded in the system (today). */
  readonly recordedOn: LocalDate;
}

/**
 * Rejects an extension the law does not allow (Art. 33 ¶2: once, at most 20 working days, approved by the head of
 * the OGI office, the applicant told before the reply deadline): a second one, a longer one, one while the clock
 * waits for a supplement (Art. 30) or after an Art. 35 date, one decided after the deadline, and one recorded after
 * the deadline unless the applicant was told by then (`notifiedOn` ≤ the deadline; a notice the system mailed now
 * would come too late). For `extend` and for an approval of a requested extension alike.
 * @example assertExtensionAllowed([{ type: 'received', on: '2024-09-10', channel: 'online' }], defaultCalendar(), { workingDays: 10, decidedOn: '2024-10-08', recordedOn: '2024-10-12' }) // throws: told after the deadline 2024-10-08
 */
export function assertExtensionAllowed(
  events: readonly CaseEvent[],
  calendar: Calendar,
  request: ExtensionRequest,
): void {
  const state = replay(events);
  const derived = derive(state, calendar, request.recordedOn);
  const currentDue = derived.replyDue?.due ?? null;
  if (state.extension) throw violation('Art. 33 ¶2', 'second_extension', '答复期限只能延长一次（第三十三条第二款）');
  if (
    !Number.isInteger(request.workingDays) ||
    request.workingDays < 1 ||
    request.workingDays > MAX_EXTENSION_WORKING_DAYS
  ) {
    throw violation('Art. 33 ¶2', 'extension_too_long', '延长答复期限最长不得超过 20 个工作日（第三十三条第二款）');
  }
  if (derived.status === 'awaiting_supplement') {
    throw violation(
      'Art. 30',
      'extension_while_awaiting_supplement',
      '等待补正期间答复期限尚未起算，不能延期（第三十条）',
    );
  }
  if (state.agencyReplyDate) {
    throw violation('Art. 35', 'extension_after_agency_reply_date', '已依第三十五条确定答复期限，不能再延期');
  }
  if (currentDue === null) return;
  if (request.decidedOn > currentDue) {
    throw violation(
      'Art. 33 ¶2',
      'extension_after_deadline',
      `延期须在答复期限 ${currentDue} 届满前决定（第三十三条第二款）`,
    );
  }
  const notifiedOn = request.notifiedOn;
  if (notifiedOn !== undefined) {
    if (notifiedOn < request.decidedOn) {
      throw violation(
        'Art. 33 ¶2',
        'extension_notified_before_decision',
        `告知申请人延期的日期 ${notifiedOn} 早于延期决定日期 ${request.decidedOn}`,
      );
    }
    if (notifiedOn > currentDue) {
      throw violation(
        'Art. 33 ¶2',
        'extension_notified_late',
        `延期应在答复期限 ${currentDue} 届满前告知申请人，${notifiedOn} 告知已逾期（第三十三条第二款）`,
      );
    }
    return;
  }
  if (request.recordedOn > currentDue) {
    throw violation(
      'Art. 33 ¶2',
      'extension_not_notified',
      `答复期限 ${currentDue} 已届满，现在告知申请人延期已逾期；只有在期限内已书面告知申请人的，才能补记延期（请填写告知日期 notifiedOn）（第三十三条第二款）`,
    );
  }
}

/**
 * Rejects an event the law does not allow after `events`, with a `RuleViolationError`: a second notice to
 * supplement or one after 7 working days (Art. 30), a supplement without a notice or after its period without a
 * recorded good reason (Art. 30), an event dated before the receipt or the previous event, an extension the law
 * does not allow (`assertExtensionAllowed`), ending an unknown or ended consultation, a party's receipt before the
 * sending, a fee notice for no fee (Fee Measures Art. 4, 5) or a second one, a payment without one, anything after
 * closing, an Art. 35 date not later than the current deadline, an automatic close before its period lapsed.
 * `today` is the day the event is recorded (by default its own date).
 * @example assertEventAllowed([{ type: 'received', on: '2024-09-27', channel: 'online' }], { type: 'supplement_requested', on: '2024-10-14', items: '文号', periodWorkingDays: 15 }, defaultCalendar()) // throws: after 2024-10-12
 */
export function assertEventAllowed(
  events: readonly CaseEvent[],
  next: CaseEvent,
  calendar: Calendar,
  context: { readonly today?: LocalDate } = {},
): void {
  if (!isLocalDate(next.on)) throw violation('Art. 31', 'invalid_event', `日期无效: ${String(next.on)}`);
  if (events.length === 0) {
    if (next.type !== 'received')
      throw violation('Art. 31', 'not_received', '尚未收到申请，不能记录其他事件（第三十一条）');
    return;
  }
  const today = context.today ?? next.on;
  const state = replay(events);
  if (next.type === 'served') {
    // Service (送达) is recorded after the fact, also on a closed case; never before the receipt.
    if (next.on < state.receivedOn)
      throw violation('Art. 31', 'event_before_receipt', `送达日期 ${next.on} 早于收到申请之日 ${state.receivedOn}`);
    return;
  }
  if (state.closing) throw violation('Art. 33 ¶2', 'case_closed', `案件已于 ${state.closing.on} 办结，不能再记录事件`);
  if (next.type === 'received') throw violation('Art. 31', 'duplicate_receipt', '申请已登记收到，不能重复登记');
  if (next.on < state.receivedOn) {
    throw violation('Art. 31', 'event_before_receipt', `事件日期 ${next.on} 早于收到申请之日 ${state.receivedOn}`);
  }
  if (next.on < state.lastOn) {
    throw violation('Art. 31', 'event_out_of_order', `事件日期 ${next.on} 早于上一事件日期 ${state.lastOn}`);
  }
  const derived = derive(state, calendar, later(today, next.on));
  const currentDue = derived.replyDue?.due ?? null;
  switch (next.type) {
    case 'supplement_requested':
      if (state.supplementRequest) {
        throw violation(
          'Art. 30',
          'second_supplement_request',
          '补正告知只能一次性发出，本案已发出过补正告知（第三十条）',
        );
      }
      if (next.on > derived.supplementNoticeDue.due) {
        throw violation(
          'Art. 30',
          'supplement_request_too_late',
          `补正告知应在收到申请之日起 7 个工作日内（${derived.supplementNoticeDue.due} 前）发出（第三十条）`,
        );
      }
      if (!Number.isInteger(next.periodWorkingDays) || next.periodWorkingDays < 1) {
        throw violation('Art. 30', 'invalid_supplement_period', '补正期限应为正整数个工作日（第三十条）');
      }
      return;
    case 'supplement_received':
      if (!state.supplementRequest) {
        throw violation('Art. 30', 'supplement_without_request', '未发出补正告知，不能登记收到补正（第三十条）');
      }
      if (state.supplementReceivedOn)
        throw violation('Art. 30', 'duplicate_supplement', '已登记收到补正，不能重复登记（第三十条）');
      assertSupplementInTime(derived.supplementDue?.due ?? null, next.on, next.lateReason);
      return;
    case 'consultation_started':
      if (state.consultations.some((c) => c.consultationId === next.consultationId)) {
        throw violation('Art. 33 ¶3', 'duplicate_consultation', `征求意见编号 ${next.consultationId} 已存在`);
      }
      if (next.receivedOn !== undefined && (!isLocalDate(next.receivedOn) || next.receivedOn < next.on)) {
        throw violation(
          'Art. 32',
          'invalid_event',
          `对方收到征求意见的日期 ${String(next.receivedOn)} 不能早于发出日期 ${next.on}`,
        );
      }
      return;
    case 'consultation_ended': {
      const consultation = derived.consultations.find((c) => c.consultationId === next.consultationId);
      if (!consultation)
        throw violation('Art. 33 ¶3', 'unknown_consultation', `没有编号为 ${next.consultationId} 的征求意见`);
      if (consultation.endedOn) {
        throw violation(
          'Art. 33 ¶3',
          'consultation_already_ended',
          `征求意见 ${next.consultationId} 已于 ${consultation.endedOn} 结束`,
        );
      }
      return;
    }
    case 'extended':
      assertExtensionAllowed(events, calendar, {
        workingDays: next.workingDays,
        decidedOn: next.on,
        notifiedOn: next.notifiedOn,
        recordedOn: later(today, next.on),
      });
      return;
    case 'reply_date_set':
      if (
        !isLocalDate(next.replyBy) ||
        next.replyBy <= next.on ||
        (currentDue !== null && next.replyBy <= currentDue)
      ) {
        throw violation(
          'Art. 35',
          'reply_date_not_later',
          `第三十五条确定的答复期限 ${String(next.replyBy)} 应晚于当前答复期限${currentDue ? ` ${currentDue}` : ''}`,
        );
      }
      return;
    case 'fee_notice_sent':
      assertFeeChargeable(next.method, next.amountYuan);
      if (state.feeNotice) throw violation('Fee Measures', 'second_fee_notice', '本案已发出收费通知，不能再次发出');
      if (currentDue !== null && next.on > currentDue) {
        throw violation('Fee Measures', 'fee_notice_after_deadline', `收费通知应在答复期限 ${currentDue} 内发出`);
      }
      if (next.receivedOn !== undefined && (!isLocalDate(next.receivedOn) || next.receivedOn < next.on)) {
        throw violation(
          'Fee Measures Art. 7',
          'invalid_event',
          `申请人收到收费通知的日期 ${String(next.receivedOn)} 不能早于发出日期 ${next.on}`,
        );
      }
      return;
    case 'fee_paid':
      if (!state.feeNotice) throw violation('Fee Measures', 'fee_paid_without_notice', '未发出收费通知，不能登记缴费');
      if (state.feePaidOn) throw violation('Fee Measures', 'duplicate_fee_payment', `已于 ${state.feePaidOn} 登记缴费`);
      return;
    case 'closed_automatically':
      if (next.outcome === 'other.supplement_overdue') {
        const due = derived.status === 'awaiting_supplement' ? derived.supplementDue?.due : undefined;
        if (due === undefined || next.on <= due) {
          throw violation(
            'Art. 30',
            'auto_close_not_due',
            '补正期限尚未届满或无需补正，不能按逾期不补正办结（第三十条）',
          );
        }
      } else {
        // No path closes a case as unpaid for nothing: only a chargeable notice, unpaid after its period.
        const due = chargeable(state) && !state.feePaidOn ? derived.feePaymentDue?.due : undefined;
        if (due === undefined || next.on <= due) {
          throw violation('Fee Measures', 'auto_close_not_due', '缴费期限尚未届满或无待缴费用，不能按逾期未缴费办结');
        }
      }
      return;
    case 'replied':
      return;
  }
}

/**
 * Art. 30: a supplement received after its period is accepted only with a recorded good reason (staff accepting a
 * late supplement, `lateReason`); without one the case lapses as abandoned.
 * @example assertSupplementInTime('2025-02-08', '2025-02-09') // throws: the period ended on 2025-02-08
 */
export function assertSupplementInTime(
  supplementDue: LocalDate | null,
  receivedOn: LocalDate,
  lateReason?: string | undefined,
): void {
  if (supplementDue === null || receivedOn <= supplementDue) return;
  if (lateReason && lateReason.trim().length > 0) return;
  throw violation(
    'Art. 30',
    'supplement_late',
    `补正期限已于 ${supplementDue} 届满，逾期补正只能由工作人员在记录正当理由后受理（第三十条）`,
  );
}

/**
 * Fee Measures Art. 4–5: a fee notice is for a chargeable amount only; by count the 1st–10th application of a
 * natural month is free, by volume the first 30 pages are free, and a notice for 0 yuan would stop the reply clock
 * and let the case close as unpaid for nothing.
 * @example assertFeeChargeable('by_pages', 0) // throws: 30 pages or fewer are free (Art. 5)
 */
export function assertFeeChargeable(method: FeeMethod, amountYuan: number): void {
  if (amountYuan > 0) return;
  if (method === 'by_pages') {
    throw violation(
      'Fee Measures Art. 5',
      'fee_not_chargeable',
      '按量计收时 30 页以下（含 30 页）不收费，无需也不得发出收费通知（《政府信息公开信息处理费管理办法》第五条）',
    );
  }
  throw violation(
    'Fee Measures Art. 4',
    'fee_not_chargeable',
    '按件计收时同一申请人一个自然月内累计申请 10 件以下（含 10 件）的不收费，无需也不得发出收费通知（《政府信息公开信息处理费管理办法》第四条）',
  );
}

/**
 * `events` with `next` appended, after `assertEventAllowed`; the input is not changed.
 * @example appendEvent([], { type: 'received', on: '2024-09-27', channel: 'in_person' }, defaultCalendar()) // [ { type: 'received', … } ]
 */
export function appendEvent(
  events: readonly CaseEvent[],
  next: CaseEvent,
  calendar: Calendar,
  context: { readonly today?: LocalDate } = {},
): CaseEvent[] {
  assertEventAllowed(events, next, calendar, context);
  return [...events, next];
}

/**
 * The clock's dates a timeline acts on, for `reminders.ts`: every running wait lasting as long as the law lets it
 * (no passing day changes them), so a timeline planned once stays right until the next event.
 */
export function caseDeadlines(
  events: readonly CaseEvent[],
  calendar: Calendar,
): Pick<
  Derived,
  'status' | 'replyDue' | 'supplementDue' | 'feePaymentDue' | 'consultations' | 'supplementNoticeDue'
> & {
  readonly lastOn: LocalDate;
} {
  const state = replay(events);
  return { ...derive(state, calendar, null), lastOn: state.lastOn };
}
