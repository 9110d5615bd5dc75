import {
  CASE_ACTION_FIELD_LABELS,
  CASE_ACTION_TYPES,
  REGISTER_CASE_FIELD_LABELS,
  STAFF_CHANNELS,
  makeCaseActionSchema,
  makeListCasesQuerySchema,
  makeRegisterCaseSchema,
} from '../../functions/cases/schema';
import { YEAR_DATA_FIELD_LABELS, agencyYearParamsSchema, yearDataSchema } from '../../functions/annual-report/schema';
import { describeZodError } from '../../functions/shared/http/validation';
import { OUTCOME_CODES } from '../../functions/shared/domain/model';

import type * as z from 'zod/mini';
import type { YearData } from '../../functions/shared/domain/annual-report/types';

const listCasesQuerySchema = makeListCasesQuerySchema();

const TODAY = '2024-10-23';
const actionSchema = makeCaseActionSchema(TODAY);

function fieldsOf(schema: z.ZodMiniType, input: unknown, labels = {}) {
  const result = schema.safeParse(input);
  if (result.success) throw new Error(`expected a rejection: ${JSON.stringify(input)}`);
  return describeZodError(result.error, labels).fields;
}

describe('POST /v1/cases/{caseId}/actions body', () => {
  it.each([
    { type: 'request_supplement', expectedVersion: 1, items: '请说明所需信息的具体年份', periodWorkingDays: 15 },
    { type: 'supplement_received', expectedVersion: 2 },
    { type: 'supplement_received', expectedVersion: 2, receivedOn: '2024-10-23' },
    { type: 'start_consultation', expectedVersion: 3, party: 'third_party', name: '某某公司', sentOn: '2024-10-01' },
    { type: 'start_consultation', expectedVersion: 3, party: 'other_agency', name: '县财政局' },
    { type: 'end_consultation', expectedVersion: 4, consultationId: 'c-1', endedOn: '2024-10-20' },
    { type: 'extend', expectedVersion: 5, workingDays: 20, approver: '王主任', decidedOn: '2024-10-22' },
    { type: 'extend', expectedVersion: 5, workingDays: 1, approver: '王主任' },
    { type: 'issue_fee_notice', expectedVersion: 6, method: 'by_pages', pages: 150, sentOn: '2024-10-10' },
    { type: 'issue_fee_notice', expectedVersion: 6, method: 'by_count' },
    { type: 'fee_paid', expectedVersion: 7, paidOn: '2024-10-15' },
    { type: 'reply', expectedVersion: 8, outcome: 'disclosed', repliedOn: '2024-10-23', summary: '予以公开，见附件。' },
  ])('accepts a $type action', (body) => {
    expect(actionSchema.parse(body)).toEqual(body);
  });

  it.each(OUTCOME_CODES)('accepts the outcome %s on a reply, the automatic ones included', (outcome) => {
    expect(actionSchema.safeParse({ type: 'reply', expectedVersion: 1, outcome, summary: '答复' }).success).toBe(true);
  });

  it('knows exactly the eight action types of design.md §5, the five desk actions and record_service of §9', () => {
    expect([...CASE_ACTION_TYPES]).toEqual([
      'request_supplement',
      'supplement_received',
      'start_consultation',
      'end_consultation',
      'extend',
      'issue_fee_notice',
      'fee_paid',
      'reply',
      'assign',
      'add_note',
      'request_extension',
      'approve_extension',
      'reject_extension',
      'record_service',
    ]);
  });

  it.each<[string, unknown, string, string]>([
    ['a missing type', { expectedVersion: 1 }, 'type', '操作类型不能为空'],
    ['a body that is not an object', null, '', '操作内容格式不正确，应为对象'],
    [
      'a version of 0',
      { type: 'fee_paid', expectedVersion: 0 },
      'expectedVersion',
      '案件版本号（expectedVersion）不能小于1',
    ],
    [
      'a fractional version',
      { type: 'fee_paid', expectedVersion: 1.5 },
      'expectedVersion',
      '案件版本号（expectedVersion）必须是整数',
    ],
    ['a missing version', { type: 'fee_paid' }, 'expectedVersion', '案件版本号（expectedVersion）不能为空'],
    [
      'a version given as text',
      { type: 'fee_paid', expectedVersion: '1' },
      'expectedVersion',
      '案件版本号（expectedVersion）必须是数字',
    ],
    [
      'empty supplement items',
      { type: 'request_supplement', expectedVersion: 1, items: ' ', periodWorkingDays: 10 },
      'items',
      '补正事项不能为空',
    ],
    [
      'supplement items of 2001 characters',
      { type: 'request_supplement', expectedVersion: 1, items: '项'.repeat(2001), periodWorkingDays: 10 },
      'items',
      '补正事项不能超过2000个字符',
    ],
    [
      'a supplement period of 0',
      { type: 'request_supplement', expectedVersion: 1, items: 'x', periodWorkingDays: 0 },
      'periodWorkingDays',
      '补正期限（工作日）不能小于1',
    ],
    [
      'a supplement period of 61',
      { type: 'request_supplement', expectedVersion: 1, items: 'x', periodWorkingDays: 61 },
      'periodWorkingDays',
      '补正期限（工作日）不能大于60',
    ],
    [
      'a future supplement date',
      { type: 'supplement_received', expectedVersion: 1, receivedOn: '2024-10-24' },
      'receivedOn',
      '收到补正日期不能晚于今天（2024-10-23）',
    ],
    [
      'an impossible date',
      { type: 'fee_paid', expectedVersion: 1, paidOn: '2024-02-30' },
      'paidOn',
      '缴费日期不是有效的日期',
    ],
    [
      'a date in another format',
      { type: 'fee_paid', expectedVersion: 1, paidOn: '2024/10/01' },
      'paidOn',
      '缴费日期格式应为YYYY-MM-DD',
    ],
    [
      'an unknown consultation party',
      { type: 'start_consultation', expectedVersion: 1, party: 'court', name: 'x' },
      'party',
      '征求意见对象类型的取值无效，应为：third_party（第三方）、other_agency（其他行政机关）',
    ],
    [
      'a consultation without a name',
      { type: 'start_consultation', expectedVersion: 1, party: 'third_party' },
      'name',
      '征求意见对象名称不能为空',
    ],
    [
      'an end without a consultation id',
      { type: 'end_consultation', expectedVersion: 1 },
      'consultationId',
      '征求意见编号不能为空',
    ],
    [
      'an extension of 21 working days',
      { type: 'extend', expectedVersion: 1, workingDays: 21, approver: '王主任' },
      'workingDays',
      '延长的工作日数不能大于20',
    ],
    [
      'an extension of 0 working days',
      { type: 'extend', expectedVersion: 1, workingDays: 0, approver: '王主任' },
      'workingDays',
      '延长的工作日数不能小于1',
    ],
    [
      'an extension without an approver',
      { type: 'extend', expectedVersion: 1, workingDays: 10 },
      'approver',
      '延期批准人不能为空',
    ],
    [
      'an extension with a blank approver',
      { type: 'extend', expectedVersion: 1, workingDays: 10, approver: '  ' },
      'approver',
      '延期批准人不能为空',
    ],
    [
      'a fee by pages without pages',
      { type: 'issue_fee_notice', expectedVersion: 1, method: 'by_pages' },
      'pages',
      '按量计收时必须填写页数',
    ],
    [
      'a fee by count with pages',
      { type: 'issue_fee_notice', expectedVersion: 1, method: 'by_count', pages: 40 },
      'pages',
      '按件计收时不应填写页数',
    ],
    [
      'a fee by pages with 0 pages',
      { type: 'issue_fee_notice', expectedVersion: 1, method: 'by_pages', pages: 0 },
      'pages',
      '页数不能小于1',
    ],
    [
      'a fee by pages with fractional pages',
      { type: 'issue_fee_notice', expectedVersion: 1, method: 'by_pages', pages: 2.5 },
      'pages',
      '页数必须是整数',
    ],
    [
      'a reply with an unknown outcome',
      { type: 'reply', expectedVersion: 1, outcome: 'rejected', summary: 'x' },
      'outcome',
      '',
    ],
    [
      'a reply without a summary',
      { type: 'reply', expectedVersion: 1, outcome: 'disclosed' },
      'summary',
      '答复内容摘要不能为空',
    ],
    [
      'a reply summary of 5001 characters',
      { type: 'reply', expectedVersion: 1, outcome: 'disclosed', summary: '字'.repeat(5001) },
      'summary',
      '答复内容摘要不能超过5000个字符',
    ],
    [
      'a field of another action type',
      { type: 'fee_paid', expectedVersion: 1, workingDays: 3 },
      'workingDays',
      '不允许的字段：workingDays',
    ],
  ])('rejects %s with a Chinese message naming the field', (_name, body, path, message) => {
    const field = fieldsOf(actionSchema, body, CASE_ACTION_FIELD_LABELS).find((f) => f.path === path);
    expect(field).toBeDefined();
    if (message) expect(field?.message).toBe(message);
    else expect(field?.message).toMatch(/^答复结果的取值无效，应为：disclosed（予以公开）/);
  });

  it('rejects an unknown action type, listing the allowed ones', () => {
    const [field] = fieldsOf(actionSchema, { type: 'approve', expectedVersion: 1 });
    expect(field?.path).toBe('type');
    expect(field?.message).toMatch(/^操作类型无效，应为：request_supplement（告知补正）、/);
    expect(field?.message).toContain('reply（答复）');
  });

  it('accepts a date equal to today and refuses tomorrow, per the today it was built with', () => {
    const body = { type: 'fee_paid', expectedVersion: 1, paidOn: '2024-10-24' };
    expect(makeCaseActionSchema('2024-10-24').safeParse(body).success).toBe(true);
    expect(makeCaseActionSchema('2024-10-23').safeParse(body).success).toBe(false);
  });

  it("builds a day's schema once and a new one when the day changes (issue 17)", () => {
    const body = { type: 'fee_paid', expectedVersion: 1, paidOn: '2024-10-25' };
    const thursday = makeCaseActionSchema('2024-10-24');
    expect(makeCaseActionSchema('2024-10-24')).toBe(thursday);
    expect(thursday.safeParse(body).success).toBe(false);
    const friday = makeCaseActionSchema('2024-10-25');
    expect(friday).not.toBe(thursday);
    expect(friday.safeParse(body).success).toBe(true);
    expect(makeCaseActionSchema('2024-10-24').safeParse(body).success).toBe(false);
  });
});

const registration = () => ({
  agencyId: 'niedui-town',
  channel: 'registered_post',
  receivedOn: '2024-10-21',
  applicant: {
    type: 'legal_service_org',
    name: '某某律师事务所',
    idType: 'credit_code',
    idNumber: '91350100M000100Y43',
    phone: '0571-8888888',
    address: '浙江省杭州市西湖区文三路1号',
  },
  information: { description: '2023年行政处罚决定书' },
  delivery: { form: 'paper', method: 'post' },
});

describe('POST /v1/cases body (staff registration)', () => {
  const schema = makeRegisterCaseSchema(TODAY);

  it('accepts a paper application received by registered post, without an email', () => {
    expect(schema.safeParse(registration()).success).toBe(true);
  });

  it.each(STAFF_CHANNELS)('accepts the channel %s', (channel) => {
    expect(schema.safeParse({ ...registration(), channel }).success).toBe(true);
  });

  it('accepts a receipt date of today', () => {
    expect(schema.safeParse({ ...registration(), receivedOn: TODAY }).success).toBe(true);
  });

  it.each<[string, (b: ReturnType<typeof registration>) => unknown, string, string]>([
    [
      'the online channel (public form only)',
      (b) => ({ ...b, channel: 'online' }),
      'channel',
      '申请方式的取值无效，应为：in_person（当面）、registered_post（邮寄（需签收））、ordinary_letter（平常信函）、fax（传真）',
    ],
    [
      'a receipt date in the future',
      (b) => ({ ...b, receivedOn: '2024-10-24' }),
      'receivedOn',
      '收到申请日期不能晚于今天（2024-10-23）',
    ],
    [
      'an impossible receipt date',
      (b) => ({ ...b, receivedOn: '2024-09-31' }),
      'receivedOn',
      '收到申请日期不是有效的日期',
    ],
    ['a missing receipt date', (b) => ({ ...b, receivedOn: undefined }), 'receivedOn', '收到申请日期不能为空'],
    [
      'delivery by email without an email',
      (b) => ({ ...b, delivery: { form: 'electronic', method: 'email' } }),
      'applicant.email',
      '选择电子邮件获取时，必须填写申请人电子邮箱',
    ],
    [
      'delivery by post without an address',
      (b) => ({ ...b, applicant: { ...b.applicant, address: undefined } }),
      'applicant.address',
      '选择邮寄获取时，必须填写申请人通信地址',
    ],
    [
      'a wrong credit code',
      (b) => ({ ...b, applicant: { ...b.applicant, idNumber: '91350100M000100Y4I' } }),
      'applicant.idNumber',
      '申请人统一社会信用代码含有不使用的字母（I、O、Z、S、V）',
    ],
    [
      'a client token (online only)',
      (b) => ({ ...b, clientToken: 'abcdefgh' }),
      'clientToken',
      '不允许的字段：clientToken',
    ],
  ])('rejects %s', (_name, mutate, path, message) => {
    expect(fieldsOf(schema, mutate(registration()), REGISTER_CASE_FIELD_LABELS)).toContainEqual({ path, message });
  });
});

describe('GET /v1/cases query', () => {
  it('accepts an agency alone or with a status and a due-before date', () => {
    expect(listCasesQuerySchema.parse({ agencyId: 'niedui-town' })).toEqual({ agencyId: 'niedui-town' });
    expect(listCasesQuerySchema.safeParse({ agencyId: 'a', status: 'overdue', dueBefore: '2024-12-31' }).success).toBe(
      true,
    );
  });

  it.each([
    [{}, 'agencyId', '受理机关不能为空'],
    [{ agencyId: 'a', status: 'lost' }, 'status', ''],
    [{ agencyId: 'a', dueBefore: '2024-13-01' }, 'dueBefore', '答复期限截止日期不是有效的日期'],
    [{ agencyId: 'a', page: '2' }, 'page', '不允许的字段：page'],
    [{ agencyId: 'a b' }, 'agencyId', '受理机关标识格式不正确'],
  ])('rejects %j', (query, path, message) => {
    const field = fieldsOf(listCasesQuerySchema, query).find((f) => f.path === path);
    expect(field).toBeDefined();
    if (message) expect(field?.message).toBe(message);
    else expect(field?.message).toMatch(/^办理状态的取值无效/);
  });
});

const yearData = () => ({
  activeDisclosure: {
    regulations: { issued: 0, repealed: 0, inForce: 0 },
    normativeDocuments: { issued: 1, repealed: 0, inForce: 1 },
    licensingDecisions: 69,
    penaltyDecisions: 0,
    enforcementDecisions: 0,
    feesCollectedTenThousandYuan: 0,
  },
  reviewAndLitigation: {
    review: { upheld: 0, corrected: 0, other: 0, pending: 0, total: 0 },
    litigationDirect: { upheld: 1, corrected: 1, other: 0, pending: 1, total: 3 },
    litigationAfterReview: { upheld: 0, corrected: 0, other: 0, pending: 0, total: 0 },
  },
  narrative: { overview: '本年度……', problems: '……', other: '无' },
});

describe('PUT /v1/agencies/{agencyId}/years/{year} body', () => {
  it('accepts the example of design.md §5, with a fractional fee amount', () => {
    const body = yearData();
    body.activeDisclosure.feesCollectedTenThousandYuan = 1.25;
    const parsed: YearData = yearDataSchema.parse(body); // the domain's YearData, as the report consumes it
    expect(parsed).toEqual(body);
  });

  it.each<[string, (b: ReturnType<typeof yearData>) => unknown, string, string]>([
    [
      'a negative count',
      (b) => ({ ...b, activeDisclosure: { ...b.activeDisclosure, licensingDecisions: -1 } }),
      'activeDisclosure.licensingDecisions',
      '行政许可本年处理决定数量不能小于0',
    ],
    [
      'a fractional count',
      (b) => ({
        ...b,
        activeDisclosure: { ...b.activeDisclosure, regulations: { issued: 0.5, repealed: 0, inForce: 0 } },
      }),
      'activeDisclosure.regulations.issued',
      '规章本年制发件数必须是整数',
    ],
    [
      'a negative fee amount',
      (b) => ({ ...b, activeDisclosure: { ...b.activeDisclosure, feesCollectedTenThousandYuan: -0.1 } }),
      'activeDisclosure.feesCollectedTenThousandYuan',
      '行政事业性收费本年收费金额（万元）不能小于0',
    ],
    [
      'a total that is not the sum of its four results',
      (b) => ({
        ...b,
        reviewAndLitigation: {
          ...b.reviewAndLitigation,
          review: { upheld: 1, corrected: 0, other: 0, pending: 0, total: 0 },
        },
      }),
      'reviewAndLitigation.review.total',
      '行政复议总计（0）应等于结果维持、结果纠正、其他结果、尚未审结之和（1）',
    ],
    [
      'a missing narrative part',
      (b) => ({ ...b, narrative: { overview: 'x', problems: 'y' } }),
      'narrative.other',
      '其他需要报告的事项不能为空',
    ],
    ['an unknown block', (b) => ({ ...b, section7: {} }), 'section7', '不允许的字段：section7'],
    [
      'a count given as text',
      (b) => ({ ...b, activeDisclosure: { ...b.activeDisclosure, penaltyDecisions: '3' } }),
      'activeDisclosure.penaltyDecisions',
      '行政处罚本年处理决定数量必须是数字',
    ],
  ])('rejects %s', (_name, mutate, path, message) => {
    expect(fieldsOf(yearDataSchema, mutate(yearData()), YEAR_DATA_FIELD_LABELS)).toContainEqual({ path, message });
  });

  it('parses the year path parameter into a number', () => {
    expect(agencyYearParamsSchema.parse({ agencyId: 'niedui-town', year: '2024' })).toEqual({
      agencyId: 'niedui-town',
      year: 2024,
    });
    expect(agencyYearParamsSchema.safeParse({ agencyId: 'niedui-town', year: '24' }).success).toBe(false);
    expect(agencyYearParamsSchema.safeParse({ agencyId: 'niedui-town', year: '2007' }).success).toBe(false);
  });
});
