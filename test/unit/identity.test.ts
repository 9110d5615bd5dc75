import {
  checkCreditCode,
  checkResidentId,
  creditCodeCheckChar,
  CREDIT_CODE_CHARSET,
  isValidCreditCode,
  isValidResidentId,
  residentIdCheckDigit,
} from '../../functions/shared/domain/identity';

/** GB 11643-1999 check digit, computed independently: weight 2^(17-i) mod 11, ISO 7064 MOD 11-2. */
function referenceResidentCheck(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (2 ** (17 - i) % 11);
  const value = (12 - (sum % 11)) % 11;
  return value === 10 ? 'X' : String(value);
}

/** GB 32100-2015 check character, computed independently: weight 3^i mod 31, C18 = 31 - (Σ mod 31). */
function referenceCreditCheck(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CREDIT_CODE_CHARSET.indexOf(first17[i] ?? '') * (3 ** i % 31);
  return CREDIT_CODE_CHARSET[(31 - (sum % 31)) % 31] ?? '';
}

const withResidentCheck = (first17: string) => first17 + referenceResidentCheck(first17);
const withCreditCheck = (first17: string) => first17 + referenceCreditCheck(first17);

describe('resident identity number (GB 11643-1999)', () => {
  it.each([
    ['the public example 11010519491231002X', '11010519491231002X'],
    ['a lowercase x check character', '11010519491231002x'],
    ['surrounding whitespace', ' 11010519491231002X '],
    ['a leap day birth date', withResidentCheck('44030420000229123')],
    ['a birth date in 1900', withResidentCheck('32010219000101001')],
    ['a region code starting with 8', withResidentCheck('81000019851010002')],
    ['a numeric check digit', withResidentCheck('33010619880315041')],
  ])('accepts %s', (_name, id) => {
    expect(isValidResidentId(id)).toBe(true);
  });

  it.each([
    ['a wrong check digit', '110105194912310021', 'check_digit'],
    ['17 characters', '11010519491231002', 'format'],
    ['19 characters', '11010519491231002X1', 'format'],
    ['a letter other than X', '11010519491231002Y', 'format'],
    ['an X in the middle', '1101051949X231002X', 'format'],
    ['the empty string', '', 'format'],
    ['a region code starting with 0', withResidentCheck('01010519491231002'), 'region'],
    ['a region code starting with 9', withResidentCheck('91010519491231002'), 'region'],
    ['29 February in a common year', withResidentCheck('11010519990229002'), 'birth_date'],
    ['29 February 1900 (not a leap year)', withResidentCheck('11010519000229002'), 'birth_date'],
    ['month 13', withResidentCheck('11010519491331002'), 'birth_date'],
    ['day 00', withResidentCheck('11010519491200002'), 'birth_date'],
    ['a year before 1900', withResidentCheck('11010518991231002'), 'birth_date'],
    ['a year after 2100', withResidentCheck('11010521011231002'), 'birth_date'],
  ])('rejects %s', (_name, id, problem) => {
    expect(checkResidentId(id)).toEqual({ ok: false, problem });
    expect(isValidResidentId(id)).toBe(false);
  });

  it('normalises the check character to uppercase and reports the birth date', () => {
    expect(checkResidentId('11010519491231002x')).toEqual({
      ok: true,
      normalized: '11010519491231002X',
      birthDate: '1949-12-31',
    });
  });

  it('computes the same check digit as the reference algorithm for many prefixes', () => {
    for (let n = 0; n < 2000; n++) {
      const first17 = `110105${1950 + (n % 70)}0${1 + (n % 9)}1${n % 10}${String(n % 1000).padStart(3, '0')}`;
      expect(residentIdCheckDigit(first17)).toBe(referenceResidentCheck(first17));
      expect(isValidResidentId(first17 + residentIdCheckDigit(first17))).toBe(true);
    }
  });

  it('rejects every other check character once the right one is known', () => {
    const first17 = '11010519491231002';
    for (const c of '0123456789X') {
      expect(isValidResidentId(first17 + c)).toBe(c === 'X');
    }
  });
});

describe('unified social credit code (GB 32100-2015)', () => {
  it.each([
    ['the public example 91350100M000100Y43', '91350100M000100Y43'],
    ['lowercase letters (normalised)', '91350100m000100y43'],
    ['a code of a public institution (1…)', withCreditCheck('12100000400000002')],
    ['a code of a social organisation (5…)', withCreditCheck('51110000500000001')],
    ['a code of another authority (Y…)', withCreditCheck('Y1110000MA0000001')],
    ['a code whose check character is a letter', withCreditCheck('91110108MA01ABCD1')],
  ])('accepts %s', (_name, code) => {
    expect(isValidCreditCode(code)).toBe(true);
  });

  it.each([
    ['a wrong check character', '91350100M000100Y44', 'check_digit'],
    ['17 characters', '91350100M000100Y4', 'format'],
    ['19 characters', '91350100M000100Y433', 'format'],
    ['punctuation', '91350100M000100Y-3', 'format'],
    ['the letter I', '91350100I000100Y43', 'charset'],
    ['the letter O', '91350100O000100Y43', 'charset'],
    ['the letter Z', '91350100Z000100Y43', 'charset'],
    ['the letter S', '91350100S000100Y43', 'charset'],
    ['the letter V', '91350100V000100Y43', 'charset'],
    ['a letter in the region code', withCreditCheck('9135A100M000100Y4'), 'region'],
  ])('rejects %s', (_name, code, problem) => {
    expect(checkCreditCode(code)).toEqual({ ok: false, problem });
    expect(isValidCreditCode(code)).toBe(false);
  });

  it('computes the same check character as the reference algorithm for many prefixes', () => {
    for (let n = 0; n < 2000; n++) {
      const org = Array.from({ length: 9 }, (_, i) => CREDIT_CODE_CHARSET[(n * 7 + i * 13) % 31]).join('');
      const first17 = `91${String(110000 + (n % 900000)).padStart(6, '0')}${org}`;
      expect(creditCodeCheckChar(first17)).toBe(referenceCreditCheck(first17));
      expect(isValidCreditCode(first17 + creditCodeCheckChar(first17))).toBe(true);
    }
  });

  it('rejects every other check character once the right one is known', () => {
    for (const c of CREDIT_CODE_CHARSET) expect(isValidCreditCode(`91350100M000100Y4${c}`)).toBe(c === '3');
  });
});
