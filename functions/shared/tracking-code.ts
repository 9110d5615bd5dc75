/**
 * The applicant's tracking code (查询码): a short random secret handed out with the receipt number,
 * needed to see the status or supplement. Only its SHA-256 hash is stored. Server side (node:crypto).
 */
import { createHash, randomInt, timingSafeEqual } from 'node:crypto';

/** Unambiguous characters: no 0/O, 1/I/L. */
export const TRACKING_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const TRACKING_CODE_LENGTH = 10;

/**
 * A new random tracking code of 10 characters from {@link TRACKING_CODE_ALPHABET} (about 49 bits).
 *
 * @example generateTrackingCode() // => 'K7P3MZ9QXA'
 */
export function generateTrackingCode(): string {
  let code = '';
  for (let i = 0; i < TRACKING_CODE_LENGTH; i++)
    code += TRACKING_CODE_ALPHABET[randomInt(TRACKING_CODE_ALPHABET.length)];
  return code;
}

/** The code as the applicant may type it: trimmed, upper-cased, inner spaces and hyphens dropped. */
export function normalizeTrackingCode(code: string): string {
  return code.trim().toUpperCase().replace(/[\s-]/g, '');
}

/** True when `code` (after normalising) could be a tracking code. */
export function isWellFormedTrackingCode(code: string): boolean {
  const s = normalizeTrackingCode(code);
  return s.length === TRACKING_CODE_LENGTH && [...s].every((c) => TRACKING_CODE_ALPHABET.includes(c));
}

/**
 * The SHA-256 hash (lowercase hex) of the normalised tracking code, as stored with the case.
 *
 * @example hashTrackingCode('k7p3-mz9qxa') === hashTrackingCode('K7P3MZ9QXA') // => true
 */
export function hashTrackingCode(code: string): string {
  return createHash('sha256').update(normalizeTrackingCode(code), 'utf8').digest('hex');
}

/** Constant-time check of a presented code against the stored hash. */
export function trackingCodeMatches(code: string, storedHash: string): boolean {
  const a = Buffer.from(hashTrackingCode(code), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}
