import { createHmac } from 'node:crypto';
import { normalizePhone } from './domain/phone';

/**
 * Keyed hashes (HMAC-SHA-256) of an applicant's name, phone and ID number, so the desk can find a case by
 * them (design.md §9 "Search") without any index holding them in clear. The key comes from the
 * `SEARCH_HASH_KEY` environment variable (in AWS from a generated secret, locally from the data folder);
 * without the key the short numbers could not be guessed back from the index by trying every value.
 */
export type SearchField = 'name' | 'phone' | 'idNumber';

let key: string | undefined;

function searchKey(): string {
  key ??= process.env.SEARCH_HASH_KEY;
  if (!key) throw new Error('Missing environment variable SEARCH_HASH_KEY');
  return key;
}

/** Local runtime only: forget the key read (a test may start a second local system with its own). */
export function resetSearchKey(): void {
  key = undefined;
}

/**
 * The normal form of a value before hashing: a phone as stored (`normalizePhone`: the one phone normaliser, so a
 * mobile loses its +86 or 0086) without its dashes; spaces and dashes dropped and letters upper-cased in an ID
 * number (the X of a resident ID); full-width characters folded.
 *
 * @example normalizeSearchValue('phone', '+86 138-1234-5678') // => '13812345678'
 * @example normalizeSearchValue('phone', '010-12345678') // => '01012345678'
 */
export function normalizeSearchValue(field: SearchField, value: string): string {
  if (field === 'phone') return normalizePhone(value).replace(/-/g, '');
  const folded = value.normalize('NFKC').trim();
  if (field === 'name') return folded.replace(/\s+/g, '');
  return folded.replace(/[\s-]+/g, '').toUpperCase();
}

/** The keyed hash of a value of an agency's applicant (the agency is part of the hashed text). */
export function searchHash(agencyId: string, field: SearchField, value: string): string {
  return createHmac('sha256', searchKey())
    .update(`${agencyId}\u0000${field}\u0000${normalizeSearchValue(field, value)}`)
    .digest('base64url');
}

/** The mark of an applicant key made with the search key (a key without it is an unkeyed one of old). */
export const APPLICANT_KEY_PREFIX = 'k1.';

/**
 * The keyed hash of an applicant's identity (ID type and number) within an agency: counts one applicant's
 * applications in a month for fees by count (Fee Measures Art. 4) without storing the number in a form that could
 * be guessed back (a resident ID has about 10^11 candidates, so an unkeyed hash is reversible by trying them).
 * Agency-scoped like the search hashes; the fee count is per agency.
 *
 * @example applicantKey('niedui-town', 'resident_id', '11010519491231002x') // → 'k1.' + 43 base64url characters
 */
export function applicantKey(agencyId: string, idType: string, idNumber: string): string {
  const digest = createHmac('sha256', searchKey())
    .update(`${agencyId}\u0000applicant\u0000${idType}\u0000${normalizeSearchValue('idNumber', idNumber)}`)
    .digest('base64url');
  return `${APPLICANT_KEY_PREFIX}${digest}`;
}

/**
 * A keyed digest (HMAC-SHA-256 with the search key, base64url) of any text that may hold personal data, for
 * values that are only ever compared (a client token's per-field fingerprint): without the key, a short number
 * inside could not be found again by trying every candidate.
 */
export function keyedDigest(text: string): string {
  return createHmac('sha256', searchKey()).update(text).digest('base64url');
}
