/**
 * The daily reminder digests (design.md §9 "Reminder digests"): each recipient gets at most one email per working
 * day, at 09:00 Asia/Shanghai. The OGI office gets what falls due (reply deadlines in 5 working days, tomorrow,
 * today; consultation opinion periods ending today) and what arrived since the last digest (supplements,
 * consultation opinions, opinion periods that ended in silence); the head of the office gets every overdue case
 * with its working days overdue (Art. 33 ¶2). Pure: the cases, the calendar and the day are passed in.
 */
import { isWorkingDay, subtractWorkingDays, workingDaysBetween, type Calendar } from './calendar';
import { computeCaseClock } from './clock';
import { shanghaiNineAm } from './local-date';
import type { Instant, LocalDate, RecordedEvent } from './model';

/** A case as the digest reads it: its receipt number and its recorded events. */
export interface DigestCase {
  readonly caseId: string;
  readonly receiptNumber: string;
  readonly events: readonly RecordedEvent[];
}

/** A reply deadline that falls due soon. */
export interface DueEntry {
  readonly caseId: string;
  readonly receiptNumber: string;
  readonly replyDue: LocalDate;
  readonly provisional: boolean;
  /** Working days from today to the deadline: 5, 1 or 0. */
  readonly workingDaysLeft: 0 | 1 | 5;
}

/** A consultation whose opinion period ends today (Art. 32, 34), the parties named. */
export interface ConsultationEndingEntry {
  readonly caseId: string;
  readonly receiptNumber: string;
  readonly parties: readonly string[];
  readonly dueOn: LocalDate;
}

/** Something that reached the case since the previous digest. */
export interface ArrivalEntry {
  readonly caseId: string;
  readonly receiptNumber: string;
  /** A supplement (Art. 30), an opinion recorded (Art. 32, 34), or an opinion period that ended in silence. */
  readonly kind: 'supplement' | 'consultation_opinion' | 'consultation_silence';
  readonly on: LocalDate;
  /** The consulted party, for consultations. */
  readonly party?: string;
  /** Who recorded it: the applicant online, or staff. */
  readonly byApplicant?: boolean;
}

/** An overdue case for the head of the office. */
export interface OverdueEntry {
  readonly caseId: string;
  readonly receiptNumber: string;
  readonly replyDue: LocalDate;
  readonly overdueWorkingDays: number;
  readonly provisional: boolean;
}

export interface OfficeDigest {
  readonly date: LocalDate;
  readonly due: readonly DueEntry[];
  readonly consultationsEnding: readonly ConsultationEndingEntry[];
  readonly arrivals: readonly ArrivalEntry[];
}

export interface HeadDigest {
  readonly date: LocalDate;
  readonly overdue: readonly OverdueEntry[];
}

/** The digests of one agency on one day; null for a recipient with nothing to be told (no email). */
export interface Digests {
  readonly office: OfficeDigest | null;
  readonly head: HeadDigest | null;
}

const DUE_OFFSETS = [0, 1, 5] as const;

/**
 * The instant from which arrivals count for the digest of `date`: 09:00 of the working day before (the previous
 * digest), so that what arrives over a weekend or a holiday is told on the next working day, once.
 * @example digestWindowStart(defaultCalendar(), '2024-10-08') // '2024-09-30T01:00:00.000Z' (国庆 2024 in between)
 */
export function digestWindowStart(calendar: Calendar, date: LocalDate): Instant {
  return shanghaiNineAm(subtractWorkingDays(calendar, date, 1));
}

/**
 * The office's and the head's digests of `date` for an agency's open cases (design.md §9): reply deadlines
 * exactly 5 working days, 1 working day and 0 days ahead (dates that still wait on a supplement, a consultation or
 * a fee are not yet due and are left out); consultation periods ending today (Art. 32, 34); supplements and
 * opinions recorded since the previous digest and opinion periods that ended in silence since then; every overdue
 * case with its working days overdue (Art. 33 ¶2). No digest on a day that is not a working day.
 * @example digestsFor(cases, defaultCalendar(), '2024-10-31').head?.overdue[0] // { receiptNumber: 'NDZ-2024-000001', replyDue: '2024-10-30', overdueWorkingDays: 1, … }
 */
export function digestsFor(cases: readonly DigestCase[], calendar: Calendar, date: LocalDate): Digests {
  if (!isWorkingDay(calendar, date)) return { office: null, head: null };
  const since = digestWindowStart(calendar, date);
  const until = shanghaiNineAm(date);
  const previousDay = subtractWorkingDays(calendar, date, 1);
  const due: DueEntry[] = [];
  const consultationsEnding: ConsultationEndingEntry[] = [];
  const arrivals: ArrivalEntry[] = [];
  const overdue: OverdueEntry[] = [];
  for (const c of cases) {
    const clock = computeCaseClock(
      c.events.map((e) => e.event),
      calendar,
      date,
    );
    if (clock.status === 'closed') continue;
    const ref = { caseId: c.caseId, receiptNumber: c.receiptNumber };
    const reply = clock.replyDue;
    if (reply && clock.overdue) {
      overdue.push({
        ...ref,
        replyDue: reply.due,
        overdueWorkingDays: clock.overdueWorkingDays,
        provisional: reply.provisional,
      });
    } else if (reply && !reply.pending && reply.due >= date) {
      const left = workingDaysBetween(calendar, date, reply.due);
      const offset = DUE_OFFSETS.find((o) => o === left);
      if (offset !== undefined)
        due.push({ ...ref, replyDue: reply.due, provisional: reply.provisional, workingDaysLeft: offset });
    }
    const ending = clock.consultations.filter((k) => k.endedOn === null && k.opinionDue.due === date);
    if (ending.length > 0) {
      consultationsEnding.push({ ...ref, parties: ending.map((k) => k.name), dueOn: date });
    }
    // Opinion periods that ended in silence since the previous digest (their last day was before today).
    for (const k of clock.consultations) {
      if (k.endedOn === null && k.opinionDue.due >= previousDay && k.opinionDue.due < date) {
        arrivals.push({ ...ref, kind: 'consultation_silence', on: k.opinionDue.due, party: k.name });
      }
    }
    for (const recorded of c.events) {
      if (recorded.at <= since || recorded.at > until) continue;
      const event = recorded.event;
      if (event.type === 'supplement_received') {
        arrivals.push({ ...ref, kind: 'supplement', on: event.on, byApplicant: recorded.actor === 'applicant' });
      } else if (event.type === 'consultation_ended') {
        const party = clock.consultations.find((k) => k.consultationId === event.consultationId)?.name;
        arrivals.push({ ...ref, kind: 'consultation_opinion', on: event.on, ...(party ? { party } : {}) });
      }
    }
  }
  const byDue = <T extends { replyDue: LocalDate; receiptNumber: string }>(a: T, b: T): number =>
    a.replyDue < b.replyDue ? -1 : a.replyDue > b.replyDue ? 1 : a.receiptNumber < b.receiptNumber ? -1 : 1;
  const byNumber = <T extends { receiptNumber: string }>(a: T, b: T): number =>
    a.receiptNumber < b.receiptNumber ? -1 : a.receiptNumber > b.receiptNumber ? 1 : 0;
  const officeHasNews = due.length + consultationsEnding.length + arrivals.length > 0;
  return {
    office: officeHasNews
      ? {
          date,
          due: due.sort(byDue),
          consultationsEnding: consultationsEnding.sort(byNumber),
          arrivals: arrivals.sort(byNumber),
        }
      : null,
    head: overdue.length > 0 ? { date, overdue: overdue.sort(byDue) } : null,
  };
}
