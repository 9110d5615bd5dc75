/**
 * The reminder schedule of a case's timeline: the statutory moments at which the timeline must act
 * (remind the office, escalate to the head of the office, remind the applicant, close a lapsed case).
 * All moments are at 09:00 Asia/Shanghai (01:00Z) on working days. ogi-rules.md §3; design.md §6.
 */
import { addWorkingDaysToDay, isWorkingDayNumber, subtractWorkingDaysFromDay, type Calendar } from './calendar';
import { caseDeadlines } from './clock';
import { fromDayNumber, shanghaiDateOf, shanghaiNineAm, toDayNumber } from './local-date';
import type { CaseEvent, Instant, LocalDate } from './model';

/** What the timeline does at a moment. */
export type MomentKind =
  | 'reply_reminder_5'
  | 'reply_reminder_1'
  | 'reply_due_today'
  | 'overdue_escalation'
  | 'supplement_reminder'
  | 'supplement_lapse'
  | 'consultation_due'
  | 'fee_lapse';

/** Who a moment is for: the OGI office, its head, the applicant, or the system itself (auto-close). */
export type MomentAudience = 'office' | 'office_head' | 'applicant' | 'system';

/** A statutory moment; `key` = `${kind}:${date}` identifies it across case versions (email dedupe). */
export interface TimelineMoment {
  /** 09:00 Asia/Shanghai on `date`, in UTC. */
  readonly at: Instant;
  readonly date: LocalDate;
  readonly kind: MomentKind;
  readonly key: string;
  readonly audience: MomentAudience;
  /** The article the moment serves. */
  readonly basis: string;
  /** For `consultation_due`: the consultations whose period ends that day. */
  readonly consultationIds?: readonly string[];
}

const AUDIENCE: Record<MomentKind, MomentAudience> = {
  reply_reminder_5: 'office',
  reply_reminder_1: 'office',
  reply_due_today: 'office',
  overdue_escalation: 'office_head',
  supplement_reminder: 'applicant',
  supplement_lapse: 'system',
  consultation_due: 'office',
  fee_lapse: 'system',
};

function moment(kind: MomentKind, day: number, basis: string, consultationIds?: readonly string[]): TimelineMoment {
  const date = fromDayNumber(day);
  return {
    at: shanghaiNineAm(date),
    date,
    kind,
    key: `${kind}:${date}`,
    audience: AUDIENCE[kind],
    basis,
    ...(consultationIds ? { consultationIds } : {}),
  };
}

/** The last working day on or before day `d`. */
function workingOnOrBefore(calendar: Calendar, d: number): number {
  return isWorkingDayNumber(calendar, d) ? d : subtractWorkingDaysFromDay(calendar, d, 1);
}

interface Plan {
  readonly fixed: readonly TimelineMoment[];
  /** Escalations run every working day after this day (while not replied); null when none apply. */
  readonly escalateAfter: number | null;
  readonly escalationBasis: string;
}

function plan(events: readonly CaseEvent[], calendar: Calendar): Plan {
  const clock = caseDeadlines(events, calendar);
  const fixed: TimelineMoment[] = [];
  if (clock.status === 'closed') return { fixed, escalateAfter: null, escalationBasis: '' };
  // Art. 32 / Art. 34: the end of each open consultation period.
  const byDate = new Map<string, { basis: Set<string>; ids: string[] }>();
  for (const c of clock.consultations) {
    if (c.endedOn !== null) continue;
    const entry = byDate.get(c.opinionDue.due) ?? { basis: new Set<string>(), ids: [] };
    entry.basis.add(c.opinionDue.basis);
    entry.ids.push(c.consultationId);
    byDate.set(c.opinionDue.due, entry);
  }
  for (const [date, entry] of byDate) {
    fixed.push(moment('consultation_due', toDayNumber(date), [...entry.basis].join(', '), entry.ids));
  }
  if (clock.status === 'awaiting_supplement' && clock.supplementDue) {
    // Art. 30: remind the applicant 3 working days before the period ends; close the day after it ends.
    const due = toDayNumber(clock.supplementDue.due);
    const reminder = subtractWorkingDaysFromDay(calendar, due, 3);
    if (reminder > toDayNumber(clock.supplementDue.from))
      fixed.push(moment('supplement_reminder', reminder, 'Art. 30'));
    fixed.push(moment('supplement_lapse', addWorkingDaysToDay(calendar, due, 1), 'Art. 30'));
  }
  if (clock.status === 'awaiting_fee' && clock.feePaymentDue) {
    // Fee Measures: close as other.fee_unpaid the working day after the payment period ends.
    fixed.push(
      moment('fee_lapse', addWorkingDaysToDay(calendar, toDayNumber(clock.feePaymentDue.due), 1), 'Fee Measures'),
    );
  }
  let escalateAfter: number | null = null;
  const reply = clock.replyDue;
  const replyRuns = clock.status === 'awaiting_reply' || clock.status === 'in_consultation';
  if (reply && replyRuns) {
    // Art. 33 ¶2 (or Art. 35): remind the office 5 and 1 working days before, and on the morning of the deadline;
    // while a consultation runs, only after its opinion period (by then it has ended by law, Art. 32, 34).
    const due = toDayNumber(reply.due);
    const dueWorking = workingOnOrBefore(calendar, due);
    const pausedUntil = clock.consultations
      .filter((c) => c.endedOn === null)
      .reduce((last, c) => Math.max(last, toDayNumber(c.opinionDue.due)), Number.NEGATIVE_INFINITY);
    const reminders: [MomentKind, number][] = [
      ['reply_reminder_5', subtractWorkingDaysFromDay(calendar, dueWorking, 5)],
      ['reply_reminder_1', subtractWorkingDaysFromDay(calendar, dueWorking, 1)],
      ['reply_due_today', dueWorking],
    ];
    for (const [kind, day] of reminders) if (day > pausedUntil) fixed.push(moment(kind, day, reply.basis));
    escalateAfter = due;
  }
  fixed.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.key < b.key ? -1 : 1));
  return { fixed, escalateAfter, escalationBasis: reply?.basis ?? '' };
}

/**
 * The ordered statutory moments of a case up to and including `until`, in its current state: reply reminders
 * and daily overdue escalations while the reply clock runs (none while it waits for a supplement or a fee),
 * the applicant's supplement reminder and the supplement lapse (Art. 30), the end of each open consultation
 * (Art. 32/34), the fee lapse (Fee Measures). A closed case has none.
 * @example timelineMoments([{ type: 'received', on: '2024-09-27', channel: 'online' }], defaultCalendar, { until: '2024-11-01' }).map((m) => m.key) // ['reply_reminder_5:2024-10-23', 'reply_reminder_1:2024-10-29', 'reply_due_today:2024-10-30', 'overdue_escalation:2024-10-31', 'overdue_escalation:2024-11-01']
 */
export function timelineMoments(
  events: readonly CaseEvent[],
  calendar: Calendar,
  options: { readonly until: LocalDate },
): TimelineMoment[] {
  const until = toDayNumber(options.until);
  const { fixed, escalateAfter, escalationBasis } = plan(events, calendar);
  const result = fixed.filter((m) => toDayNumber(m.date) <= until);
  if (escalateAfter !== null) {
    for (let d = addWorkingDaysToDay(calendar, escalateAfter, 1); d <= until; d = addWorkingDaysToDay(calendar, d, 1)) {
      result.push(moment('overdue_escalation', d, escalationBasis));
    }
  }
  return result.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.key < b.key ? -1 : 1));
}

/**
 * The first statutory moment strictly after the instant `after`, or null; escalations are computed lazily.
 * @example nextMoment([{ type: 'received', on: '2024-09-27', channel: 'online' }], defaultCalendar, '2024-10-30T01:00:00.000Z')?.key // 'overdue_escalation:2024-10-31'
 */
export function nextMoment(events: readonly CaseEvent[], calendar: Calendar, after: Instant): TimelineMoment | null {
  const afterMs = Date.parse(after);
  if (Number.isNaN(afterMs)) throw new RangeError(`时间格式无效（应为 ISO-8601）: ${after}`);
  const later = (m: TimelineMoment): boolean => Date.parse(m.at) > afterMs;
  const { fixed, escalateAfter, escalationBasis } = plan(events, calendar);
  const candidates = fixed.filter(later);
  if (escalateAfter !== null) {
    const base = Math.max(escalateAfter, toDayNumber(shanghaiDateOf(after)) - 1);
    let d = addWorkingDaysToDay(calendar, base, 1);
    let escalation = moment('overdue_escalation', d, escalationBasis);
    if (!later(escalation)) {
      d = addWorkingDaysToDay(calendar, d, 1);
      escalation = moment('overdue_escalation', d, escalationBasis);
    }
    candidates.push(escalation);
  }
  candidates.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.key < b.key ? -1 : 1));
  return candidates[0] ?? null;
}
