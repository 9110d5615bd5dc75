import { duplicateWindowStart, possibleDuplicates, type PossibleDuplicate } from '../domain/desk';
import type { OutcomeCode } from '../domain/model';
import { log } from '../log';
import { searchHash } from '../search-hash';
import type { CaseRecord, CaseRepository } from '../store/case-repository';

/**
 * Possible repeat applications (重复申请, design.md §9 "The desk", issue #14): the earlier applications of the
 * same applicant in the last 12 months with a similar description or the same 文号, found through the keyed hash of the ID
 * number (`byApplicantId` index: never a clear number) from the start of the duplicate window on. Staff only:
 * the registration answer and the case detail carry it, never an applicant's view.
 */
export async function possibleDuplicatesOf(
  cases: Pick<CaseRepository, 'findByApplicantHash'>,
  record: Pick<CaseRecord, 'caseId' | 'agencyId' | 'receiptNumber' | 'receivedOn' | 'applicant' | 'information'>,
): Promise<PossibleDuplicate[]> {
  const hash = searchHash(record.agencyId, 'idNumber', record.applicant.idNumber);
  const rows = await cases.findByApplicantHash(
    record.agencyId,
    'idNumber',
    hash,
    duplicateWindowStart(record.receivedOn),
  );
  return possibleDuplicates(
    {
      caseId: record.caseId,
      receiptNumber: record.receiptNumber,
      receivedOn: record.receivedOn,
      description: record.information.description,
      ...(record.information.documentNumber ? { documentNumber: record.information.documentNumber } : {}),
    },
    rows.map((row) => ({
      caseId: row.caseId,
      receiptNumber: row.receiptNumber,
      receivedOn: row.receivedOn,
      status: row.status,
      ...(row.outcome ? { outcome: row.outcome as OutcomeCode } : {}),
      ...(row.closedOn ? { closedOn: row.closedOn } : {}),
      description: row.description,
      ...(row.documentNumber ? { documentNumber: row.documentNumber } : {}),
    })),
  );
}

/**
 * `{ possibleDuplicates }` for the registration's answer, or nothing when the look-up fails: the case is written
 * by then and the answer carries the tracking code, shown this once, so a failed look-up must not turn it into an
 * error (the case page looks them up again when it is opened).
 */
export async function possibleDuplicatesIfFound(
  cases: Pick<CaseRepository, 'findByApplicantHash'>,
  record: Parameters<typeof possibleDuplicatesOf>[1],
): Promise<{ possibleDuplicates?: PossibleDuplicate[] }> {
  try {
    return { possibleDuplicates: await possibleDuplicatesOf(cases, record) };
  } catch (error) {
    log.warn('possible duplicates not looked up', { caseId: record.caseId, error: String(error) });
    return {};
  }
}
