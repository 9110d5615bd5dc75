/**
 * The reminder schedule of a case's own timeline: the statutory moments at which it must act (remind the
 * applicant, close a lapsed case). All moments are at 09:00 Asia/Shanghai (01:00Z) on working days. The office's
 * reminders and the head's escalations go out in the daily digests (`digest.ts`). ogi-rules.md §3; design.md §6, §9.
 */
import { addWorkingDaysToDay, subtractWorkingDaysFromDay, type Calendar } from './calendar';
import { caseDeadlines } from './clock';
import { fromDayNumber, shanghaiNineAm, toDayNumber } from './local-date';
import type { CaseEvent, Instant, LocalDate } from './model';

/**
 * What a case's own timeline does at a moment: remind the applicant of the supplement period and close a case whose
 * supplement or fee period lapsed. The office's reminders and the head's escalations are not per case: they go
 * out in the daily digests (`digest.ts`, design.md §9), at most one email per recipient per working day.
 */
export type MomentKind = 'supplement_reminder' | 'supplement_lapse' | 'fee_lapse';

/** Who a moment is for: the applicant, or the system itself (auto-close). */
export type MomentAudience = 'applicant' | 'system';

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
}

const AUDIENCE: Record<MomentKind, MomentAudience> = {
  supplement_reminder: 'applicant',
  supplement_lapse: 'system',
  fee_lapse: 'system',
};

function moment(kind: MomentKind, day: number, basis: string): TimelineMoment {
  const date = fromDayNumber(day);
  return { at: shanghaiNineAm(date), date, kind, key: `${kind}:${date}`, audience: AUDIENCE[kind], basis };
}

const byTime = (a: TimelineMoment, b: TimelineMoment): number =>
  a.at < b.at ? -1 : a.at > b.at ? 1 : a.key < b.key ? -1 : 1;

function plan(events: readonly CaseEvent[], calendar: Calendar): TimelineMoment[] {
  const clock = caseDeadlines(events, calendar);
  const fixed: TimelineMoment[] = [];
  if (clock.status === 'awaiting_supplement' && clock.supplementDue) {
    // Art. 30: remind the applicant 3 working days before the period ends; close the day after it ends.
    const due = toDayNumber(clock.supplementDue.due);
    const reminder = subtractWorkingDaysFromDay(calendar, due, 3);
    if (reminder > toDayNumber(clock.supplementDue.from))
      fixed.push(moment('supplement_reminder', reminder, 'Art. 30'));
    fixed.push(moment('supplement_lapse', addWorkingDaysToDay(calendar, due, 1), 'Art. 30'));
  }
  if (clock.status === 'awaiting_fee' && clock.feePaymentDue) {
    // Fee Measures Art. 7: close as other.fee_unpaid the working day after the payment period ends.
    fixed.push(
      moment(
        'fee_lapse',
        addWorkingDaysToDay(calendar, toDayNumber(clock.feePaymentDue.due), 1),
        'Fee Measures Art. 7',
      ),
    );
  }
  return fixed.sort(byTime);
}

/**
 * The ordered statutory moments of a case's own timeline up to and including `until`, in its current state: the
 * applicant's supplement reminder and the supplement lapse (Art. 30), the fee lapse (Fee Measures Art. 7). A case
 * waiting only for its reply has none (the office hears of it in the daily digest); a closed case has none.
 * @example timelineMoments([received, { type: 'supplement_requested', on: '2024-10-09', items: '文号', periodWorkingDays: 10 }], defaultCalendar(), { until: '2024-12-31' }).map((m) => m.key) // ['supplement_reminder:2024-10-17', 'supplement_lapse:2024-10-23']
 */
export function timelineMoments(
  events: readonly CaseEvent[],
  calendar: Calendar,
  options: { readonly until: LocalDate },
): TimelineMoment[] {
  const until = toDayNumber(options.until);
  return plan(events, calendar).filter((m) => toDayNumber(m.date) <= until);
}

/**
 * The first statutory moment strictly after the instant `after`, or null.
 * @example nextMoment([received, supplementRequested], defaultCalendar(), '2024-10-17T01:00:00.000Z')?.key // 'supplement_lapse:2024-10-23'
 */
export function nextMoment(events: readonly CaseEvent[], calendar: Calendar, after: Instant): TimelineMoment | null {
  const afterMs = Date.parse(after);
  if (Number.isNaN(afterMs)) throw new RangeError(`时间格式无效（应为 ISO-8601）: ${after}`);
  return plan(events, calendar).find((m) => Date.parse(m.at) > afterMs) ?? null;
}
