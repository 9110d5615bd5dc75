import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import fc from 'fast-check';
import * as z from 'zod/mini';
import { residentIdCheckDigit } from '../../functions/shared/domain/identity';
import { APPLICANT_TYPES, DELIVERY_FORMS, DELIVERY_METHODS, ID_TYPES } from '../../functions/shared/domain/model';
import { APPLICATION_FIELD_LABELS } from '../../functions/intake/schema';
import { isPhoneNumber } from '../../functions/shared/domain/phone';
import { sampleApplication, startTestSystem, workListAll, type TestSystem } from '../support/local-system';

/**
 * Malformed applications (issue 4), generated with fast-check and sent through the local HTTP front to
 * `POST /v1/requests`: missing fields, wrong types, unknown fields, bad ID check digits, bad phones and emails,
 * oversize strings, unknown agencies, JSON that is not an object and text that is not JSON. Every answer is a
 * 400 whose `fields` names the broken field in Chinese, and nothing reaches the table.
 */

interface ApiError {
  error: { code: string; message: string; fields?: { path: string; message: string }[] };
}

/** A malformed request: the body (or raw text) and the field the answer must name, with words its message must hold. */
interface Malformed {
  kind: string;
  body?: unknown;
  raw?: string;
  path: string;
  words: string;
}

type Labelled = keyof typeof APPLICATION_FIELD_LABELS;
const label = (path: Labelled) => APPLICATION_FIELD_LABELS[path];

const REQUIRED: Labelled[] = [
  'agencyId',
  'applicant',
  'applicant.type',
  'applicant.name',
  'applicant.idType',
  'applicant.idNumber',
  'applicant.phone',
  'applicant.email',
  'information',
  'information.description',
  'delivery',
  'delivery.form',
  'delivery.method',
];
const OBJECTS = new Set<string>(['applicant', 'information', 'delivery']);
const MAX_LENGTH: [string, number, string][] = [
  ['applicant.name', 100, label('applicant.name')],
  ['applicant.idNumber', 30, label('applicant.idNumber')],
  ['applicant.phone', 30, label('applicant.phone')],
  ['applicant.email', 254, label('applicant.email')],
  ['applicant.address', 200, label('applicant.address')],
  ['information.description', 5000, label('information.description')],
  ['information.documentNumber', 100, label('information.documentNumber')],
  ['clientToken', 64, '请求令牌'],
];
const ENUMS: Labelled[] = ['applicant.type', 'applicant.idType', 'delivery.form', 'delivery.method'];
const KNOWN_KEYS: Record<string, string[]> = {
  '': ['agencyId', 'applicant', 'information', 'delivery', 'clientToken'],
  applicant: ['type', 'name', 'idType', 'idNumber', 'phone', 'email', 'address'],
  information: ['description', 'documentNumber'],
  delivery: ['form', 'method'],
};

/** A deep copy of `body` with the value at a dotted path replaced (or removed with `remove`). */
function withPath(
  body: Record<string, unknown>,
  path: string,
  value: unknown,
  remove = false,
): Record<string, unknown> {
  const copy = structuredClone(body);
  const keys = path.split('.');
  const last = keys.pop() as string;
  let node = copy;
  for (const key of keys) node = node[key] as Record<string, unknown>;
  if (remove) delete node[last];
  else Object.defineProperty(node, last, { value, enumerable: true, writable: true, configurable: true });
  return copy;
}

const valid = () => sampleApplication();
const isPhone = (s: string) => isPhoneNumber(s);
const isEmail = (s: string) => z.regexes.email.test(s.trim());
const notJson = (s: string) => {
  try {
    JSON.parse(s);
    return false;
  } catch {
    return true;
  }
};

const wrongTypeValue = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true }),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.integer(), { maxLength: 3 }),
);

const missing = fc.constantFrom(...REQUIRED).map((path): Malformed => ({
  kind: 'missing',
  body: withPath(valid(), path, undefined, true),
  path,
  words: label(path),
}));

const wrongType = fc
  .tuple(fc.constantFrom<Labelled>(...REQUIRED, 'applicant.address', 'information.documentNumber'), wrongTypeValue)
  .chain(([path, value]) =>
    OBJECTS.has(path)
      ? fc.oneof(fc.constant(value), fc.string()).map((v) => [path, v] as const)
      : fc.constant([path, value] as const),
  )
  .map(([path, value]): Malformed => ({
    kind: 'wrong type',
    body: withPath(valid(), path, value),
    path,
    words: label(path),
  }));

const unknownField = fc
  .tuple(
    fc.constantFrom('', 'applicant', 'information', 'delivery'),
    fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,15}$/),
    fc.jsonValue({ maxDepth: 1 }),
  )
  .filter(([parent, key]) => !(KNOWN_KEYS[parent] ?? []).includes(key))
  .map(([parent, key, value]): Malformed => {
    const path = parent ? `${parent}.${key}` : key;
    return { kind: 'unknown field', body: withPath(valid(), path, value), path, words: key };
  });

const badCheckDigit = fc
  .record({
    region: fc.constantFrom('110105', '411622', '310104', '440305'),
    birth: fc.date({ min: new Date('1930-01-01'), max: new Date('2010-12-31'), noInvalidDate: true }),
    sequence: fc.integer({ min: 0, max: 999 }),
    digit: fc.constantFrom(...'0123456789X'),
  })
  .map(({ region, birth, sequence, digit }) => {
    const first17 = `${region}${birth.toISOString().slice(0, 10).replace(/-/g, '')}${String(sequence).padStart(3, '0')}`;
    return { first17, digit, right: residentIdCheckDigit(first17) };
  })
  .filter(({ digit, right }) => digit !== right)
  .map(({ first17, digit }): Malformed => ({
    kind: 'bad ID check digit',
    body: withPath(valid(), 'applicant.idNumber', first17 + digit),
    path: 'applicant.idNumber',
    words: '校验位',
  }));

const badPhone = fc
  .oneof(
    fc.string({ maxLength: 40 }),
    fc.stringMatching(/^1[0-2]\d{9}$/),
    fc.stringMatching(/^1[3-9]\d{8,9}$/),
    fc.stringMatching(/^1[3-9]\d{10,12}$/),
    fc.stringMatching(/^\d{3,4}-\d{3,6}$/),
  )
  .filter((s) => !isPhone(s))
  .map((phone): Malformed => ({
    kind: 'bad phone',
    body: withPath(valid(), 'applicant.phone', phone),
    path: 'applicant.phone',
    words: label('applicant.phone'),
  }));

const badEmail = fc
  .oneof(
    fc.string({ maxLength: 40 }),
    fc.constantFrom('zhangsan@', '@example.cn', 'zhang san@example.cn', 'zhangsan@example', 'a@@b.cn', '张三@例子'),
    fc.emailAddress().map((e) => e.replace('@', '')),
  )
  .filter((s) => !isEmail(s))
  .map((email): Malformed => ({
    kind: 'bad email',
    body: withPath(valid(), 'applicant.email', email),
    path: 'applicant.email',
    words: label('applicant.email'),
  }));

const oversize = fc
  .tuple(fc.constantFrom(...MAX_LENGTH), fc.integer({ min: 1, max: 300 }), fc.constantFrom('a', '路', 'Z', '9'))
  .map(([[path, max, words], extra, char]): Malformed => ({
    kind: 'oversize string',
    body: withPath(valid(), path, char.repeat(max + extra)),
    path,
    words,
  }));

const ALL_CODES = new Set<string>([...APPLICANT_TYPES, ...ID_TYPES, ...DELIVERY_FORMS, ...DELIVERY_METHODS]);
const badEnumValue = fc
  .tuple(fc.constantFrom(...ENUMS), fc.string({ maxLength: 20 }))
  .filter(([, value]) => !ALL_CODES.has(value))
  .map(([path, value]): Malformed => ({
    kind: 'unknown code',
    body: withPath(valid(), path, value),
    path,
    words: label(path),
  }));

const agencyProblems = fc
  .oneof(fc.stringMatching(/^[a-z][a-z0-9-]{2,20}$/), fc.string({ minLength: 1, maxLength: 20 }))
  .filter((id) => !['niedui-town', 'xihua-county'].includes(id.trim()) && id.trim() !== '')
  .map((agencyId): Malformed => ({
    kind: 'unknown agency',
    body: { ...valid(), agencyId },
    path: 'agencyId',
    words: '受理机关',
  }));

const notAnObject = fc
  .oneof(
    fc.integer(),
    fc.string(),
    fc.constant(null),
    fc.boolean(),
    fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 3 }),
  )
  .map((value): Malformed => ({ kind: 'JSON not an object', raw: JSON.stringify(value), path: '', words: '申请内容' }));

const notJsonText = fc
  .oneof(
    fc.string({ maxLength: 200 }),
    fc.integer({ min: 0, max: 400 }).map((n) => JSON.stringify(valid()).slice(0, n)),
    fc.constantFrom("{'agencyId':'niedui-town'}", '{"agencyId":}', 'agencyId=niedui-town&name=张三', '<xml/>'),
  )
  .filter(notJson)
  .map((raw): Malformed => ({ kind: 'not JSON', raw, path: '', words: '请求体' }));

const malformed: fc.Arbitrary<Malformed> = fc.oneof(
  missing,
  wrongType,
  unknownField,
  badCheckDigit,
  badPhone,
  badEmail,
  oversize,
  badEnumValue,
  agencyProblems,
  notAnObject,
  notJsonText,
);

const BATCH = 50;
const BATCHES = 22;
const CJK = /[\u4e00-\u9fff]/;

describe('malformed applications to POST /v1/requests', () => {
  let t: TestSystem;

  beforeAll(async () => {
    t = await startTestSystem({ virtualClock: '2024-11-05T10:00:00+08:00' });
  }, 60_000);
  afterAll(async () => {
    await t?.stop();
  });

  const workListSize = async () => (await workListAll(t, 'agencyId=niedui-town', t.tokens['niedui-town'] ?? '')).length;
  /** Every case item in the table, by a full Scan (a test may scan). */
  const caseItems = async () => {
    let count = 0;
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await t.system.clients.document.send(
        new ScanCommand({
          TableName: t.system.tableName,
          FilterExpression: 'begins_with(pk, :case) AND sk = :sk',
          ExpressionAttributeValues: { ':case': 'CASE#', ':sk': 'CASE' },
          ExclusiveStartKey,
        }),
      );
      count += page.Items?.length ?? 0;
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    return count;
  };

  it('answers every one of 1,100 malformed bodies with 400 naming the field in Chinese, and stores no case', async () => {
    // Arrange: one good application, so the counts below start from a table that holds a case.
    expect((await t.api('POST', '/v1/requests', { body: valid() })).status).toBe(201);
    const [listedBefore, storedBefore, emailsBefore] = [
      await workListSize(),
      await caseItems(),
      (await t.emails()).length,
    ];
    expect([listedBefore, storedBefore]).toEqual([1, 1]);
    const kinds = new Map<string, number>();
    let sent = 0;

    // Act + Assert per batch of 50, sent in parallel.
    await fc.assert(
      fc.asyncProperty(fc.array(malformed, { minLength: BATCH, maxLength: BATCH }), async (batch) => {
        const answers = await Promise.all(
          batch.map((m) =>
            t.api<ApiError>('POST', '/v1/requests', m.raw !== undefined ? { raw: m.raw } : { body: m.body }),
          ),
        );
        sent += batch.length;
        batch.forEach((m, i) => {
          kinds.set(m.kind, (kinds.get(m.kind) ?? 0) + 1);
          const { status, body } = answers[i] ?? { status: 0, body: undefined };
          const fields = body?.error?.fields ?? [];
          const named = fields.some((f) => f.path === m.path && f.message.includes(m.words) && CJK.test(f.message));
          if (
            status !== 400 ||
            body?.error.code !== 'validation_failed' ||
            !named ||
            !fields.every((f) => CJK.test(f.message))
          )
            throw new Error(`${m.kind} at '${m.path}' answered ${status} ${JSON.stringify(body)}`);
        });
      }),
      { numRuns: BATCHES, endOnFailure: true },
    );

    // Assert: nothing stored, listed or sent.
    expect(sent).toBeGreaterThanOrEqual(1_000);
    expect(kinds.size).toBe(11);
    expect(await workListSize()).toBe(listedBefore);
    expect(await caseItems()).toBe(storedBefore);
    expect((await t.emails()).length).toBe(emailsBefore);
    process.stdout.write(`[measure] ${sent} malformed bodies sent: ${JSON.stringify(Object.fromEntries(kinds))}\n`);
  }, 180_000);
});
