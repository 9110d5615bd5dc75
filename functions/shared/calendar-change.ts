import { currentCalendar, deriveForStore, domainEvents } from './case-workflow';
import type { Calendar } from './domain/calendar';
import { computeCaseClock, type CaseClock } from './domain/clock';
import { VersionConflictError, type CaseRepository } from './store/case-repository';
import type { MovedCase } from './store/recompute-repository';
import { startTimeline, stopExecutions } from './timeline-control';

export type { MovedCase } from './store/recompute-repository';

/** Every date the timeline plans from, and the provisional mark (design.md §6). */
const datesOf = (clock: CaseClock): string =>
  JSON.stringify([
    clock.status,
    clock.supplementNoticeDue.due,
    clock.supplementDue?.due ?? null,
    clock.replyDue?.due ?? null,
    clock.feePaymentDue?.due ?? null,
    clock.consultations.map((c) => c.opinionDue.due),
    clock.provisional,
  ]);

/**
 * After a year's holiday notice is stored (design.md §6, §9), one agency's share (a step of the per-agency job,
 * issue 15): every open case whose deadlines or provisional mark differ between the previous calendar and the one
 * now in force gets its stored deadlines rewritten (one conditional write on its unchanged version) and a fresh
 * timeline, the old one stopped. A case changed meanwhile is skipped: its own action recomputed it with the new
 * calendar. Run again (a retried step), it finds the same cases and rewrites the same values.
 *
 * @param running the timeline's running executions (name → ARN)
 */
export async function recomputeAgency(
  deps: { cases: CaseRepository },
  agencyId: string,
  previous: Calendar,
  today: string,
  running: ReadonlyMap<string, string>,
): Promise<MovedCase[]> {
  const moved: MovedCase[] = [];
  for (const open of await deps.cases.listOpen(agencyId)) {
    const record = await deps.cases.get(open.caseId);
    if (!record || record.version !== open.version) continue;
    const events = domainEvents(record);
    const before = computeCaseClock(events, previous, today);
    const after = computeCaseClock(events, currentCalendar(), today);
    if (datesOf(before) === datesOf(after)) continue;
    try {
      await deps.cases.refreshDerived(record, deriveForStore(record, today));
    } catch (error) {
      if (error instanceof VersionConflictError) continue;
      throw error;
    }
    await stopExecutions(
      [...running].filter(([name]) => name.startsWith(`${record.caseId}-v`)).map(([, arn]) => arn),
      'holiday calendar changed',
    );
    await startTimeline(record.caseId, record.version, { restart: true });
    moved.push({
      caseId: record.caseId,
      receiptNumber: record.receiptNumber,
      agencyId: record.agencyId,
      before: { replyDue: before.replyDue?.due ?? null, provisional: before.provisional },
      after: { replyDue: after.replyDue?.due ?? null, provisional: after.provisional },
    });
  }
  return moved;
}
