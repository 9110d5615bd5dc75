import { createHmac } from 'node:crypto';

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
 * The normal form of a value before hashing: spaces, dashes and the +86 prefix of a phone dropped, letters
 * upper-cased (the X of a resident ID), full-width characters folded.
 *
 * @example normalizeSearchValue('phone', '+86 138-1234-5678') // => '13812345678'
 */
export function normalizeSearchValue(field: SearchField, value: string): string {
  const folded = value.normalize('NFKC').trim();
  if (field === 'name') return folded.replace(/\s+/g, '');
  const compact = folded.replace(/[\s-]+/g, '').toUpperCase();
  return field === 'phone' ? compact.replace(/^\+?86(?=1\d{10}$)/, '') : compact;
}

/** The keyed hash of a value of an agency's applicant (the agency is part of the hashed text). */
export function searchHash(agencyId: string, field: SearchField, value: string): string {
  return createHmac('sha256', searchKey())
    .update(`${agencyId}\u0000${field}\u0000${normalizeSearchValue(field, value)}`)
    .digest('base64url');
}
