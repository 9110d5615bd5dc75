/**
 * Phone numbers as people write them (Art. 29: an application gives the applicant's contact details). Pure and
 * browser-safe: the web form, the API's schemas and the desk's search hash (search-hash.ts) share this one normal
 * form, so a number is stored as it is searched.
 */

/** Mainland mobile number, e.g. `13812345678`. */
export const MOBILE_PHONE = /^1[3-9]\d{9}$/;
/** Landline with area code and optional extension, e.g. `010-12345678`, `0571-8888888-123`. */
export const LANDLINE_PHONE = /^0\d{2,3}-\d{7,8}(?:-\d{1,6})?$/;

/** The country code before a mainland mobile: `+86`, `0086` or `86`. */
const COUNTRY_CODE = /^(?:\+|00)?86(?=1\d{10}$)/;

/**
 * The normal form of a phone number: full-width characters folded and the ends trimmed; a mainland mobile as its
 * 11 digits (spaces and dashes dropped, a leading +86 or 0086 taken off); any other number with each run of spaces
 * and dashes between its digit groups made one dash, so a landline reads `区号-号码[-分机]`. A value that is no phone
 * stays recognisably wrong (`MOBILE_PHONE`, `LANDLINE_PHONE` then refuse it).
 *
 * @example normalizePhone('138 0013 8000') // => '13800138000'
 * @example normalizePhone('+86 138-0013-8000') // => '13800138000'
 * @example normalizePhone('0086 13800138000') // => '13800138000'
 * @example normalizePhone('0394 5551234') // => '0394-5551234'
 */
export function normalizePhone(value: string): string {
  const folded = value.normalize('NFKC').trim();
  const compact = folded.replace(/[\s-]+/g, '').replace(COUNTRY_CODE, '');
  if (MOBILE_PHONE.test(compact)) return compact;
  return folded.replace(/\s*-[\s-]*|\s+/g, '-');
}

/**
 * Whether a value, once normalised (`normalizePhone`), is a mainland mobile or a landline with its area code.
 *
 * @example isPhoneNumber('138 0013 8000') // => true
 * @example isPhoneNumber('1380013800') // => false
 */
export function isPhoneNumber(value: string): boolean {
  const phone = normalizePhone(value);
  return MOBILE_PHONE.test(phone) || LANDLINE_PHONE.test(phone);
}
