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
  /** Left for the next run: this run's time budget ran out first. */
  remaining: number;
}

/**
 * Rewrites an agency's unkeyed applicant keys, `concurrency` cases at a time, within `budgetMs` of real time (the
 * reconcile step of one agency has minutes in AWS; a large agency's backlog goes over a few daily runs, each
 * resuming from the index query). `progress` is told every 500 cases.
 */
export async function migrateApplicantKeys(
  cases: Pick<CaseRepository, 'caseIdsWithUnkeyedApplicantKey' | 'get' | 'refreshDerived'>,
  agencyId: string,
  today: string,
  options: { progress?: (done: ApplicantKeyMigration) => void; concurrency?: number; budgetMs?: number } = {},
): Promise<ApplicantKeyMigration> {
  const ids = await cases.caseIdsWithUnkeyedApplicantKey(agencyId, APPLICANT_KEY_PREFIX);
  const result: ApplicantKeyMigration = { found: ids.length, rewritten: 0, remaining: ids.length };
  const until = Date.now() + (options.budgetMs ?? 120_000);
  let next = 0;
  const rewrite = async (caseId: string) => {
    const record = await cases.get(caseId);
    if (record) {
      try {
        await cases.refreshDerived(record, deriveForStore(record, today));
        result.rewritten += 1;
      } catch (error) {
        if (!(error instanceof VersionConflictError)) throw error;
      }
    }
    result.remaining -= 1;
    if ((ids.length - result.remaining) % 500 === 0) options.progress?.({ ...result });
  };
  const worker = async () => {
    while (next < ids.length && Date.now() < until) await rewrite(ids[next++] as string);
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 8, ids.length) }, worker));
  return result;
}
