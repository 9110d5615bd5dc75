import { deriveForStore } from './case-workflow';
import { APPLICANT_KEY_PREFIX } from './search-hash';
import { VersionConflictError, type CaseRepository } from './store/case-repository';

/**
 * The one-off rewrite of applicant keys stored before they were keyed hashes (security standard: ID numbers are
 * never stored in a guessable form; the old key was an unkeyed SHA-256 of the ID type and number). The reconcile
 * runs it for each agency, open and closed cases alike: every case whose stored key lacks the keyed mark gets its
 * derived attributes rewritten from the record (one write, conditional on the version). A case changed meanwhile
 * was written with the keyed key already by that change. Once no agency has any left, the run is one filtered
 * index query per agency, and the fee count's match on the old key (case-service.ts) can go. The same rewrite
 * serves the organisations' names (`migrateOrganisationNames`).
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
  options: RewriteOptions = {},
): Promise<ApplicantKeyMigration> {
  return rewriteDerived(
    cases,
    await cases.caseIdsWithUnkeyedApplicantKey(agencyId, APPLICANT_KEY_PREFIX),
    today,
    options,
  );
}

/**
 * The one-off rewrite of organisations' cases stored while an organisation's name was masked on the work list like a
 * person's and found only whole (法人或者其他组织, Art. 27: its name is no personal information): their derived
 * attributes are rewritten from the record, so the work list shows the name in full and a word of it finds the case
 * (`workListName`, `searchTextOf`). Same budget and resumption as `migrateApplicantKeys`; persons' cases are not
 * touched.
 */
export async function migrateOrganisationNames(
  cases: Pick<CaseRepository, 'caseIdsWithMaskedOrganisationName' | 'get' | 'refreshDerived'>,
  agencyId: string,
  today: string,
  options: RewriteOptions = {},
): Promise<ApplicantKeyMigration> {
  return rewriteDerived(cases, await cases.caseIdsWithMaskedOrganisationName(agencyId), today, options);
}

/** How a one-off rewrite runs: progress told every 500 cases, `concurrency` at a time, within `budgetMs` of real time. */
export interface RewriteOptions {
  progress?: (done: ApplicantKeyMigration) => void;
  concurrency?: number;
  budgetMs?: number;
}

/** Rewrites the derived attributes of the cases `ids` from their records (one write each, conditional on the version). */
async function rewriteDerived(
  cases: Pick<CaseRepository, 'get' | 'refreshDerived'>,
  ids: readonly string[],
  today: string,
  options: RewriteOptions,
): Promise<ApplicantKeyMigration> {
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
