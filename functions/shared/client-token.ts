import { createHash } from 'node:crypto';
import type { CaseRecord, CaseRepository } from './store/case-repository';

/**
 * Idempotent submissions with a client token (`clientToken` of `POST /v1/requests`), healing:
 * - the token is claimed with a short lease (real time) and a case id before a receipt number is drawn;
 * - a retry whose first attempt wrote its case gets that case (a replay);
 * - a retry whose first attempt died (lease run out, no case) takes the token over, with the SAME case
 *   id, so a first attempt that was only slow and the retry cannot both create a case (the case write is
 *   conditional on the id being new);
 * - the same token with another body is refused, naming the first field that differs.
 * The body is kept as per-field hashes salted with the token, never in clear.
 *
 * (Powertools Idempotency was considered: it keys a stored response, which here would keep the tracking
 * code in clear; its in-progress expiry follows the Lambda's remaining time rather than a lease of our
 * choosing; its payload check cannot say which field differs; and a record it marks expired would let a
 * second case be created for a first attempt that was only slow. The case id bound to the token does.)
 */

/** The fields that make two submissions the same application, in the order a difference is reported. */
export const FINGERPRINT_FIELDS = [
  'applicant.type',
  'applicant.name',
  'applicant.idType',
  'applicant.idNumber',
  'applicant.phone',
  'applicant.email',
  'applicant.address',
  'information.description',
  'information.documentNumber',
  'delivery.form',
  'delivery.method',
] as const;
export type FingerprintField = (typeof FINGERPRINT_FIELDS)[number];

export interface TokenSubmission {
  applicant: object;
  information: object;
  delivery: object;
}

const valueAt = (submission: TokenSubmission, field: FingerprintField): unknown =>
  field.split('.').reduce<unknown>((value, part) => (value as Record<string, unknown> | undefined)?.[part], submission);

/** Per-field hashes of a submission, salted with its token (no clear personal data stored with the token). */
export function fingerprintOf(clientToken: string, submission: TokenSubmission): Record<string, string> {
  return Object.fromEntries(
    FINGERPRINT_FIELDS.map((field) => [
      field,
      createHash('sha256')
        .update(`gongkai-client-token:${clientToken}:${field}:${JSON.stringify(valueAt(submission, field) ?? null)}`)
        .digest('hex')
        .slice(0, 24),
    ]),
  );
}

/**
 * The first field whose hash differs, or undefined. A field the stored fingerprint lacks (a token stored
 * before fingerprints, or a field added since) is not a difference.
 */
export function differingField(
  stored: Record<string, string>,
  current: Record<string, string>,
): FingerprintField | undefined {
  return FINGERPRINT_FIELDS.find((field) => stored[field] !== undefined && stored[field] !== current[field]);
}

/** The same client token came with another application: the field that differs (the handler answers 409). */
export class ClientTokenMismatchError extends Error {
  override readonly name = 'ClientTokenMismatchError';
  constructor(readonly field: FingerprintField) {
    super(`clientToken reused with a different ${field}`);
  }
}

/** How long a claimed token is held for its first attempt (real time), unless `CLIENT_TOKEN_LEASE_SECONDS` says otherwise. */
export function clientTokenLeaseMs(): number {
  const seconds = Number(process.env.CLIENT_TOKEN_LEASE_SECONDS);
  return (Number.isFinite(seconds) && seconds > 0 ? seconds : 10) * 1000;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Holds the token for this request (`{ caseId }`: write that case) or finds its case (`{ replay }`).
 * A concurrent attempt still within its lease is waited for (its case appears, or its lease runs out and
 * this request takes over).
 */
export async function holdClientToken(
  cases: Pick<CaseRepository, 'claimClientToken' | 'reclaimClientToken' | 'get'>,
  agencyId: string,
  clientToken: string,
  claim: { caseId: string; fingerprint: Record<string, string> },
): Promise<{ caseId: string } | { replay: CaseRecord }> {
  const leaseMs = clientTokenLeaseMs();
  const deadline = Date.now() + 10 * leaseMs;
  for (;;) {
    const result = await cases.claimClientToken(agencyId, clientToken, claim, { realMs: Date.now(), leaseMs });
    if (result.held) return { caseId: result.caseId };
    const { current } = result;
    const field = differingField(current.fingerprint, claim.fingerprint);
    if (field) throw new ClientTokenMismatchError(field);
    const existing = await cases.get(current.caseId);
    if (existing) return { replay: existing };
    if (current.leaseUntil <= Date.now()) {
      if (await cases.reclaimClientToken(agencyId, clientToken, current.leaseUntil, { realMs: Date.now(), leaseMs }))
        return { caseId: current.caseId };
      continue;
    }
    if (Date.now() > deadline) throw new Error('Client token held by attempts that never finish');
    await sleep(Math.min(200, Math.max(20, current.leaseUntil - Date.now())));
  }
}
