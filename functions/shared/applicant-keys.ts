import { deriveForStore } from './case-workflow';
import { APPLICANT_KEY_PREFIX } from './search-hash';
import { VersionConflictError, type CaseRepository } from './store/case-repository';

/**
 * The one-off rewrite of applicant keys stored before they were keyed hashes (security standard: ID numbers are
 * never stored in a guessable form; the old key was an unkeyed SHA-256 of the ID type and number). The reconcile
 * runs it for each agency, open and closed cases alike: every case whose stored key lacks the keyed mark gets its
 * derived attributes rewritten from the record (one write, conditional on the version). A case changed meanwhile
 * was written with the keyed key already by that change. Once no agency has any left, the run is one filtered
 * index query per agency, and the fee count's match on the old key (case-service.ts) can go.
 */
export interface ApplicantKeyMigration {
  /** Cases found with an unkeyed key. */
  found: number;
  /** Of those, rewritten now (the others were rewritten meanwhile by their own change). */
  rewritten: number;
}

export async function migrateApplicantKeys(
  cases: Pick<CaseRepository, 'caseIdsWithUnkeyedApplicantKey' | 'get' | 'refreshDerived'>,
  agencyId: string,
  today: string,
  progress: (done: ApplicantKeyMigration) => void = () => undefined,
): Promise<ApplicantKeyMigration> {
  const ids = await cases.caseIdsWithUnkeyedApplicantKey(agencyId, APPLICANT_KEY_PREFIX);
  const result: ApplicantKeyMigration = { found: ids.length, rewritten: 0 };
  for (const [index, caseId] of ids.entries()) {
    const record = await cases.get(caseId);
    if (record) {
      try {
        await cases.refreshDerived(record, deriveForStore(record, today));
        result.rewritten += 1;
      } catch (error) {
        if (!(error instanceof VersionConflictError)) throw error;
      }
    }
    if ((index + 1) % 500 === 0) progress(result);
  }
  return result;
}
