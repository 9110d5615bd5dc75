import fc from 'fast-check';
import {
  SUBMIT_REQUEST_FIELD_LABELS,
  SUPPLEMENT_FIELD_LABELS,
  checkIdNumber,
  makeSubmitRequestSchema,
  makeSupplementSchema,
} from '../../functions/intake/schema';
import {
  describeInvalidJson,
  describeZodError,
  validateJsonBody,
  validationErrorBody,
} from '../../functions/shared/http/validation';
import { APPLICANT_TYPES, DELIVERY_FORMS, DELIVERY_METHODS } from '../../functions/shared/domain/model';
import { creditCodeCheckChar, residentIdCheckDigit } from '../../functions/shared/domain/identity';

const submitRequestSchema = makeSubmitRequestSchema();
const supplementSchema = makeSupplementSchema();

const CHINESE = /[\u4e00-\u9fff]/;

const validBody = () => ({
  agencyId: 'niedui-town',
  applicant: {
    type: 'natural_person',
    name: '张三',
    idType: 'resident_id',
    idNumber: '11010519491231002X',
    phone: '13812345678',
    email: 'zhangsan@example.com',
  },
  information: { description: '2024年本镇财政预算执行情况', documentNumber: '聂政发〔2024〕1号' },
  delivery: { form: 'electronic', method: 'email' },
});

const organisationApplicant = {
  type: 'commercial_enterprise',
  name: '某某科技有限公司',
  idType: 'credit_code',
  idNumber: '91350100M000100Y43',
  phone: '0571-88888888',
  email: 'office@example.com',
};

function errorsOf(input: unknown) {
  const result = submitRequestSchema.safeParse(input);
  if (result.success) throw new Error(`expected a rejection: ${JSON.stringify(input)}`);
  return describeZodError(result.error, SUBMIT_REQUEST_FIELD_LABELS);
}

function messageAt(input: unknown, path: string): string | undefined {
  return errorsOf(input).fields.find((f) => f.path === path)?.message;
}

describe('POST /v1/requests body', () => {
  it('accepts a complete application by a natural person and normalises it', () => {
    const body = validBody();
    body.applicant.idNumber = '11010519491231002x';
    body.applicant.name = '  张三 ';
    const parsed = submitRequestSchema.parse(body);
    expect(parsed.applicant.idNumber).toBe('11010519491231002X');
    expect(parsed.applicant.name).toBe('张三');
  });

  it('accepts an organisation identified by its unified social credit code', () => {
    expect(submitRequestSchema.safeParse({ ...validBody(), applicant: organisationApplicant }).success).toBe(true);
  });

  it.each([
    ['passport', 'E12345678'],
    ['other_id', '港澳通行证C1234567'],
  ])('accepts a natural person identified by %s', (idType, idNumber) => {
    const body = validBody();
    expect(submitRequestSchema.safeParse({ ...body, applicant: { ...body.applicant, idType, idNumber } }).success).toBe(
      true,
    );
  });

  it.each(['010-12345678', '0571-8888888', '0571-88888888-123', '19912345678'])(
    'accepts the phone number %s',
    (phone) => {
      const body = validBody();
      expect(submitRequestSchema.safeParse({ ...body, applicant: { ...body.applicant, phone } }).success).toBe(true);
    },
  );

  it.each([
    ['138 0013 8000', '13800138000'],
    ['138-0013-8000', '13800138000'],
    ['+86 138 0013 8000', '13800138000'],
    ['+8613800138000', '13800138000'],
    ['0086-138-0013-8000', '13800138000'],
    ['１３８ ００１３ ８０００', '13800138000'],
    ['010 12345678', '010-12345678'],
    ['0571 - 8888888 - 123', '0571-8888888-123'],
    ['010-12345678', '010-12345678'],
  ])('accepts the phone written %s and keeps it as %s', (phone, stored) => {
    const body = validBody();
    const parsed = submitRequestSchema.parse({ ...body, applicant: { ...body.applicant, phone } });
    expect(parsed.applicant.phone).toBe(stored);
  });

  it.each(['138 0013 800', '+86 238 0013 8000', '0086 010 12345678', '138 0013 8000 1', '电话13800138000'])(
    'refuses the phone %s with the Chinese message',
    (phone) => {
      const body = validBody();
      const result = submitRequestSchema.safeParse({ ...body, applicant: { ...body.applicant, phone } });
      expect(result.success).toBe(false);
      expect(result.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
        ['applicant.phone', '申请人联系电话应为11位手机号码或带区号的固定电话（如010-12345678）'],
      ]);
    },
  );

  it('treats a blank optional document number as absent', () => {
    const body = validBody();
    const parsed = submitRequestSchema.parse({ ...body, information: { description: 'x', documentNumber: '  ' } });
    expect(parsed.information.documentNumber).toBeUndefined();
  });

  it('accepts a client token of letters, digits, hyphen and underscore', () => {
    expect(submitRequestSchema.safeParse({ ...validBody(), clientToken: 'abc_DEF-123' }).success).toBe(true);
  });

  it.each<[string, (b: ReturnType<typeof validBody>) => unknown, string, string]>([
    [
      'a resident ID with a wrong check digit',
      (b) => ({ ...b, applicant: { ...b.applicant, idNumber: '110105194912310021' } }),
      'applicant.idNumber',
      '申请人身份证号码校验位不正确',
    ],
    [
      'a resident ID with an impossible birth date',
      (b) => ({ ...b, applicant: { ...b.applicant, idNumber: '110105199902290020' } }),
      'applicant.idNumber',
      '申请人身份证号码中的出生日期无效',
    ],
    [
      'a credit code with a wrong check character',
      (b) => ({ ...b, applicant: { ...organisationApplicant, idNumber: '91350100M000100Y44' } }),
      'applicant.idNumber',
      '申请人统一社会信用代码校验位不正确',
    ],
    [
      'an organisation using a resident ID',
      (b) => ({ ...b, applicant: { ...organisationApplicant, idType: 'resident_id', idNumber: '11010519491231002X' } }),
      'applicant.idType',
      '法人或其他组织申请人的证件类型应为统一社会信用代码',
    ],
    [
      'a natural person using a credit code',
      (b) => ({ ...b, applicant: { ...b.applicant, idType: 'credit_code', idNumber: '91350100M000100Y43' } }),
      'applicant.idType',
      '自然人申请人的证件类型应为居民身份证、护照或其他身份证件',
    ],
    [
      'a passport number with punctuation',
      (b) => ({ ...b, applicant: { ...b.applicant, idType: 'passport', idNumber: 'E-123456' } }),
      'applicant.idNumber',
      '申请人护照号码应为5至20位字母或数字',
    ],
    [
      'a name of 101 characters',
      (b) => ({ ...b, applicant: { ...b.applicant, name: '张'.repeat(101) } }),
      'applicant.name',
      '申请人姓名不能超过100个字符',
    ],
    [
      'a blank name',
      (b) => ({ ...b, applicant: { ...b.applicant, name: '   ' } }),
      'applicant.name',
      '申请人姓名不能为空',
    ],
    [
      'a numeric name',
      (b) => ({ ...b, applicant: { ...b.applicant, name: 42 } }),
      'applicant.name',
      '申请人姓名必须是文本',
    ],
    [
      'a missing phone',
      (b) => ({ ...b, applicant: { ...b.applicant, phone: undefined } }),
      'applicant.phone',
      '申请人联系电话不能为空',
    ],
    [
      'a ten-digit mobile number',
      (b) => ({ ...b, applicant: { ...b.applicant, phone: '1381234567' } }),
      'applicant.phone',
      '申请人联系电话应为11位手机号码或带区号的固定电话（如010-12345678）',
    ],
    [
      'an email without a domain',
      (b) => ({ ...b, applicant: { ...b.applicant, email: 'zhangsan@' } }),
      'applicant.email',
      '申请人电子邮箱格式不正确',
    ],
    [
      'an address of 201 characters',
      (b) => ({ ...b, applicant: { ...b.applicant, address: '路'.repeat(201) } }),
      'applicant.address',
      '申请人通信地址不能超过200个字符',
    ],
    [
      'delivery by post without an address',
      (b) => ({ ...b, delivery: { form: 'paper', method: 'post' } }),
      'applicant.address',
      '选择邮寄获取时，必须填写申请人通信地址',
    ],
    [
      'an unknown applicant type',
      (b) => ({ ...b, applicant: { ...b.applicant, type: 'robot' } }),
      'applicant.type',
      '申请人类别的取值无效，应为：natural_person（自然人）、commercial_enterprise（商业企业）、research_institution（科研机构）、social_welfare_org（社会公益组织）、legal_service_org（法律服务机构）、other_org（其他）',
    ],
    [
      'an empty description',
      (b) => ({ ...b, information: { description: '' } }),
      'information.description',
      '所需信息的内容描述不能为空',
    ],
    [
      'a description of 5001 characters',
      (b) => ({ ...b, information: { description: '字'.repeat(5001) } }),
      'information.description',
      '所需信息的内容描述不能超过5000个字符',
    ],
    [
      'a document number of 101 characters',
      (b) => ({ ...b, information: { description: 'x', documentNumber: '号'.repeat(101) } }),
      'information.documentNumber',
      '所需信息的文号不能超过100个字符',
    ],
    [
      'an unknown delivery method',
      (b) => ({ ...b, delivery: { form: 'paper', method: 'pigeon' } }),
      'delivery.method',
      '信息获取途径的取值无效，应为：email（电子邮件）、post（邮寄）、pickup（当面领取）、online（网上获取）',
    ],
    [
      'a client token of 7 characters',
      (b) => ({ ...b, clientToken: 'abcdefg' }),
      'clientToken',
      '请求令牌（clientToken）不能少于8个字符',
    ],
    [
      'a client token with a space',
      (b) => ({ ...b, clientToken: 'abc defgh' }),
      'clientToken',
      '请求令牌（clientToken）只能包含字母、数字、下划线和连字符',
    ],
    ['an unknown top-level field', (b) => ({ ...b, foo: 1 }), 'foo', '不允许的字段：foo'],
    [
      'an unknown applicant field',
      (b) => ({ ...b, applicant: { ...b.applicant, gender: '男' } }),
      'applicant.gender',
      '不允许的字段：gender',
    ],
    [
      'an unknown field named like an Object method',
      (b) => ({ ...b, constructor: 'x' }),
      'constructor',
      '不允许的字段：constructor',
    ],
    ['a missing agency', (b) => ({ ...b, agencyId: undefined }), 'agencyId', '受理机关不能为空'],
    ['an applicant given as text', (b) => ({ ...b, applicant: '张三' }), 'applicant', '申请人信息格式不正确，应为对象'],
  ])('rejects %s with a Chinese message naming the field', (_name, mutate, path, message) => {
    expect(messageAt(mutate(validBody()), path)).toBe(message);
  });

  it('reports every rejected field and summarises the first with the count', () => {
    const body = {
      ...validBody(),
      foo: 1,
      bar: 2,
      applicant: { ...validBody().applicant, idNumber: '110105194912310021' },
    };
    const described = errorsOf(body);
    expect(described.fields.map((f) => f.path).sort()).toEqual(['applicant.idNumber', 'bar', 'foo']);
    expect(described.message).toBe(`${described.fields[0]?.message}（共3处）`);
  });

  it('rejects a body that is not an object', () => {
    for (const body of [null, [], 'text', 42, true]) {
      expect(errorsOf(body).fields).toEqual([{ path: '', message: '申请内容格式不正确，应为对象' }]);
    }
  });

  it('shapes the API error body with code validation_failed', () => {
    const result = validateJsonBody(
      submitRequestSchema,
      JSON.stringify({ ...validBody(), x: 1 }),
      SUBMIT_REQUEST_FIELD_LABELS,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(validationErrorBody(result.error)).toEqual({
      error: {
        code: 'validation_failed',
        message: '不允许的字段：x（共1处）',
        fields: [{ path: 'x', message: '不允许的字段：x' }],
      },
    });
  });

  it.each([
    ['malformed JSON', '{"agencyId": ', '请求体不是有效的JSON'],
    ['an empty body', '', '请求体不能为空'],
    ['no body', null, '请求体不能为空'],
  ])('rejects %s before validating', (_name, raw, message) => {
    const result = validateJsonBody(submitRequestSchema, raw);
    expect(result).toEqual({ ok: false, error: { message: `${message}（共1处）`, fields: [{ path: '', message }] } });
  });

  it('describes invalid JSON in the same shape as a validation error', () => {
    expect(describeInvalidJson().fields).toEqual([{ path: '', message: '请求体不是有效的JSON' }]);
  });

  it('accepts a valid JSON body through validateJsonBody', () => {
    const result = validateJsonBody(submitRequestSchema, JSON.stringify(validBody()));
    expect(result.ok).toBe(true);
  });
});

describe('POST /v1/requests/{receiptNumber}/supplement body', () => {
  it('accepts the supplemented description with an optional document number', () => {
    expect(supplementSchema.parse({ text: ' 补充说明 ', documentNumber: '文号1' })).toEqual({
      text: '补充说明',
      documentNumber: '文号1',
    });
  });

  it.each([
    [{ text: '' }, 'text', '补正说明不能为空'],
    [{ text: 'x'.repeat(5001) }, 'text', '补正说明不能超过5000个字符'],
    [{}, 'text', '补正说明不能为空'],
    [{ text: 'x', note: 'y' }, 'note', '不允许的字段：note'],
  ])('rejects %j with a Chinese message', (body, path, message) => {
    const result = supplementSchema.safeParse(body);
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(describeZodError(result.error, SUPPLEMENT_FIELD_LABELS).fields).toContainEqual({ path, message });
  });
});

describe('identity number by type', () => {
  it.each([
    ['other_id', 'abc', false],
    ['other_id', 'abcd', true],
    ['other_id', 'x'.repeat(31), false],
    ['passport', 'E1234', true],
    ['passport', 'E123', false],
  ] as const)('checks %s %s → %s', (idType, idNumber, ok) => {
    expect(checkIdNumber(idType, idNumber).ok).toBe(ok);
  });
});

// ---------------------------------------------------------------------------------------------
// Property-based: valid bodies are accepted; every malformed body is rejected with a field and a
// Chinese message.
// ---------------------------------------------------------------------------------------------

const digits = (n: number) =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((a) => a.join(''));
const residentId = fc
  .record({
    region: fc.integer({ min: 110000, max: 829999 }),
    date: fc.date({
      min: new Date('1900-01-01T00:00:00Z'),
      max: new Date('2099-12-31T00:00:00Z'),
      noInvalidDate: true,
    }),
    seq: digits(3),
  })
  .map(({ region, date, seq }) => {
    const first17 = `${region}${date.toISOString().slice(0, 10).replace(/-/g, '')}${seq}`;
    return first17 + residentIdCheckDigit(first17);
  });
const creditChar = fc.constantFrom(...'0123456789ABCDEFGHJKLMNPQRTUWXY');
const creditCode = fc
  .record({
    head: fc.array(creditChar, { minLength: 2, maxLength: 2 }),
    region: digits(6),
    org: fc.array(creditChar, { minLength: 9, maxLength: 9 }),
  })
  .map(({ head, region, org }) => {
    const first17 = head.join('') + region + org.join('');
    return first17 + creditCodeCheckChar(first17);
  });
const nonBlank = (max: number) => fc.string({ minLength: 1, maxLength: max }).filter((s) => s.trim().length > 0);
const mobile = fc.tuple(fc.integer({ min: 3, max: 9 }), digits(9)).map(([second, rest]) => `1${second}${rest}`);
const emailAddress = fc
  .tuple(
    fc.stringMatching(/^[a-z][a-z0-9._]{0,15}$/),
    fc.stringMatching(/^[a-z]{1,10}$/),
    fc.constantFrom('cn', 'com', 'org.cn'),
  )
  .filter(([local]) => !local.endsWith('.') && !local.includes('..'))
  .map(([local, host, tld]) => `${local}@${host}.${tld}`);

const applicantArb = fc.oneof(
  fc.record({
    type: fc.constant('natural_person'),
    name: nonBlank(100),
    idType: fc.constant('resident_id'),
    idNumber: residentId,
    phone: mobile,
    email: emailAddress,
    address: fc.constant('北京市朝阳区建国路88号'),
  }),
  fc.record({
    type: fc.constantFrom(...APPLICANT_TYPES.filter((t) => t !== 'natural_person')),
    name: nonBlank(100),
    idType: fc.constant('credit_code'),
    idNumber: creditCode,
    phone: fc.constantFrom('010-12345678', '0571-8888888', '0755-86013388-801'),
    email: emailAddress,
    address: fc.constant('浙江省杭州市西湖区文三路1号'),
  }),
);

const validBodyArb = fc.record(
  {
    agencyId: fc.stringMatching(/^[a-z0-9-]{1,64}$/),
    applicant: applicantArb,
    information: fc.record(
      { description: nonBlank(5000), documentNumber: fc.string({ maxLength: 100 }) },
      { requiredKeys: ['description'] },
    ),
    delivery: fc.record({ form: fc.constantFrom(...DELIVERY_FORMS), method: fc.constantFrom(...DELIVERY_METHODS) }),
    clientToken: fc.stringMatching(/^[A-Za-z0-9_-]{8,64}$/),
  },
  { requiredKeys: ['agencyId', 'applicant', 'information', 'delivery'] },
);

type Body = Record<string, unknown> & { applicant: Record<string, unknown> };

/** Ways to break a valid body, each certain to make it invalid. */
const wrongValue = fc.oneof(
  fc.constant(null),
  fc.integer(),
  fc.boolean(),
  fc.constant([]),
  fc.constant({}),
  fc.constant(undefined),
);
const mutation: fc.Arbitrary<(b: Body) => unknown> = fc.oneof(
  fc
    .constantFrom('agencyId', 'applicant', 'information', 'delivery')
    .chain((key) => wrongValue.map((v) => (b: Body) => ({ ...b, [key]: v }))),
  fc
    .constantFrom('type', 'name', 'idType', 'idNumber', 'phone', 'email')
    .chain((key) => wrongValue.map((v) => (b: Body) => ({ ...b, applicant: { ...b.applicant, [key]: v } }))),
  fc
    .string({ minLength: 1, maxLength: 12 })
    .filter(
      (k) => !['agencyId', 'applicant', 'information', 'delivery', 'clientToken'].includes(k) && k !== '__proto__',
    )
    .map((k) => (b: Body) => ({ ...b, [k]: 'x' })),
  fc
    .string({ minLength: 1, maxLength: 12 })
    .filter(
      (k) => !['type', 'name', 'idType', 'idNumber', 'phone', 'email', 'address'].includes(k) && k !== '__proto__',
    )
    .map((k) => (b: Body) => ({ ...b, applicant: { ...b.applicant, [k]: 'x' } })),
  fc.constant((b: Body) => ({ ...b, applicant: { ...b.applicant, name: '名'.repeat(101) } })),
  fc.constant((b: Body) => ({ ...b, applicant: { ...b.applicant, idNumber: flipLast(String(b.applicant.idNumber)) } })),
  fc.stringMatching(/^[0-9]{0,9}$/).map((p) => (b: Body) => ({ ...b, applicant: { ...b.applicant, phone: p } })),
  fc
    .string({ maxLength: 20 })
    .filter((s) => !s.includes('@'))
    .map((e) => (b: Body) => ({ ...b, applicant: { ...b.applicant, email: e } })),
  fc.string({ maxLength: 7 }).map((t) => (b: Body) => ({ ...b, clientToken: t })),
  fc.constant((b: Body) => ({ ...b, information: { description: '' } })),
  fc.constant((b: Body) => ({ ...b, delivery: { form: 'paper', method: 'fax' } })),
  fc.constantFrom<unknown>(null, 'body', 42, [], true).map((v) => () => v),
);

/** Changes the check character to another valid-looking one, so the checksum fails. */
function flipLast(id: string): string {
  const last = id.slice(-1);
  return id.slice(0, -1) + (last === '0' ? '1' : '0');
}

describe('POST /v1/requests body (properties)', () => {
  it('accepts every well-formed application', () => {
    fc.assert(
      fc.property(validBodyArb, (body) => {
        const result = submitRequestSchema.safeParse(body);
        if (!result.success) throw new Error(JSON.stringify(describeZodError(result.error)));
      }),
      { numRuns: 300 },
    );
  });

  it('rejects 1,000 malformed bodies, each with at least one field path and a Chinese message', () => {
    fc.assert(
      fc.property(validBodyArb, mutation, (body, mutate) => {
        const result = submitRequestSchema.safeParse(mutate(body as Body));
        expect(result.success).toBe(false);
        if (result.success) return;
        const described = describeZodError(result.error, SUBMIT_REQUEST_FIELD_LABELS);
        expect(described.fields.length).toBeGreaterThanOrEqual(1);
        for (const field of described.fields) {
          expect(typeof field.path).toBe('string');
          expect(field.message).toMatch(CHINESE);
        }
        expect(described.message).toMatch(new RegExp(`（共${described.fields.length}处）$`));
      }),
      { numRuns: 1000 },
    );
  });
});

describe('schemas built on first use (issue 17)', () => {
  it('builds the submission and supplement schemas once, when first asked for', () => {
    // Act
    const [first, again] = [makeSubmitRequestSchema(), makeSubmitRequestSchema()];

    // Assert
    expect(again).toBe(first);
    expect(makeSupplementSchema()).toBe(makeSupplementSchema());
  });
});
