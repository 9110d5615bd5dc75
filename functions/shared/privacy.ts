/**
 * Masking of personal data (个人信息) so that a log line or an overview never carries an identity
 * number, phone, email, address or name in clear. Pure, browser-safe; `log.ts` is the one place
 * that applies `redactForLog` to everything logged.
 */
import type { ApplicantType } from './domain/model';

const STAR = '*';

function stars(n: number): string {
  return STAR.repeat(Math.max(0, n));
}

/**
 * Masks an identity number: 18-character numbers keep the first 6 and last 4 characters; shorter
 * ones keep at most the first 2 and last 2; 4 characters or fewer are masked entirely.
 *
 * @example maskIdNumber('11010519491231002X') // => '110105********002X'
 */
export function maskIdNumber(id: string): string {
  const s = id.trim();
  if (s.length <= 4) return stars(s.length);
  if (s.length >= 15) return s.slice(0, 6) + stars(s.length - 10) + s.slice(-4);
  return s.slice(0, 2) + stars(s.length - 4) + s.slice(-2);
}

/**
 * Masks a phone number: a mobile keeps its first 3 and last 4 digits; a landline keeps its area code
 * and last 2 digits.
 *
 * @example maskPhone('13812345678') // => '138****5678'
 * @example maskPhone('010-12345678') // => '010-******78'
 */
export function maskPhone(phone: string): string {
  const s = phone.trim();
  const landline = /^(0\d{2,3})-(\d+)(?:-(\d+))?$/.exec(s);
  if (landline) {
    const local = landline[2] ?? '';
    return `${landline[1]}-${stars(local.length - 2)}${local.slice(-2)}${landline[3] ? `-${stars(landline[3].length)}` : ''}`;
  }
  if (s.length >= 11) return s.slice(0, 3) + stars(s.length - 7) + s.slice(-4);
  if (s.length <= 4) return stars(s.length);
  return stars(s.length - 2) + s.slice(-2);
}

/**
 * Masks an email address: the first character of the local part and the domain stay.
 *
 * @example maskEmail('zhangsan@example.com') // => 'z***@example.com'
 */
export function maskEmail(email: string): string {
  const s = email.trim();
  const at = s.lastIndexOf('@');
  if (at <= 0) return stars(Math.min(s.length, 8));
  return `${s.slice(0, 1)}***${s.slice(at)}`;
}

/**
 * Masks a postal address: the first 6 characters (province, city) stay, the rest is hidden.
 *
 * @example maskAddress('北京市朝阳区建国路88号') // => '北京市朝阳区****'
 */
export function maskAddress(address: string): string {
  const chars = Array.from(address.trim());
  if (chars.length <= 6) return chars.slice(0, 2).join('') + '****';
  return chars.slice(0, 6).join('') + '****';
}

/**
 * Masks a personal name: the first character stays, every other becomes `*`.
 *
 * @example maskName('张三') // => '张*'
 */
export function maskName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length === 0) return '';
  return chars[0] + stars(Math.max(1, chars.length - 1));
}

/**
 * The applicant's name as the work list shows it: a natural person's masked (`maskName`: personal information,
 * 个人信息保护法 Art. 4), an organisation's in full (法人或者其他组织, Regulations Art. 27/29: its name is no
 * personal information, and officers must recognise it).
 *
 * @example workListName({ type: 'natural_person', name: '张三' }) // => '张*'
 * @example workListName({ type: 'commercial_enterprise', name: ' 西华县华夏建材有限公司 ' }) // => '西华县华夏建材有限公司'
 */
export function workListName(applicant: { type: ApplicantType; name: string }): string {
  return applicant.type === 'natural_person' ? maskName(applicant.name) : applicant.name.trim();
}

/** 18-character resident identity numbers anywhere in a text (not inside a longer alphanumeric run). */
const RESIDENT_ID_IN_TEXT =
  /(?<![0-9A-Za-z])[1-8]\d{5}(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![0-9A-Za-z])/g;
/** Mainland mobile numbers anywhere in a text, optionally with +86. */
const MOBILE_IN_TEXT = /(?<![0-9A-Za-z])(?:\+?86[- ]?)?1[3-9]\d{9}(?![0-9A-Za-z])/g;
/** Email addresses anywhere in a text. */
const EMAIL_IN_TEXT = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;

/**
 * Masks every resident identity number, mobile number and email address found inside a text.
 *
 * @example redactText('申请人13812345678来电') // => '申请人138****5678来电'
 */
export function redactText(text: string): string {
  return text
    .replace(RESIDENT_ID_IN_TEXT, (m) => maskIdNumber(m))
    .replace(MOBILE_IN_TEXT, (m) => maskPhone(m.replace(/^\+?86[- ]?/, '')))
    .replace(EMAIL_IN_TEXT, (m) => maskEmail(m));
}

/** Keys whose string values are always masked, with the mask for each. */
const KEY_MASKS: Readonly<Record<string, (s: string) => string>> = {
  idNumber: maskIdNumber,
  phone: maskPhone,
  email: maskEmail,
  address: maskAddress,
  name: maskName,
  applicantName: maskName,
  trackingCode: (s) => stars(s.length),
  code: (s) => stars(s.length),
  password: () => '***',
  authorization: () => '***',
  Authorization: () => '***',
};

/**
 * A deep copy of `value` fit for a log line: the values of `idNumber`, `phone`, `email`,
 * `address`, `name` (and secrets such as `trackingCode`, `authorization`) are masked, and every
 * other string has identity numbers, mobile numbers and emails masked inside it. Errors become
 * `{ name, message, stack }`, dates ISO strings, cycles `'[Circular]'`. The input is not changed.
 *
 * @example redactForLog({ applicant: { name: '张三', phone: '13812345678' } }) // => { applicant: { name: '张*', phone: '138****5678' } }
 */
export function redactForLog(value: unknown): unknown {
  return redact(value, new WeakSet<object>(), 0);
}

function redact(value: unknown, seen: WeakSet<object>, depth: number): unknown {
  if (typeof value === 'string') return redactText(value);
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'function' || typeof value === 'symbol') return undefined;
  if (typeof value !== 'object' || value === null) return value;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
  if (seen.has(value)) return '[Circular]';
  if (depth > 20) return '[Too deep]';
  seen.add(value);
  try {
    if (value instanceof Error) {
      const out: Record<string, unknown> = { name: value.name, message: redactText(value.message) };
      if (value.stack) out.stack = redactText(value.stack);
      for (const [k, v] of Object.entries(value)) out[k] = redactEntry(k, v, seen, depth);
      return out;
    }
    if (Array.isArray(value)) return value.map((v) => redact(v, seen, depth + 1));
    if (value instanceof Map) return redact(Object.fromEntries(value), seen, depth + 1);
    if (value instanceof Set) return redact([...value], seen, depth + 1);
    const out: Record<string, unknown> = {};
    // An error described as `{ name, message }` (already serialised) keeps its name ('Error', not 'E****').
    const errorLike = isErrorDescription(value);
    for (const [k, v] of Object.entries(value))
      out[k] = errorLike && k === 'name' ? redactText(String(v)) : redactEntry(k, v, seen, depth);
    return out;
  } finally {
    seen.delete(value);
  }
}

/** `{ name: 'TypeError', message: '…' }`: the shape errors take once serialised (a person has no `message`). */
function isErrorDescription(value: object): boolean {
  const record = value as Record<string, unknown>;
  return (
    typeof record.name === 'string' && typeof record.message === 'string' && /^[A-Za-z_$][\w$.]*$/.test(record.name)
  );
}

function redactEntry(key: string, v: unknown, seen: WeakSet<object>, depth: number): unknown {
  const mask = KEY_MASKS[key];
  if (mask && typeof v === 'string') return mask(v);
  if (mask && typeof v === 'number') return mask(String(v));
  return redact(v, seen, depth + 1);
}
