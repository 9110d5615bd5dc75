/**
 * Documents issued after the answer (issue 17: the request path does only what the applicant needs). An online
 * application's receipt (受理回执) is rendered to Word by the outbox sender, before it adopts the acknowledgement
 * that attaches it: the sender's own invocation right after the write, or its sweep after a crash. Anyone who
 * reads the case's documents before that issues them on the spot (`case-file-routes.ts`), so the documents
 * still exist as soon as the application has answered (design.md §9).
 */
import { refreshCalendar } from '../current-calendar';
import { PreparationPendingError } from '../notify/outbox';
import type { Agency } from '../store/agency-repository';
import type { CalendarRepository } from '../store/calendar-repository';
import type { CaseRecord } from '../store/case-repository';
import { issueDocuments, type CaseFileDeps } from './documents';

export interface DeferredDocumentDeps {
  cases: { get(caseId: string): Promise<CaseRecord | undefined> };
  agencies: { get(agencyId: string): Promise<Agency | undefined> };
  calendars: Pick<CalendarRepository, 'list'>;
  caseFiles: CaseFileDeps;
  now: () => Date;
}

/**
 * Issues every document the case's events call for that is not issued yet; throws when it could not, or when one
 * is still being stored by another writer (the sender then leaves the case's notices where they are, and its
 * sweep tries again).
 */
export function issueDeferredDocuments(deps: DeferredDocumentDeps): (caseId: string) => Promise<void> {
  return async (caseId) => {
    const record = await deps.cases.get(caseId);
    if (!record) return;
    const agency = await deps.agencies.get(record.agencyId);
    if (!agency) throw new Error(`Agency ${record.agencyId} of case ${caseId} not found`);
    // The dates a document states come from the calendar in force (an administrator's stored notices).
    await refreshCalendar(deps.calendars);
    const documents = await issueDocuments(deps.caseFiles, record, agency, deps.now());
    // A document another writer claimed and has not stored yet (or that died doing so: its claim is taken over
    // once stale) is not there to attach: the notices wait in the case item for the next attempt.
    const waiting = documents.filter((d) => !d.ready).map((d) => d.documentId);
    if (waiting.length)
      throw new PreparationPendingError(`Documents of case ${caseId} not stored yet: ${waiting.join(', ')}`);
  };
}
