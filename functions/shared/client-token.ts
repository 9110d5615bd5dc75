import { keyedDigest } from './search-hash';
import type { CaseRecord, CaseRepository } from './store/case-repository';

/**
 * Idempotent submissions with a client token (`clientToken` of `POST /v1/requests` and of
 * `POST /v1/cases/{caseId}/appeals`, the same mechanism bound to an appeal id), healing:
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

/** The mark of a fingerprint hash keyed with the search key (one without it was an unkeyed SHA-256 of old). */
export const KEYED_FINGERPRINT_PREFIX = 'k1.';

/**
 * Per-field hashes of any body with a client token (an application, an appeal…), salted with the token and keyed
 * with the search key (search-hash.ts): what the token item keeps, so a retry can be told from another body
 * without storing the body in clear nor in a form that could be guessed back (the token is stored beside it, so
 * an unkeyed hash of an ID number or a phone would be reversible by trying every candidate).
 */
export function fieldFingerprint<F extends string>(
  clientToken: string,
  fields: readonly F[],
  valueOf: (field: F) => unknown,
): Record<string, string> {
  return Object.fromEntries(
    fields.map((field) => [
      field,
      KEYED_FINGERPRINT_PREFIX +
        keyedDigest(`gongkai-client-token:${clientToken}:${field}:${JSON.stringify(valueOf(field) ?? null)}`).slice(
          0,
          32,
        ),
    ]),
  );
}

/** Per-field hashes of a submission, salted with its token (no clear personal data stored with the token). */
export function fingerprintOf(clientToken: string, submission: TokenSubmission): Record<string, string> {
  return fieldFingerprint(clientToken, FINGERPRINT_FIELDS, (field) => valueAt(submission, field));
}

/**
 * The first field whose hash differs, or undefined. A field the stored fingerprint lacks (a token stored
 * before fingerprints, or a field added since), or holds as an unkeyed hash of old, is not a difference.
 */
export function differingField<F extends string = FingerprintField>(
  stored: Record<string, string>,
  current: Record<string, string>,
  fields: readonly F[] = FINGERPRINT_FIELDS as unknown as readonly F[],
): F | undefined {
  return fields.find(
    (field) =>
      stored[field] !== undefined &&
      stored[field].startsWith(KEYED_FINGERPRINT_PREFIX) &&
      stored[field] !== current[field],
  );
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

/** The token items (kept by the case repository under `TOKEN#<scope>`): claim, take over after a lease, release. */
export type ClientTokenClaims = Pick<CaseRepository, 'claimClientToken' | 'reclaimClientToken' | 'releaseClientToken'>;

/** What holding a token gave: this request writes `id`, or the token's item exists (`replay`), or another body. */
export type HeldToken<T, F extends string> = { id: string } | { replay: T } | { mismatch: F };

/**
 * The claim loop of any body with a client token, bound to one id (a case's, an appeal's): holds the token for
 * this request (`{ id }`: write the item with that id, conditionally on it being new), or finds the item a
 * previous attempt wrote (`{ replay }`), or names the first field that differs from that attempt's body
 * (`{ mismatch }`). A concurrent attempt still within its lease is waited for (its item appears, or its lease
 * runs out and this request takes over, keeping the same id). `scope` keeps the kinds of tokens apart.
 */
export async function holdToken<T, F extends string>(
  tokens: Pick<ClientTokenClaims, 'claimClientToken' | 'reclaimClientToken'>,
  scope: string,
  clientToken: string,
  claim: { id: string; fingerprint: Record<string, string>; fields: readonly F[] },
  find: (id: string) => Promise<T | undefined>,
): Promise<HeldToken<T, F>> {
  const leaseMs = clientTokenLeaseMs();
  const deadline = Date.now() + 10 * leaseMs;
  const stored = { caseId: claim.id, fingerprint: claim.fingerprint };
  for (;;) {
    const result = await tokens.claimClientToken(scope, clientToken, stored, { realMs: Date.now(), leaseMs });
    if (result.held) return { id: result.caseId };
    const { current } = result;
    const field = differingField(current.fingerprint, claim.fingerprint, claim.fields);
    if (field) return { mismatch: field };
    const existing = await find(current.caseId);
    if (existing) return { replay: existing };
    if (current.leaseUntil <= Date.now()) {
      if (await tokens.reclaimClientToken(scope, clientToken, current.leaseUntil, { realMs: Date.now(), leaseMs }))
        return { id: current.caseId };
      continue;
    }
    if (Date.now() > deadline) throw new Error('Client token held by attempts that never finish');
    await sleep(Math.min(200, Math.max(20, current.leaseUntil - Date.now())));
  }
}

/**
 * Holds an application's token for this request (`{ caseId }`: write that case) or finds its case (`{ replay }`);
 * another body under the same token throws {@link ClientTokenMismatchError}.
 */
export async function holdClientToken(
  cases: Pick<CaseRepository, 'claimClientToken' | 'reclaimClientToken' | 'get'>,
  agencyId: string,
  clientToken: string,
  claim: { caseId: string; fingerprint: Record<string, string> },
): Promise<{ caseId: string } | { replay: CaseRecord }> {
  const held = await holdToken(
    cases,
    agencyId,
    clientToken,
    { id: claim.caseId, fingerprint: claim.fingerprint, fields: FINGERPRINT_FIELDS },
    (caseId) => cases.get(caseId),
  );
  if ('mismatch' in held) throw new ClientTokenMismatchError(held.mismatch);
  return 'replay' in held ? held : { caseId: held.id };
}
