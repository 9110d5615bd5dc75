/**
 * The case page of the staff console: the application, the statutory deadlines with how each was
 * derived and the day-by-day table, the event log, and a form for every action the case allows.
 * A refused action (422) shows the rule's article and message; a concurrent change (409) says so.
 */
import {
  CASE_ACTION_FIELD_LABELS,
  CASE_ACTION_LABELS,
  CASE_ACTION_TYPES,
  makeCaseActionSchema,
  type CaseActionType,
} from '../../functions/cases/schema';
import { DELIVERY_FORM_LABELS, DELIVERY_METHOD_LABELS, ID_TYPE_LABELS } from '../../functions/intake/schema';
import {
  APPLICANT_TYPES,
  APPLICANT_TYPE_LABELS,
  CHANNEL_LABELS,
  OUTCOME_CODES,
  OUTCOME_LABELS,
  type ApplicantType,
  type Channel,
  type DeliveryForm,
  type DeliveryMethod,
  type IdType,
  type OutcomeCode,
} from '../../functions/shared/domain/model';
import type { CaseClock, Deadline } from '../../functions/shared/domain/clock';
import { ruleInChinese } from '../../functions/shared/domain/rule-violation';
import { PROVISIONAL_NOTE } from '../../functions/shared/domain/provisional';
import { validate } from '../../functions/shared/http/validation';
import { segment } from './api';
import { caseStatusLabel, type Session } from './console-session';
import { actWarnings } from './console-warnings';
import { duplicatesPanel, type PossibleDuplicateView } from './console-duplicates';
import { appealsPanel } from './console-appeals';
import { attachmentsPanel, replyFiles, replyFilesSummary } from './console-attachments';
import { documentsPanel } from './console-documents';
import { SERVICE_METHOD_WORDS, type ServiceView } from './documents';
import {
  append,
  definitionList,
  formatDate,
  formatInstant,
  h,
  notice,
  replaceChildren,
  todayInShanghai,
  type Child,
} from './dom';
import { clearErrorsOnEdit, readForm, renderField, showErrors, showFormError, type FieldSpec } from './fields';

interface RecordedEventView {
  seq: number;
  at: string;
  actor: string;
  event: { type: string; on?: string } & Record<string, unknown>;
}

export interface CaseDetail {
  case: {
    caseId: string;
    receiptNumber: string;
    agencyId: string;
    version: number;
    channel: string;
    applicant: Record<string, string | undefined>;
    information: { description?: string; documentNumber?: string; supplements?: { on: string; text: string }[] };
    delivery: { form?: string; method?: string };
    receivedOn: string;
    status: string;
    statusLabel?: string;
    desk?: {
      assignee?: string;
      entries: { seq: number; at: string; actor: string; entry: { type: string } & Record<string, unknown> }[];
    };
  };
  events: RecordedEventView[];
  /** The domain's clock as JSON (`functions/shared/domain/clock.ts`). */
  clock: CaseClock;
  /** Given once, when staff register a paper application, to pass on to the applicant. */
  trackingCode?: string;
  allowedActions?: string[];
  /** Earlier similar applications of the same applicant (重复申请), staff only. */
  possibleDuplicates?: PossibleDuplicateView[];
}

const EVENT_LABELS: Record<string, string> = {
  received: '收到申请',
  supplement_requested: '告知补正',
  supplement_received: '收到补正',
  consultation_started: '征求意见',
  consultation_ended: '征求意见结束',
  extended: '延期答复',
  reply_date_set: '确定答复日期',
  fee_notice_sent: '发出收费通知',
  fee_paid: '已缴费',
  replied: '答复',
  closed_automatically: '自动办结',
  served: '文书送达',
};

const labelOf = <K extends string>(labels: Record<K, string>, key: string | undefined): string =>
  key === undefined ? '' : ((labels as Record<string, string>)[key] ?? key);

const dueOf = (deadline: Deadline | null | undefined): string | undefined => deadline?.due;

const dateHint = '不填则为今天';

/** Who recorded an event, when it was not a staff member (whose sign-in name is shown as is). */
const ACTOR_LABELS: Record<string, string> = { applicant: '申请人（网上提交）', system: '系统（自动）' };

/**
 * An article reference in Chinese.
 *
 * @example articleInChinese('Art. 33 ¶2') // => '条例第三十三条第二款'
 */
function articleInChinese(basis: string | undefined): string {
  if (!basis) return '';
  return basis.startsWith('Art.') ? `条例${ruleInChinese(basis)}` : ruleInChinese(basis);
}

/** Field specs of each action (design.md §5 action table), labelled as the server's messages are. */
function actionFields(type: CaseActionType, detail: CaseDetail): FieldSpec[] {
  const A = CASE_ACTION_FIELD_LABELS;
  switch (type) {
    case 'request_supplement':
      return [
        {
          path: 'items',
          label: A.items,
          kind: 'textarea',
          required: true,
          hint: '一次性写明需要补正的全部事项（条例第三十条）',
          maxLength: 2000,
        },
        {
          path: 'periodWorkingDays',
          label: A.periodWorkingDays,
          kind: 'integer',
          required: true,
          initial: '15',
          className: 'narrow',
        },
      ];
    case 'supplement_received':
      return [{ path: 'receivedOn', label: A.receivedOn, kind: 'date', hint: dateHint, className: 'narrow' }];
    case 'start_consultation':
      return [
        {
          path: 'party',
          label: A.party,
          kind: 'select',
          required: true,
          options: [
            ['third_party', '第三方（条例第三十二条）'],
            ['other_agency', '其他行政机关（条例第三十四条）'],
          ],
        },
        { path: 'name', label: A.name, kind: 'text', required: true, maxLength: 100 },
        { path: 'sentOn', label: A.sentOn, kind: 'date', hint: dateHint, className: 'narrow' },
      ];
    case 'end_consultation':
      return [
        {
          path: 'consultationId',
          label: A.consultationId,
          kind: 'select',
          required: true,
          options: openConsultations(detail),
        },
        { path: 'endedOn', label: A.endedOn, kind: 'date', hint: dateHint, className: 'narrow' },
      ];
    case 'extend':
      return [
        {
          path: 'workingDays',
          label: A.workingDays,
          kind: 'integer',
          required: true,
          hint: '最长20个工作日（条例第三十三条第二款）',
          initial: '20',
          className: 'narrow',
        },
        {
          path: 'approver',
          label: A.approver,
          kind: 'text',
          required: true,
          hint: '政府信息公开工作机构负责人',
          maxLength: 100,
        },
        { path: 'decidedOn', label: A.decidedOn, kind: 'date', hint: dateHint, className: 'narrow' },
      ];
    case 'issue_fee_notice':
      return [
        {
          path: 'method',
          label: A.method,
          kind: 'select',
          required: true,
          options: [
            ['by_count', '按件计收'],
            ['by_pages', '按量计收'],
          ],
        },
        { path: 'pages', label: A.pages, kind: 'integer', hint: '按量计收时填写', className: 'narrow' },
        { path: 'sentOn', label: A.sentOn, kind: 'date', hint: dateHint, className: 'narrow' },
      ];
    case 'fee_paid':
      return [{ path: 'paidOn', label: A.paidOn, kind: 'date', hint: dateHint, className: 'narrow' }];
    case 'reply':
      return [
        {
          path: 'outcome',
          label: A.outcome,
          kind: 'select',
          required: true,
          options: OUTCOME_CODES.map((code) => [code, OUTCOME_LABELS[code]] as const),
        },
        { path: 'repliedOn', label: A.repliedOn, kind: 'date', hint: dateHint, className: 'narrow' },
        { path: 'summary', label: A.summary, kind: 'textarea', required: true, maxLength: 5000, rows: 4 },
      ];
    case 'assign':
      return [{ path: 'assignee', label: A.assignee, kind: 'text', required: true, hint: '承办人的登录名' }];
    case 'add_note':
      return [
        {
          path: 'text',
          label: A.text,
          kind: 'textarea',
          required: true,
          maxLength: 5000,
          hint: '内部备注只有工作人员可见，不会出现在申请人的查询页面、邮件或文书中',
        },
      ];
    case 'request_extension':
      return [
        {
          path: 'workingDays',
          label: A.workingDays,
          kind: 'integer',
          required: true,
          initial: '20',
          className: 'narrow',
        },
        { path: 'reason', label: A.reason, kind: 'textarea', required: true, maxLength: 2000 },
      ];
    case 'approve_extension':
    case 'reject_extension': {
      const pending = pendingRequest(detail);
      return [
        {
          path: 'requestId',
          label: A.requestId,
          kind: 'select',
          required: true,
          options: pending ? [[pending.requestId, `${pending.workingDays}个工作日：${pending.reason}`] as const] : [],
          initial: pending?.requestId ?? '',
        },
        ...(type === 'reject_extension'
          ? [{ path: 'reason', label: A.rejectReason, kind: 'textarea' as const, maxLength: 2000 }]
          : []),
      ];
    }
    case 'record_service':
      return [
        { path: 'documentId', label: A.documentId, kind: 'text', required: true, maxLength: 64 },
        {
          path: 'method',
          label: A.method,
          kind: 'select',
          required: true,
          options: [
            ['post', '邮寄送达'],
            ['in_person', '直接送达'],
            ['online', '网上送达'],
            ['email', '电子邮件送达'],
          ],
        },
        { path: 'servedOn', label: A.servedOn, kind: 'date', hint: dateHint, className: 'narrow' },
        { path: 'trackingNumber', label: A.trackingNumber, kind: 'text', maxLength: 64 },
      ];
  }
}

/** The extension request awaiting the head, from the desk log. */
function pendingRequest(detail: CaseDetail): { requestId: string; workingDays: number; reason: string } | undefined {
  const entries = detail.case.desk?.entries ?? [];
  const decided = new Set(
    entries.filter((e) => e.entry.type !== 'extension_requested').map((e) => String(e.entry.requestId ?? '')),
  );
  const request = [...entries]
    .reverse()
    .find((e) => e.entry.type === 'extension_requested' && !decided.has(String(e.entry.requestId)));
  return request
    ? {
        requestId: String(request.entry.requestId),
        workingDays: Number(request.entry.workingDays),
        reason: String(request.entry.reason ?? ''),
      }
    : undefined;
}

/** The consultations started and not yet ended, from the event log. */
function openConsultations(detail: CaseDetail): Array<readonly [string, string]> {
  const ended = new Set(
    detail.events.filter((e) => e.event.type === 'consultation_ended').map((e) => String(e.event.consultationId)),
  );
  return detail.events
    .filter((e) => e.event.type === 'consultation_started' && !ended.has(String(e.event.consultationId)))
    .map(
      (e) =>
        [
          String(e.event.consultationId),
          `${String(e.event.name ?? '')}（${formatDate(e.event.on, false)}发出）`,
        ] as const,
    );
}

export async function renderCasePage(
  app: HTMLElement,
  session: Session,
  caseId: string,
  flash?: HTMLElement,
): Promise<void> {
  const answer = await session.call<CaseDetail>('GET', `/v1/cases/${segment(caseId)}`);
  if (!answer.ok) {
    replaceChildren(
      app,
      h('h1', {}, '案件'),
      notice(
        'error',
        answer.status === 404 ? '找不到该案件' : answer.status === 403 ? '无权查看该案件' : '无法加载案件',
        h('p', {}, answer.error.message),
      ),
      h('p', {}, h('a', { href: '#/' }, '返回工作列表')),
    );
    return;
  }
  const detail = answer.body;
  const c = detail.case;
  replaceChildren(
    app,
    h('p', { class: 'no-print' }, h('a', { href: '#/' }, '← 返回工作列表')),
    h('h1', { id: 'case-title' }, `案件 ${c.receiptNumber}`),
    flash,
    definitionList([['办理状态', h('strong', { id: 'case-status' }, c.statusLabel ?? caseStatusLabel(c.status))]]),
    duplicatesPanel(detail.possibleDuplicates, detail.allowedActions),
    h('div', { class: 'grid-2' }, deadlinesPanel(detail), applicationPanel(detail)),
    explanationPanel(detail),
    eventsPanel(detail),
    documentsPanel(session, c, (flash) => void renderCasePage(app, session, c.caseId, flash)),
    attachmentsPanel(
      session,
      c.caseId,
      APPLICANT_TYPES.find((type) => type === c.applicant?.type),
    ),
    deskPanel(detail),
    appealsPanel(session, c),
    actionsPanel(app, session, detail),
  );
}

/** What a pending reply date waits on: it moves later each working day the wait continues. */
const PENDING_WORDS: Record<NonNullable<Deadline['pending']>, string> = {
  supplement: '待补正：以今日收到补正计，补正到达后重新计算',
  consultation: '征求意见中：以今日结束计，最迟至意见期限届满',
  fee: '待缴费：以今日缴费计，最迟至缴费期限届满',
};

/** A deadline's date, followed by （暂定） when it rests on a year without a holiday notice (design.md §9). */
function markedDue(deadline: Deadline | null | undefined): string {
  const due = dueOf(deadline);
  return due ? `${formatDate(due)}${deadline?.provisional ? '（暂定）' : ''}` : formatDate(due);
}

function deadlinesPanel(detail: CaseDetail): HTMLElement {
  const clock = detail.clock ?? {};
  const reply = clock.replyDue;
  const consultations = (clock.consultations ?? []).map((c) =>
    h(
      'li',
      {},
      `${c.name}：${formatDate(c.sentOn, false)}发出，${c.endedOn ? `${formatDate(c.endedOn, false)}结束` : c.endedByLaw ? `意见期限${formatDate(c.opinionDue?.due, false)}届满未答复，征求意见依法结束` : `意见期限${formatDate(c.opinionDue?.due, false)}（进行中）`}`,
    ),
  );
  const overdue: Child = clock.overdue
    ? h(
        'span',
        { class: 'badge urgency-overdue' },
        `已逾期${clock.overdueWorkingDays ? `${clock.overdueWorkingDays}个工作日` : ''}`,
      )
    : null;
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'deadlines-title' },
    h('h2', { id: 'deadlines-title' }, '法定期限'),
    definitionList([
      [
        '答复期限',
        reply?.due
          ? h(
              'span',
              { id: 'reply-due' },
              formatDate(reply.due),
              reply.provisional ? '（暂定）' : '',
              reply.pending ? `（${PENDING_WORDS[reply.pending]}）` : '',
              overdue ? ' ' : '',
              overdue,
            )
          : '',
      ],
      ['期限依据', articleInChinese(reply?.basis)],
      ['计算方法', reply?.derivation ?? ''],
      ['补正告知期限', markedDue(clock.supplementNoticeDue)],
      ['补正期限', markedDue(clock.supplementDue)],
      ['缴费期限', markedDue(clock.feePaymentDue)],
      ['征求意见', consultations.length ? h('ul', {}, ...consultations) : ''],
    ]),
    ...(clock.provisional
      ? [
          h(
            'p',
            { class: 'hint', id: 'provisional-note' },
            `注：标注“暂定”的日期${PROVISIONAL_NOTE.replace(/^该日期/, '')}`,
          ),
        ]
      : []),
  );
}

function applicationPanel(detail: CaseDetail): HTMLElement {
  const c = detail.case;
  const a = c.applicant ?? {};
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'application-title' },
    h('h2', { id: 'application-title' }, '申请内容'),
    definitionList([
      ['收到申请日期', formatDate(c.receivedOn)],
      ['申请方式', labelOf(CHANNEL_LABELS, c.channel as Channel)],
      ['申请人类别', labelOf(APPLICANT_TYPE_LABELS, a.type as ApplicantType)],
      [a.type === 'natural_person' ? '姓名' : '单位名称', h('span', { id: 'applicant-name' }, a.name ?? '')],
      ['证件', `${labelOf(ID_TYPE_LABELS, a.idType as IdType)} ${a.idNumber ?? ''}`],
      ['联系电话', a.phone ?? ''],
      ['电子邮箱', a.email ?? ''],
      ['通信地址', a.address ?? ''],
      ['所需信息', h('span', { class: 'pre-wrap', id: 'information-description' }, c.information?.description ?? '')],
      ['文号', c.information?.documentNumber ?? ''],
      ['申请人补正', supplementList(c.information?.supplements)],
      [
        '获取方式',
        `${labelOf(DELIVERY_FORM_LABELS, c.delivery?.form as DeliveryForm)}，${labelOf(DELIVERY_METHOD_LABELS, c.delivery?.method as DeliveryMethod)}`,
      ],
    ]),
  );
}

/** What the applicant wrote when supplementing (补正, Art. 30), each with its date. */
function supplementList(supplements: { on: string; text: string }[] | undefined): Child {
  if (!supplements?.length) return '';
  return h(
    'ul',
    { id: 'supplements', class: 'plain-list' },
    ...supplements.map((s) =>
      h(
        'li',
        {},
        h('span', { class: 'when' }, `${formatDate(s.on, false)}：`),
        h('span', { class: 'pre-wrap' }, s.text),
      ),
    ),
  );
}

function explanationPanel(detail: CaseDetail): HTMLElement | null {
  const explanation = detail.clock?.explanation;
  if (!explanation?.days?.length) return null;
  const rows = explanation.days.map((day) =>
    h(
      'tr',
      { class: day.counted ? 'counted' : 'not-counted' },
      h('td', {}, formatDate(day.date, false)),
      h('td', {}, day.weekday),
      h('td', {}, day.counted ? '计入' : '不计入'),
      h('td', {}, day.counted && day.ordinal !== null ? String(day.ordinal) : ''),
      h('td', {}, day.note),
    ),
  );
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'explanation-title' },
    h('h2', { id: 'explanation-title' }, '期限是怎样算出来的'),
    explanation.derivation ? h('p', {}, explanation.derivation) : null,
    h(
      'details',
      {},
      h('summary', {}, `逐日计算表（${explanation.days.length}天）`),
      h(
        'div',
        { class: 'table-scroll' },
        h(
          'table',
          { id: 'day-table' },
          h('caption', {}, '法定工作日逐日计算'),
          h(
            'thead',
            {},
            h('tr', {}, ...['日期', '星期', '是否计入', '序号', '说明'].map((t) => h('th', { scope: 'col' }, t))),
          ),
          h('tbody', {}, ...rows),
        ),
      ),
    ),
  );
}

/** The details an event carries, in words (never the raw JSON). */
function eventDetails(event: RecordedEventView['event']): string {
  const parts: string[] = [];
  const str = (key: string): string | undefined =>
    typeof event[key] === 'string' ? (event[key] as string) : undefined;
  if (event.type === 'received' && str('channel')) parts.push(`方式：${labelOf(CHANNEL_LABELS, str('channel'))}`);
  if (str('items')) parts.push(`补正事项：${str('items')}`);
  if (typeof event.periodWorkingDays === 'number') parts.push(`补正期限${event.periodWorkingDays}个工作日`);
  if (str('name')) parts.push(`对象：${str('name')}`);
  if (typeof event.workingDays === 'number') parts.push(`延长${event.workingDays}个工作日`);
  if (str('approver')) parts.push(`批准人：${str('approver')}`);
  if (typeof event.amountYuan === 'number') parts.push(`金额${event.amountYuan}元`);
  if (str('outcome')) parts.push(`结果：${labelOf(OUTCOME_LABELS, str('outcome') as OutcomeCode)}`);
  if (str('summary')) parts.push(`摘要：${str('summary')}`);
  if (event.type === 'served')
    parts.push(
      `${SERVICE_METHOD_WORDS[str('method') as ServiceView['method']] ?? str('method') ?? ''}${str('trackingNumber') ? `，单号 ${str('trackingNumber')}` : ''}（文书 ${str('documentId') ?? ''}）`,
    );
  // Free text often ends with its own full stop; the separator must not double it (。；).
  return parts.map((part) => part.trim().replace(/[。；;.，,、\s]+$/u, '')).join('；');
}

function eventsPanel(detail: CaseDetail): HTMLElement {
  const items = [...detail.events]
    .sort((a, b) => a.seq - b.seq)
    .map((e) =>
      h(
        'li',
        {},
        h('strong', {}, `${formatDate(e.event.on, false)} ${EVENT_LABELS[e.event.type] ?? e.event.type}`),
        h('p', { class: 'pre-wrap' }, eventDetails(e.event)),
        h('p', { class: 'when' }, `记录人：${ACTOR_LABELS[e.actor] ?? e.actor}　记录时间：${formatInstant(e.at)}`),
      ),
    );
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'events-title' },
    h('h2', { id: 'events-title' }, '办理记录'),
    h('ol', { class: 'timeline', id: 'events' }, ...items),
  );
}

const DESK_LABELS: Record<string, string> = {
  assigned: '分配承办人',
  note_added: '内部备注',
  extension_requested: '申请延期',
  extension_approved: '批准延期',
  extension_rejected: '不批准延期',
};

/** The internal desk log: assignee, notes and extension requests (never shown to the applicant). */
function deskPanel(detail: CaseDetail): HTMLElement {
  const desk = detail.case.desk;
  const pending = pendingRequest(detail);
  const items = (desk?.entries ?? []).map(({ entry, actor, at }) =>
    h(
      'li',
      { 'data-desk': entry.type },
      h('strong', {}, DESK_LABELS[entry.type] ?? entry.type),
      h(
        'p',
        { class: 'pre-wrap' },
        entry.type === 'assigned'
          ? String(entry.assignee ?? '')
          : entry.type === 'note_added'
            ? String(entry.text ?? '')
            : entry.type === 'extension_requested'
              ? `${String(entry.workingDays ?? '')}个工作日：${String(entry.reason ?? '')}`
              : String(entry.reason ?? ''),
      ),
      h('p', { class: 'when' }, `记录人：${actor}　记录时间：${formatInstant(at)}`),
    ),
  );
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'desk-title', id: 'desk' },
    h('h2', { id: 'desk-title' }, '内部记录（仅工作人员可见）'),
    definitionList([
      ['承办人', desk?.assignee ?? '未分配'],
      ['待审批延期', pending ? `${pending.workingDays}个工作日：${pending.reason}` : ''],
    ]),
    items.length ? h('ol', { class: 'timeline', id: 'desk-entries' }, ...items) : h('p', {}, '暂无内部记录。'),
  );
}

function actionsPanel(app: HTMLElement, session: Session, detail: CaseDetail): HTMLElement {
  const allowed = (detail.allowedActions ?? (detail.case.status === 'closed' ? [] : CASE_ACTION_TYPES)).filter(
    (t): t is CaseActionType => (CASE_ACTION_TYPES as readonly string[]).includes(t),
  );
  const panel = h(
    'section',
    { class: 'panel', 'aria-labelledby': 'actions-title' },
    h('h2', { id: 'actions-title' }, '办理操作'),
  );
  if (allowed.length === 0) {
    append(panel, h('p', {}, '本案已办结，没有可进行的操作。'));
    return panel;
  }
  const list = h('div', { class: 'action-forms' });
  for (const type of allowed) append(list, actionForm(app, session, detail, type));
  append(panel, list);
  return panel;
}

function actionForm(app: HTMLElement, session: Session, detail: CaseDetail, type: CaseActionType): HTMLElement {
  // Service is recorded per document, beside it in the 文书 panel (console-documents.ts).
  if (type === 'record_service') {
    const go = h('button', { type: 'button', class: 'link' }, '“文书”栏');
    go.addEventListener('click', () => document.getElementById('documents')?.scrollIntoView());
    return h(
      'details',
      { 'data-action': type },
      h('summary', {}, CASE_ACTION_LABELS[type]),
      h('p', {}, '请在', go, '中所送达的文书旁点击“记录送达”。'),
    );
  }
  const prefix = `action-${type}`;
  const submit = h('button', { type: 'submit', class: 'button primary' }, `确认${CASE_ACTION_LABELS[type]}`);
  const form = h('form', { class: 'form', id: `${prefix}-form`, novalidate: true, 'data-action': type });
  for (const spec of actionFields(type, detail)) append(form, renderField(spec, prefix));
  append(form, h('div', { class: 'actions' }, submit));
  clearErrorsOnEdit(form);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void (async () => {
      const body = { type, expectedVersion: detail.case.version, ...readForm(form) };
      const checked = validate(makeCaseActionSchema(todayInShanghai()), body, CASE_ACTION_FIELD_LABELS);
      if (!checked.ok) {
        showErrors(form, `请修改以下${checked.error.fields.length}处：`, checked.error.fields);
        return;
      }
      // A reply closes the case for good: it is sent only after a second, explicit confirmation.
      if (type === 'reply' && form.dataset.confirmed !== 'yes') {
        form.dataset.confirmed = 'yes';
        submit.textContent = '确认提交答复（不可撤回）';
        showFormError(
          form,
          '请再次确认',
          h('p', {}, '答复后本案即办结，答复结果和日期将计入年度报告，不能撤回。核对无误后请再次点击提交。'),
          replyFilesSummary(session, detail.case.caseId),
        );
        return;
      }
      submit.disabled = true;
      const answer = await session.call<unknown>('POST', `/v1/cases/${segment(detail.case.caseId)}/actions`, { body });
      submit.disabled = false;
      if (answer.ok) {
        await renderCasePage(
          app,
          session,
          detail.case.caseId,
          notice(
            'success',
            `已记录：${CASE_ACTION_LABELS[type]}`,
            h('p', {}, '期限已按新的办理记录重新计算。'),
            actWarnings(answer.body, detail.case.agencyId),
          ),
        );
        document.getElementById('case-title')?.scrollIntoView();
        return;
      }
      const error = answer.error;
      if (answer.status === 409) {
        const reload = h('button', { type: 'button', class: 'button secondary' }, '重新加载案件');
        reload.addEventListener('click', () => void renderCasePage(app, session, detail.case.caseId));
        showFormError(
          form,
          '案件已被他人更新',
          h(
            'p',
            {},
            `${error.message}（当前版本：${error.currentVersion ?? '未知'}）。请重新加载后再操作，您填写的内容不会自动提交。`,
          ),
          reload,
        );
      } else if (answer.status === 422) {
        showFormError(
          form,
          '操作不符合规定，未予记录',
          h('p', { class: 'rule-message' }, error.message),
          error.rule ? h('p', { class: 'rule' }, `依据：${articleInChinese(error.rule)}`) : null,
        );
      } else if (error.fields?.length) {
        showErrors(form, `操作未被接受，请修改以下${error.fields.length}处：`, error.fields);
      } else {
        showFormError(form, '操作未能完成', h('p', {}, error.message));
      }
    })();
  });
  return h(
    'details',
    { 'data-action': type },
    h('summary', {}, CASE_ACTION_LABELS[type]),
    type === 'reply' ? replyFiles(session, detail.case.caseId) : null,
    form,
  );
}
