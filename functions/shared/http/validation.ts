/**
 * Input validation with precise Chinese messages, shared by the handlers and the browser form.
 *
 * Every field is built with a Chinese label, so even a generic zod failure (wrong type, too long)
 * names the field: "申请人姓名不能超过100个字符". `describeZodError` turns a `ZodError` into the API's
 * error shape `{ error: { code: 'validation_failed', message, fields } }`. Browser-safe: zod only, as `zod/mini`
 * (functions instead of methods: a fraction of classic zod's load and schema-building time, issue 17; the same
 * core, so the same issues and messages).
 */
import * as z from 'zod/mini';

/** One rejected field: its dotted path in the input (`applicant.idNumber`; `''` for the whole body). */
export interface FieldError {
  path: string;
  message: string;
}

/** The `message` (first message plus the number of problems) and `fields` of a validation error. */
export interface ValidationDescription {
  message: string;
  fields: FieldError[];
}

/** The HTTP body of a validation error (design.md §5). */
export interface ValidationErrorBody {
  error: { code: 'validation_failed'; message: string; fields: FieldError[] };
}

export type Validated<T> = { ok: true; value: T } | { ok: false; error: ValidationDescription };

/** Dotted field path → Chinese label, e.g. `{ 'applicant.name': '申请人姓名' }`. Array indices are left out. */
export type FieldLabels = Readonly<Record<string, string>>;

type RawIssue = z.core.$ZodRawIssue;

const TYPE_WORDS: Readonly<Record<string, string>> = {
  string: '必须是文本',
  number: '必须是数字',
  int: '必须是整数',
  boolean: '必须是true或false',
  object: '格式不正确，应为对象',
  array: '格式不正确，应为列表',
};

const CJK = /[\u3400-\u9fff]/;

/** True when a message is already ours (Chinese) rather than zod's English default. */
function isChinese(message: string): boolean {
  return CJK.test(message);
}

function describeValues(values: readonly unknown[], valueLabels?: Readonly<Record<string, string>>): string {
  return values
    .map((v) => (valueLabels && typeof v === 'string' && valueLabels[v] ? `${v}（${valueLabels[v]}）` : String(v)))
    .join('、');
}

/**
 * The Chinese message for a zod issue raised on the field labelled `label`.
 *
 * @example chineseMessage('申请人姓名', { code: 'too_big', origin: 'string', maximum: 100, input: '…' }) // => '申请人姓名不能超过100个字符'
 */
export function chineseMessage(label: string, iss: RawIssue, valueLabels?: Readonly<Record<string, string>>): string {
  switch (iss.code) {
    case 'invalid_type':
      if (iss.input === undefined) return `${label}不能为空`;
      return `${label}${TYPE_WORDS[iss.expected] ?? '类型不正确'}`;
    case 'too_small': {
      const min = Number(iss.minimum);
      if (iss.origin === 'string') return min <= 1 ? `${label}不能为空` : `${label}不能少于${min}个字符`;
      if (iss.origin === 'array' || iss.origin === 'set') return `${label}至少需要${min}项`;
      return iss.inclusive === false ? `${label}必须大于${min}` : `${label}不能小于${min}`;
    }
    case 'too_big': {
      const max = Number(iss.maximum);
      if ((iss.origin === 'number' || iss.origin === 'int') && max >= Number.MAX_SAFE_INTEGER)
        return `${label}超出允许的范围`;
      if (iss.origin === 'string') return `${label}不能超过${max}个字符`;
      if (iss.origin === 'array' || iss.origin === 'set') return `${label}不能超过${max}项`;
      return iss.inclusive === false ? `${label}必须小于${max}` : `${label}不能大于${max}`;
    }
    case 'invalid_format':
      return `${label}格式不正确`;
    case 'not_multiple_of':
      return `${label}必须是${String(iss.divisor)}的整数倍`;
    case 'invalid_value':
      return `${label}的取值无效，应为：${describeValues(iss.values, valueLabels)}`;
    case 'unrecognized_keys':
      return `不允许的字段：${iss.keys.join('、')}`;
    default:
      return `${label}无效`;
  }
}

/** A zod error map that words every issue in Chinese for the field labelled `label`. */
export function labelled(label: string, valueLabels?: Readonly<Record<string, string>>): z.core.$ZodErrorMap {
  return (iss) => chineseMessage(label, iss, valueLabels);
}

// ---------------------------------------------------------------------------------------------
// Field builders: each carries its Chinese label into every message it can produce.
// ---------------------------------------------------------------------------------------------

export interface TextOptions {
  /** Minimum length after trimming (default 1: required and not blank). */
  min?: number;
  max: number;
  /** A pattern the trimmed text must match, with its message. */
  pattern?: { regex: RegExp; message: string };
}

/** A UTF-16 surrogate without its pair: not a character at all (a broken encoding or a crafted string). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/**
 * Control characters a person never types into a form: C0 except tab and line breaks (so NUL and the ESC
 * of ANSI escape sequences), DEL, C1, and the bidirectional overrides and isolates that reorder text.
 */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;
/** A character that shows: not whitespace, not a control, not a default-ignorable (zero-width space, joiner, BOM…). */
const VISIBLE = /[^\p{White_Space}\p{Cc}\p{Default_Ignorable_Code_Point}]/u;

/**
 * True when `value` has at least one visible character; a value of spaces and zero-width characters counts as empty.
 *
 * @example hasVisibleCharacter('\u200b\u200b') // => false
 */
export function hasVisibleCharacter(value: string): boolean {
  return VISIBLE.test(value);
}

/**
 * Text as it enters the system: well-formed UTF-16, NFC-normalised, trimmed, and free of control
 * characters, each problem named with the field's label. Rare CJK characters (Extensions B–G, outside
 * the BMP) are ordinary characters here.
 */
function cleanText(label: string) {
  return z.string({ error: labelled(label) }).check(
    z.refine((v) => !LONE_SURROGATE.test(v), { error: `${label}含有无效字符（不成对的代理项）`, abort: true }),
    z.normalize('NFC'),
    z.trim(),
    z.refine((v) => !CONTROL.test(v), { error: `${label}不能含有控制字符`, abort: true }),
  );
}

/**
 * A required text field, NFC-normalised and trimmed, with length limits in characters; control characters
 * and lone surrogates are refused and a value without a visible character counts as empty.
 *
 * @example text('申请人姓名', { max: 100 })
 */
export function text(label: string, options: TextOptions) {
  const base = cleanText(label).check(
    z.refine((v) => (options.min ?? 1) < 1 || hasVisibleCharacter(v), { error: `${label}不能为空`, abort: true }),
    z.minLength(options.min ?? 1),
    z.maxLength(options.max),
  );
  return options.pattern ? base.check(z.regex(options.pattern.regex, { error: options.pattern.message })) : base;
}

/**
 * An optional text field, cleaned as `text`; a value without a visible character counts as absent (forms send `''`).
 *
 * @example optionalText('所需信息的文号', { max: 100 }).parse('  ') // => undefined
 */
export function optionalText(label: string, options: Omit<TextOptions, 'min'>) {
  const inner = cleanText(label).check(z.maxLength(options.max));
  const pattern = options.pattern;
  const checked = pattern
    ? inner.check(z.refine((v) => !hasVisibleCharacter(v) || pattern.regex.test(v), { error: pattern.message }))
    : inner;
  return z.pipe(
    z.optional(checked),
    z.transform((v: string | undefined) => (v === undefined || !hasVisibleCharacter(v) ? undefined : v)),
  );
}

/**
 * A whole number within `[min, max]`.
 *
 * @example integer('补正期限', { min: 1, max: 60 })
 */
export function integer(label: string, range: { min: number; max?: number }) {
  // A safe integer at most: DynamoDB and JavaScript both hold it exactly (1e21 or 1.79e308 are refused, naming the field).
  return z
    .number({ error: labelled(label) })
    .check(z.int(), z.gte(range.min), z.lte(range.max ?? Number.MAX_SAFE_INTEGER));
}

/**
 * An amount (not necessarily whole) within `[min, max]`; `max` defaults to 10^12, far beyond any real
 * amount and well inside what DynamoDB stores exactly (so 1e21 or 1.79e308 are refused, naming the field).
 *
 * @example amount('本年收费金额（万元）', { min: 0 }).safeParse(1.79e308).success // => false
 */
export function amount(label: string, range: { min: number; max?: number }) {
  return z.number({ error: labelled(label) }).check(z.gte(range.min), z.lte(range.max ?? 1e12));
}

/** One of a fixed set of string codes; the message lists the Chinese labels of the allowed values. */
export function oneOf<const T extends readonly [string, ...string[]]>(
  label: string,
  values: T,
  valueLabels?: Readonly<Record<string, string>>,
) {
  return z.enum(values, { error: labelled(label, valueLabels) });
}

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True when `s` is a real calendar date written `YYYY-MM-DD`. */
export function isLocalDate(s: string): boolean {
  const m = LOCAL_DATE.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/**
 * A legal date `YYYY-MM-DD` (a real calendar date); with `notAfter`, not later than that date.
 *
 * @example localDate('收到申请日期', { notAfter: '2024-10-23' }).safeParse('2024-10-24').success // => false
 */
export function localDate(label: string, options: { notAfter?: string } = {}) {
  const notAfter = options.notAfter;
  return z.string({ error: labelled(label) }).check(
    z.regex(LOCAL_DATE, { error: `${label}格式应为YYYY-MM-DD` }),
    z.refine(isLocalDate, { error: `${label}不是有效的日期` }),
    z.refine((d) => notAfter === undefined || !isLocalDate(d) || d <= notAfter, {
      error: `${label}不能晚于今天（${notAfter ?? ''}）`,
    }),
  );
}

/**
 * `build` memoised on the day it is given: a schema that refuses dates after `today` is built once a day instead of
 * once a request (issue 17: building the case-action union costs milliseconds, parsing with it microseconds). Only
 * the latest day is kept; schemas hold no state between parses, so sharing one is safe.
 *
 * @example const makeSchema = perDay((today) => localDate('收到申请日期', { notAfter: today })); makeSchema('2024-10-23') === makeSchema('2024-10-23') // => true
 */
export function perDay<S>(build: (today: string) => S): (today: string) => S {
  let latest: { today: string | undefined; schema: S } | undefined;
  return (today) => {
    if (!latest || latest.today !== today) latest = { today, schema: build(today) };
    return latest.schema;
  };
}

/**
 * `build` run on the first call and its schema kept (`perDay` with one day that never ends): a schema that only
 * some routes of a function parse with is built by the first request that needs it, not at every cold start
 * (issue 17: building the intake and case schemas costs milliseconds of each function's init).
 *
 * @example const makeSchema = onFirstUse(() => text('补正内容', { max: 5000 })); makeSchema() === makeSchema() // => true
 */
export function onFirstUse<S>(build: () => S): () => S {
  const always = perDay(() => build());
  return () => always('');
}

/**
 * An object that rejects unknown keys (`不允许的字段：foo`); `label` names it when it is missing or
 * not an object.
 */
export function strictObject<S extends z.core.$ZodLooseShape>(label: string, shape: S) {
  return z.strictObject(shape, { error: labelled(label) });
}

// ---------------------------------------------------------------------------------------------
// Errors → the API's error shape.
// ---------------------------------------------------------------------------------------------

function joinPath(path: readonly PropertyKey[]): string {
  return path.map((p) => String(p)).join('.');
}

function labelFor(path: readonly PropertyKey[], labels: FieldLabels): string {
  const exact = joinPath(path);
  const withoutIndices = joinPath(path.filter((p) => typeof p !== 'number'));
  return labels[exact] ?? labels[withoutIndices] ?? (exact === '' ? '请求体' : `字段${exact}`);
}

/** The Chinese message of an issue that came back with zod's default (English) wording. */
function fallbackMessage(issue: z.core.$ZodIssue, labels: FieldLabels): string {
  const label = labelFor(issue.path, labels);
  if (issue.code === 'invalid_type') return `${label}缺失或${TYPE_WORDS[issue.expected] ?? '类型不正确'}`;
  return chineseMessage(label, { ...issue, input: null } as RawIssue);
}

/**
 * Turns a `ZodError` into the API's validation error: one entry per rejected field (its first
 * problem; an unknown key is one entry `不允许的字段：foo` at the key's own path), and a summary message `<first>（共N处）`.
 * Messages already in Chinese (every schema built here) are kept; any other is reworded with the
 * field's label from `labels`.
 *
 * @example describeZodError(err) // => { message: '申请人身份证号码校验位不正确（共1处）', fields: [{ path: 'applicant.idNumber', message: '申请人身份证号码校验位不正确' }] }
 */
export function describeZodError(error: z.core.$ZodError, labels: FieldLabels = {}): ValidationDescription {
  const fields: FieldError[] = [];
  const seen = new Set<string>();
  const add = (path: string, message: string): void => {
    if (seen.has(path)) return; // one message per field: the first problem found
    seen.add(path);
    fields.push({ path, message });
  };
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) add(joinPath([...issue.path, key]), `不允许的字段：${key}`);
      continue;
    }
    add(joinPath(issue.path), isChinese(issue.message) ? issue.message : fallbackMessage(issue, labels));
  }
  if (fields.length === 0) fields.push({ path: '', message: '请求内容无效' });
  return summarise(fields);
}

function summarise(fields: FieldError[]): ValidationDescription {
  return { message: `${fields[0]?.message ?? '请求内容无效'}（共${fields.length}处）`, fields };
}

/** The validation error for a body that is missing or not valid JSON. */
export function describeInvalidJson(kind: 'missing' | 'malformed' = 'malformed'): ValidationDescription {
  return summarise([{ path: '', message: kind === 'missing' ? '请求体不能为空' : '请求体不是有效的JSON' }]);
}

/** The HTTP body `{ error: { code: 'validation_failed', message, fields } }`. */
export function validationErrorBody(description: ValidationDescription): ValidationErrorBody {
  return { error: { code: 'validation_failed', message: description.message, fields: description.fields } };
}

/** Validates already-parsed input against `schema`. */
export function validate<S extends z.ZodMiniType>(
  schema: S,
  input: unknown,
  labels?: FieldLabels,
): Validated<z.output<S>> {
  const result = schema.safeParse(input);
  return result.success
    ? { ok: true, value: result.data }
    : { ok: false, error: describeZodError(result.error, labels) };
}

/** Parses a raw JSON body (API Gateway's `event.body`) and validates it against `schema`. */
export function validateJsonBody<S extends z.ZodMiniType>(
  schema: S,
  body: string | null | undefined,
  labels?: FieldLabels,
): Validated<z.output<S>> {
  if (body === null || body === undefined || body.trim() === '')
    return { ok: false, error: describeInvalidJson('missing') };
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return { ok: false, error: describeInvalidJson('malformed') };
  }
  return validate(schema, parsed, labels);
}
