/**
 * Input schemas of the staff case API (design.md §5): registering a paper, post or fax application
 * (`POST /v1/cases`), the work list query (`GET /v1/cases`) and the case actions
 * (`POST /v1/cases/{caseId}/actions`). Dates are legal dates `YYYY-MM-DD` in Asia/Shanghai; schemas
 * that must refuse future dates are built per request from the system clock's `today`.
 */
import * as z from 'zod/mini';
import {
  CHANNELS,
  CHANNEL_LABELS,
  OUTCOME_CODES,
  OUTCOME_LABELS,
  SERVICE_METHODS,
  SERVICE_METHOD_LABELS,
  type Channel,
  type LocalDate,
} from '../shared/domain/model';
import {
  chineseMessage,
  integer,
  labelled,
  localDate,
  oneOf,
  onFirstUse,
  optionalText,
  perDay,
  strictObject,
  text,
  type FieldLabels,
} from '../shared/http/validation';
import { APPLICANT_PURPOSES, PURPOSE_LABELS, STAFF_PURPOSES } from '../shared/domain/attachments';
import {
  APPLICATION_FIELD_LABELS,
  makeAgencyIdSchema,
  checkContactForDelivery,
  makeDeliverySchema,
  makeInformationSchema,
  makeApplicantSchema,
} from '../intake/schema';

/** The channels staff register (Art. 31); `online` applications come only through the public form. */
export const STAFF_CHANNELS = CHANNELS.filter((c): c is Exclude<Channel, 'online'> => c !== 'online') as [
  Exclude<Channel, 'online'>,
  ...Exclude<Channel, 'online'>[],
];

/** Labels of every field of `POST /v1/cases`. */
export const REGISTER_CASE_FIELD_LABELS = {
  '': '登记内容',
  ...APPLICATION_FIELD_LABELS,
  channel: '申请方式',
  receivedOn: '收到申请日期',
} as const satisfies FieldLabels;

const whenObject = {
  when: (payload: z.core.ParsePayload) => typeof payload.value === 'object' && payload.value !== null,
};

/**
 * `POST /v1/cases`: staff register an application received in person, by post or by fax with its
 * receipt date (Art. 31), which may be in the past but never after `today`.
 *
 * @example makeRegisterCaseSchema('2024-10-23').safeParse({ ...body, receivedOn: '2024-10-24' }).success // => false
 */
function registerCaseSchema(today: LocalDate) {
  const R = REGISTER_CASE_FIELD_LABELS;
  return strictObject(R[''], {
    agencyId: makeAgencyIdSchema(),
    channel: oneOf(R.channel, STAFF_CHANNELS, CHANNEL_LABELS),
    receivedOn: localDate(R.receivedOn, { notAfter: today }),
    applicant: makeApplicantSchema({ requireEmail: false }),
    information: makeInformationSchema(),
    delivery: makeDeliverySchema(),
  }).check(z.superRefine((body, ctx) => checkContactForDelivery(body, ctx), whenObject));
}
/** The schema of `POST /v1/cases` for the day `today` (built once a day). */
export const makeRegisterCaseSchema = perDay(registerCaseSchema);
export type RegisterCaseBody = z.output<ReturnType<typeof makeRegisterCaseSchema>>;

/** Work-list filters of `GET /v1/cases?status=` (derived from each case's events by the cases handler). */
export const CASE_LIST_STATUSES = [
  'open',
  'awaiting_supplement',
  'in_consultation',
  'awaiting_fee',
  'overdue',
  'extension_pending',
  'closed',
] as const;
export type CaseListStatus = (typeof CASE_LIST_STATUSES)[number];
export const CASE_LIST_STATUS_LABELS: Record<CaseListStatus, string> = {
  open: '办理中',
  awaiting_supplement: '待补正',
  in_consultation: '征求意见中',
  awaiting_fee: '待缴费',
  overdue: '已逾期',
  extension_pending: '延期待批准',
  closed: '已办结',
};

export const LIST_CASES_FIELD_LABELS = {
  '': '查询参数',
  agencyId: '受理机关',
  status: '办理状态',
  dueBefore: '答复期限截止日期',
  overdue: '仅逾期案件（overdue）',
  assignee: '承办人（assignee）',
  q: '搜索内容（q）',
  limit: '每页条数（limit）',
  cursor: '分页游标（cursor）',
  year: '台账年度（year）',
  format: '导出格式（format）',
} as const satisfies FieldLabels;

/** The work list's page size (design.md §9 "Paging"): 50 by default, at most 200. */
export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

/** A positive whole number given as a query-string value. */
const queryInteger = (label: string, range: { min: number; max: number }) =>
  z.pipe(
    z.pipe(
      z.string({ error: labelled(label) }).check(z.regex(/^\d{1,6}$/, { error: `${label}应为整数` })),
      z.transform(Number),
    ),
    z
      .number()
      .check(
        z.gte(range.min, { error: `${label}不能小于${range.min}` }),
        z.lte(range.max, { error: `${label}不能大于${range.max}` }),
      ),
  );

/**
 * `GET /v1/cases?agencyId=&status=&dueBefore=&overdue=&assignee=&q=&limit=&cursor=` — the work list, one page
 * (unknown parameters rejected); with `year=YYYY&format=xlsx|csv` the ledger (台账) of that year instead.
 * `assignee=me` is the signed-in officer.
 */
export const makeListCasesQuerySchema = onFirstUse(() =>
  strictObject(LIST_CASES_FIELD_LABELS[''], {
    agencyId: makeAgencyIdSchema(),
    status: z.optional(oneOf(LIST_CASES_FIELD_LABELS.status, CASE_LIST_STATUSES, CASE_LIST_STATUS_LABELS)),
    dueBefore: z.optional(localDate(LIST_CASES_FIELD_LABELS.dueBefore)),
    overdue: z.optional(oneOf(LIST_CASES_FIELD_LABELS.overdue, ['true', 'false'], { true: '是', false: '否' })),
    assignee: z.optional(text(LIST_CASES_FIELD_LABELS.assignee, { max: 200 })),
    q: z.optional(text(LIST_CASES_FIELD_LABELS.q, { max: 100 })),
    limit: z.optional(queryInteger(LIST_CASES_FIELD_LABELS.limit, { min: 1, max: MAX_PAGE_SIZE })),
    cursor: z.optional(text(LIST_CASES_FIELD_LABELS.cursor, { max: 2000 })),
    year: z.optional(queryInteger(LIST_CASES_FIELD_LABELS.year, { min: 2000, max: 2100 })),
    format: z.optional(
      oneOf(LIST_CASES_FIELD_LABELS.format, ['xlsx', 'csv'], {
        xlsx: 'Excel工作簿',
        csv: 'CSV（UTF-8）',
      }),
    ),
  }).check(
    z.superRefine((query, ctx) => {
      if ((query.year === undefined) !== (query.format === undefined))
        ctx.addIssue({
          code: 'custom',
          path: [query.year === undefined ? 'year' : 'format'],
          message: '导出台账须同时填写台账年度（year）和导出格式（format）',
        });
    }, whenObject),
  ),
);
export type ListCasesQuery = z.output<ReturnType<typeof makeListCasesQuerySchema>>;

/** The action types of `POST /v1/cases/{caseId}/actions`, in the order of design.md §5. */
export const CASE_ACTION_TYPES = [
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
] as const;
export type CaseActionType = (typeof CASE_ACTION_TYPES)[number];
export const CASE_ACTION_LABELS: Record<CaseActionType, string> = {
  request_supplement: '告知补正',
  supplement_received: '收到补正',
  start_consultation: '征求意见',
  end_consultation: '征求意见结束',
  extend: '延期答复（负责人已书面批准）',
  issue_fee_notice: '发出收费通知',
  fee_paid: '已缴费',
  reply: '答复',
  assign: '分配承办人',
  add_note: '添加内部备注',
  request_extension: '申请延期（报负责人审批）',
  approve_extension: '批准延期',
  reject_extension: '不批准延期',
  record_service: '记录送达',
};

export const CASE_ACTION_FIELD_LABELS = {
  '': '操作内容',
  type: '操作类型',
  expectedVersion: '案件版本号（expectedVersion）',
  items: '补正事项',
  periodWorkingDays: '补正期限（工作日）',
  receivedOn: '收到补正日期',
  party: '征求意见对象类型',
  name: '征求意见对象名称',
  sentOn: '发出日期',
  receivedOn_party: '对方收到征求意见的日期',
  receivedOn_fee: '申请人收到收费通知的日期',
  consultationId: '征求意见编号',
  endedOn: '征求意见结束日期',
  workingDays: '延长的工作日数',
  approver: '延期批准人',
  decidedOn: '延期决定日期',
  reason: '延期理由',
  notifiedOn: '告知申请人延期的日期',
  question: '征求意见事项',
  lateReason: '逾期补正的正当理由',
  method: '收费方式',
  pages: '页数',
  paidOn: '缴费日期',
  outcome: '答复结果',
  repliedOn: '答复日期',
  summary: '答复内容摘要',
  opinion: '征求意见结果',
  opinionSummary: '意见摘要',
  assignee: '承办人',
  text: '备注内容',
  requestId: '延期申请编号',
  rejectReason: '不批准的理由',
  documentId: '文书编号（documentId）',
  servedOn: '送达日期',
  trackingNumber: '邮件单号',
} as const satisfies FieldLabels;

/** The opinion a consultation ended with (Art. 32: 同意, 不同意, or no answer within the period). */
export const CONSULTATION_OPINIONS = ['agreed', 'disagreed', 'no_reply'] as const;
export const CONSULTATION_OPINION_LABELS: Record<(typeof CONSULTATION_OPINIONS)[number], string> = {
  agreed: '同意公开',
  disagreed: '不同意公开',
  no_reply: '逾期未答复',
};

/**
 * `POST /v1/cases/{caseId}/actions`: a discriminated union on `type`, each with `expectedVersion`
 * (the case version the staff member saw; optimistic concurrency). Omitted dates default to today
 * in the handler; given dates are real dates not after `today`.
 *
 * - `request_supplement` — Art. 30: one notice naming `items`, with a period of `periodWorkingDays` (1–60).
 * - `supplement_received` — Art. 30: the reply clock restarts from `receivedOn`; after the period only with a
 *   `lateReason` (staff accepting a late supplement).
 * - `start_consultation` / `end_consultation` — Art. 32, 34; the time is not counted (Art. 33 ¶3); `question` asked,
 *   `receivedOn` the party's receipt (the 15-day opinion period counts from it, by default `sentOn`).
 * - `extend` — Art. 33 ¶2: at most 20 working days, approved by the head of the OGI office (`approver`), with its
 *   `reason`; `notifiedOn` the day the applicant was told (a paper notice; at most the reply due date).
 * - `issue_fee_notice` — Fee Measures: `pages` required by pages (按量), not allowed by count (按件); `receivedOn`
 *   the applicant's receipt of the notice (Art. 7: 20 working days from the day after it; by default `sentOn`).
 * - `fee_paid`, `reply` — `outcome` any of the 21 codes of ogi-rules.md §4.
 *
 * @example makeCaseActionSchema('2024-10-23').parse({ type: 'extend', expectedVersion: 3, workingDays: 20, approver: '王主任' })
 */
function caseActionSchema(today: LocalDate) {
  const A = CASE_ACTION_FIELD_LABELS;
  const date = (label: string) => z.optional(localDate(label, { notAfter: today }));
  const action = <T extends CaseActionType, S extends z.core.$ZodLooseShape>(type: T, shape: S) =>
    strictObject(A[''], {
      type: z.literal(type),
      expectedVersion: integer(A.expectedVersion, { min: 1 }),
      ...shape,
    });
  return z.discriminatedUnion(
    'type',
    [
      action('request_supplement', {
        items: text(A.items, { max: 2000 }),
        periodWorkingDays: integer(A.periodWorkingDays, { min: 1, max: 60 }),
      }),
      action('supplement_received', {
        receivedOn: date(A.receivedOn),
        lateReason: optionalText(A.lateReason, { max: 2000 }),
      }),
      action('start_consultation', {
        party: oneOf(A.party, ['third_party', 'other_agency'], { third_party: '第三方', other_agency: '其他行政机关' }),
        name: text(A.name, { max: 100 }),
        sentOn: date(A.sentOn),
        question: optionalText(A.question, { max: 2000 }),
        receivedOn: date(A.receivedOn_party),
      }),
      action('end_consultation', {
        consultationId: text(A.consultationId, { max: 64 }),
        endedOn: date(A.endedOn),
        opinion: z.optional(oneOf(A.opinion, CONSULTATION_OPINIONS, CONSULTATION_OPINION_LABELS)),
        opinionSummary: optionalText(A.opinionSummary, { max: 2000 }),
      }),
      action('extend', {
        workingDays: integer(A.workingDays, { min: 1, max: 20 }),
        approver: text(A.approver, { max: 100 }),
        decidedOn: date(A.decidedOn),
        reason: optionalText(A.reason, { max: 2000 }),
        notifiedOn: date(A.notifiedOn),
      }),
      action('issue_fee_notice', {
        method: oneOf(A.method, ['by_count', 'by_pages'], { by_count: '按件计收', by_pages: '按量计收' }),
        pages: z.optional(integer(A.pages, { min: 1 })),
        sentOn: date(A.sentOn),
        receivedOn: date(A.receivedOn_fee),
      }).check(
        z.superRefine((a, ctx) => {
          if (a.method === 'by_pages' && a.pages === undefined) {
            ctx.addIssue({ code: 'custom', path: ['pages'], message: '按量计收时必须填写页数' });
          }
          if (a.method === 'by_count' && a.pages !== undefined) {
            ctx.addIssue({ code: 'custom', path: ['pages'], message: '按件计收时不应填写页数' });
          }
        }, whenObject),
      ),
      action('fee_paid', { paidOn: date(A.paidOn) }),
      action('reply', {
        outcome: oneOf(A.outcome, OUTCOME_CODES, OUTCOME_LABELS),
        repliedOn: date(A.repliedOn),
        summary: text(A.summary, { max: 5000 }),
      }),
      action('assign', { assignee: text(A.assignee, { max: 200 }) }),
      action('add_note', { text: text(A.text, { max: 5000 }) }),
      action('request_extension', {
        workingDays: integer(A.workingDays, { min: 1, max: 20 }),
        reason: text(A.reason, { max: 2000 }),
      }),
      action('approve_extension', { requestId: text(A.requestId, { max: 64 }) }),
      action('reject_extension', {
        requestId: text(A.requestId, { max: 64 }),
        reason: optionalText(A.rejectReason, { max: 2000 }),
      }),
      action('record_service', {
        documentId: text(A.documentId, { max: 64 }),
        method: oneOf(A.method, SERVICE_METHODS, SERVICE_METHOD_LABELS),
        servedOn: date(A.servedOn),
        trackingNumber: z.optional(text(A.trackingNumber, { max: 64 })),
      }),
    ],
    { error: actionTypeError },
  );
}
/** The schema of `POST /v1/cases/{caseId}/actions` for the day `today` (built once a day). */
export const makeCaseActionSchema = perDay(caseActionSchema);
export type CaseActionBody = z.output<ReturnType<typeof makeCaseActionSchema>>;

function actionTypeError(iss: z.core.$ZodRawIssue): string {
  if (iss.code === 'invalid_union') {
    const input = iss.input;
    if (typeof input !== 'object' || input === null || Array.isArray(input)) return '操作内容格式不正确，应为对象';
    if (!('type' in input) || input.type === undefined) return '操作类型不能为空';
    return `操作类型无效，应为：${CASE_ACTION_TYPES.map((t) => `${t}（${CASE_ACTION_LABELS[t]}）`).join('、')}`;
  }
  if (iss.code === 'invalid_type' && iss.path?.length !== 1) return '操作内容格式不正确，应为对象';
  return chineseMessage(CASE_ACTION_FIELD_LABELS.type, iss);
}

export const RECEIPT_VOIDS_FIELD_LABELS = {
  '': '查询参数',
  year: '年度',
} as const satisfies FieldLabels;

/** `GET /v1/agencies/{agencyId}/receipt-voids?year=`: the receipt numbers of a year recorded void. */
export const makeReceiptVoidsQuerySchema = onFirstUse(() =>
  strictObject(RECEIPT_VOIDS_FIELD_LABELS[''], {
    year: z.pipe(
      z.pipe(
        z.string({ error: '请提供年度（year）' }).check(z.regex(/^\d{4}$/, { error: '年度应为四位数字' })),
        z.transform(Number),
      ),
      integer(RECEIPT_VOIDS_FIELD_LABELS.year, { min: 2008, max: 2100 }),
    ),
  }),
);

/** Labels of an attachment announcement (`POST …/attachments`), design.md §9. */
export const ATTACHMENT_FIELD_LABELS = {
  '': '附件信息',
  fileName: '文件名',
  contentType: '文件类型',
  size: '文件大小',
  purpose: '附件用途',
  forApplicant: '是否提供给申请人',
  count: '附件数量',
} as const satisfies FieldLabels;

const attachmentShape = () => {
  const L = ATTACHMENT_FIELD_LABELS;
  return {
    // Not `text`: a name with control characters or `../` is accepted and sanitised (design.md §9), not refused.
    fileName: z
      .string({ error: labelled(L.fileName) })
      .check(
        z.trim(),
        z.minLength(1, { error: `${L.fileName}不能为空` }),
        z.maxLength(255, { error: `${L.fileName}不得超过255个字符` }),
      ),
    contentType: text(L.contentType, { max: 200 }),
    size: integer(L.size, { min: 1 }),
  };
};

/** `POST /v1/cases/{caseId}/attachments`: staff purposes; `forApplicant` marks it for the applicant. */
export const makeStaffAttachmentSchema = onFirstUse(() =>
  strictObject(ATTACHMENT_FIELD_LABELS[''], {
    ...attachmentShape(),
    purpose: oneOf(ATTACHMENT_FIELD_LABELS.purpose, STAFF_PURPOSES, PURPOSE_LABELS),
    forApplicant: z.optional(z.boolean({ error: '是否提供给申请人应为 true 或 false' })),
  }),
);

/** `POST /v1/requests/{receiptNumber}/attachments?code=`: the applicant's purposes. */
export const makeApplicantAttachmentSchema = onFirstUse(() =>
  strictObject(ATTACHMENT_FIELD_LABELS[''], {
    ...attachmentShape(),
    purpose: oneOf(ATTACHMENT_FIELD_LABELS.purpose, APPLICANT_PURPOSES, PURPOSE_LABELS),
  }),
);

/** `?format=docx|html` of a document download (Word by default). */
export const makeDocumentFormatSchema = onFirstUse(() =>
  z.looseObject({
    format: z.optional(oneOf('文书格式', ['docx', 'html'], { docx: 'Word', html: 'HTML' })),
  }),
);
