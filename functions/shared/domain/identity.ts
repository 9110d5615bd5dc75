/**
 * Proof-of-identity numbers (Art. 29: the applicant's 身份证明): the resident identity card number
 * (居民身份证号码, GB 11643-1999) of a person and the unified social credit code (统一社会信用代码,
 * GB 32100-2015) of an organisation. Pure functions; safe to bundle into the browser form.
 */

/** Why a resident identity number was rejected. */
export type ResidentIdProblem = 'format' | 'region' | 'birth_date' | 'check_digit';

export type ResidentIdCheck =
  { ok: true; normalized: string; birthDate: string } | { ok: false; problem: ResidentIdProblem };

/** GB 11643-1999: weight of position i (0-based) is 2^(17-i) mod 11. */
const RESIDENT_ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const RESIDENT_ID_CHECK_CHARS = '10X98765432';

/**
 * The ISO 7064 MOD 11-2 check character of the first 17 digits of a resident identity number.
 *
 * @example residentIdCheckDigit('11010519491231002') // => 'X'
 */
export function residentIdCheckDigit(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new Error('residentIdCheckDigit expects 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (RESIDENT_ID_WEIGHTS[i] ?? 0);
  return RESIDENT_ID_CHECK_CHARS[sum % 11] ?? '';
}

/** True when `y-m-d` is a real calendar date (proleptic Gregorian). */
export function isRealDate(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return false;
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
  return day <= days;
}

/**
 * Checks an 18-character resident identity number (GB 11643-1999): 6-digit region code whose first
 * digit is 1–8, birth date `YYYYMMDD` (a real date in 1900–2100), 3-digit sequence, and the
 * ISO 7064 MOD 11-2 check character (`X` in either case; the normalised form is uppercase).
 * Surrounding whitespace is ignored.
 *
 * @example checkResidentId('11010519491231002x') // => { ok: true, normalized: '11010519491231002X', birthDate: '1949-12-31' }
 */
export function checkResidentId(input: string): ResidentIdCheck {
  const s = input.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(s)) return { ok: false, problem: 'format' };
  if (!/^[1-8]/.test(s)) return { ok: false, problem: 'region' };
  const year = Number(s.slice(6, 10));
  const month = Number(s.slice(10, 12));
  const day = Number(s.slice(12, 14));
  if (year < 1900 || year > 2100 || !isRealDate(year, month, day)) return { ok: false, problem: 'birth_date' };
  if (residentIdCheckDigit(s.slice(0, 17)) !== s[17]) return { ok: false, problem: 'check_digit' };
  return { ok: true, normalized: s, birthDate: `${s.slice(6, 10)}-${s.slice(10, 12)}-${s.slice(12, 14)}` };
}

/**
 * True when `s` is a valid 18-character resident identity number (see {@link checkResidentId}).
 *
 * @example isValidResidentId('11010519491231002X') // => true
 */
export function isValidResidentId(s: string): boolean {
  return checkResidentId(s).ok;
}

/** GB 32100-2015 code characters, in value order 0–30 (no I, O, Z, S, V). */
export const CREDIT_CODE_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
/** GB 32100-2015: weight of position i (0-based) is 3^i mod 31. */
const CREDIT_CODE_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

/** Why a unified social credit code was rejected. */
export type CreditCodeProblem = 'format' | 'charset' | 'region' | 'check_digit';

export type CreditCodeCheck = { ok: true; normalized: string } | { ok: false; problem: CreditCodeProblem };

/**
 * The MOD 31 check character of the first 17 characters of a unified social credit code.
 *
 * @example creditCodeCheckChar('91350100M000100Y4') // => '3'
 */
export function creditCodeCheckChar(first17: string): string {
  if (first17.length !== 17) throw new Error('creditCodeCheckChar expects 17 characters');
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = CREDIT_CODE_CHARSET.indexOf(first17[i] ?? '');
    if (v < 0) throw new Error('creditCodeCheckChar: character outside the GB 32100 charset');
    sum += v * (CREDIT_CODE_WEIGHTS[i] ?? 0);
  }
  return CREDIT_CODE_CHARSET[(31 - (sum % 31)) % 31] ?? '';
}

/**
 * Checks an 18-character unified social credit code (GB 32100-2015): every character from
 * `0-9A-HJ-NPQRTUWXY`, a 6-digit administrative region code in positions 3–8, and the MOD 31 check
 * character last. The registration authority and organisation type codes are not restricted beyond
 * the charset (new authorities keep being assigned). Input is trimmed and upper-cased.
 *
 * @example checkCreditCode('91350100M000100Y43') // => { ok: true, normalized: '91350100M000100Y43' }
 */
export function checkCreditCode(input: string): CreditCodeCheck {
  const s = input.trim().toUpperCase();
  if (s.length !== 18 || !/^[0-9A-Z]+$/.test(s)) return { ok: false, problem: 'format' };
  for (const c of s) if (!CREDIT_CODE_CHARSET.includes(c)) return { ok: false, problem: 'charset' };
  if (!/^\d{6}$/.test(s.slice(2, 8))) return { ok: false, problem: 'region' };
  if (creditCodeCheckChar(s.slice(0, 17)) !== s[17]) return { ok: false, problem: 'check_digit' };
  return { ok: true, normalized: s };
}

/**
 * True when `s` is a valid unified social credit code (see {@link checkCreditCode}).
 *
 * @example isValidCreditCode('91350100M000100Y43') // => true
 */
export function isValidCreditCode(s: string): boolean {
  return checkCreditCode(s).ok;
}
