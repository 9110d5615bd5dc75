/**
 * The applicant's status page (`status.html?r=<receiptNumber>`): receipt number + tracking code →
 * the status, the deadlines that concern the applicant, the notices sent, and the supplement form
 * (补正, Art. 30) when a supplement was requested. The tracking code stays in memory, never in the URL.
 */
import { SUPPLEMENT_FIELD_LABELS } from '../../functions/intake/labels';
import type { ApplicantType } from '../../functions/shared/domain/model';
import { callApi, segment } from './api';
import { applicantFiles } from './applicant-files';
import { append, byId, definitionList, formatDate, h, notice, replaceChildren } from './dom';
import { clearErrorsOnEdit, readForm, renderField, showErrors, showFormError } from './fields';

/** `GET /v1/requests/{receiptNumber}?code=` (design.md §5). */
export interface ApplicantStatus {
  receiptNumber: string;
  agencyName: string;
  /** The applicant's category: an organisation is asked for its business licence, not a person's ID. */
  applicantType?: ApplicantType;
  receivedOn: string;
  status: string;
  statusLabel: string;
  replyDue?: string;
  supplementDue?: string;
  supplementRequest?: { items: string; dueOn: string; requestedOn?: string };
  feeNotice?: { amountYuan: number; payBy: string };
  extended?: { workingDays: number; decidedOn: string };
  provisional?: boolean;
  /** The dates shown that rest on a year without a holiday notice (暂定), and why. */
  provisionalDates?: string[];
  provisionalNote?: string;
  information?: { description: string; documentNumber?: string | null };
  notices: Array<{ on: string; type: string; label: string }>;
  outcome?: string;
  outcomeLabel?: string;
  repliedOn?: string;
  replySummary?: string;
}

/** A date as shown, followed by （暂定） when it rests on a year without a holiday notice (design.md §9). */
function marked(status: ApplicantStatus, date: string | undefined): string {
  if (!date) return formatDate(date);
  return `${formatDate(date)}${status.provisionalDates?.includes(date) ? '（暂定）' : ''}`;
}

const PREFIX = 'status';
const LOOKUP_LABELS = { receiptNumber: '受理编号', code: '查询码' } as const;

function start(): void {
  const app = byId('app');
  const initialReceipt = new URLSearchParams(location.search).get('r') ?? '';
  const form = h(
    'form',
    { id: 'lookup-form', class: 'form', novalidate: true },
    renderField(
      {
        path: 'receiptNumber',
        label: LOOKUP_LABELS.receiptNumber,
        kind: 'text',
        required: true,
        initial: initialReceipt,
        autocomplete: 'off',
        hint: '见受理回执或确认邮件',
      },
      PREFIX,
    ),
    renderField(
      {
        path: 'code',
        label: LOOKUP_LABELS.code,
        kind: 'text',
        required: true,
        autocomplete: 'off',
        hint: '10位字母和数字，不区分大小写',
      },
      PREFIX,
    ),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'button primary' }, '查询')),
  );
  const result = h('div', { id: 'status-result' });
  clearErrorsOnEdit(form);
  replaceChildren(app, form, result);

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const values = readForm(form);
    const receiptNumber = typeof values.receiptNumber === 'string' ? values.receiptNumber.trim() : '';
    const code = typeof values.code === 'string' ? values.code.trim() : '';
    const missing = [
      ...(receiptNumber ? [] : [{ path: 'receiptNumber', message: `${LOOKUP_LABELS.receiptNumber}不能为空` }]),
      ...(code ? [] : [{ path: 'code', message: `${LOOKUP_LABELS.code}不能为空` }]),
    ];
    if (missing.length) {
      showErrors(form, `请填写以下${missing.length}项：`, missing);
      return;
    }
    void lookUp(form, result, receiptNumber, code);
  });
  if (initialReceipt) byId(`${PREFIX}-code`).focus();
}

async function lookUp(form: HTMLFormElement, result: HTMLElement, receiptNumber: string, code: string): Promise<void> {
  const answer = await callApi<ApplicantStatus>(
    'GET',
    `/v1/requests/${segment(receiptNumber)}?code=${encodeURIComponent(code)}`,
  );
  if (!answer.ok) {
    replaceChildren(result);
    showFormError(
      form,
      '未能查询到办理情况',
      h('p', {}, answer.status === 404 ? '受理编号或查询码不正确，请核对受理回执后重新输入。' : answer.error.message),
    );
    return;
  }
  form.querySelector('.error-summary')?.remove();
  // The number as stored (the applicant may have typed it in lower case or without the leading zeros).
  const stored = answer.body.receiptNumber;
  history.replaceState(null, '', `?r=${encodeURIComponent(stored)}`);
  renderStatus(result, answer.body, { receiptNumber: stored, code, form });
}

function renderStatus(
  result: HTMLElement,
  status: ApplicantStatus,
  lookup: { receiptNumber: string; code: string; form: HTMLFormElement },
): void {
  const heading = h('h2', { id: 'status-title', tabindex: -1 }, '办理情况');
  const replied = Boolean(status.repliedOn || status.outcome);
  const notices = h(
    'div',
    { class: 'table-scroll' },
    h(
      'table',
      {},
      h('caption', {}, '已发出的告知'),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, '日期'), h('th', { scope: 'col' }, '告知事项'))),
      h(
        'tbody',
        {},
        ...(status.notices.length
          ? status.notices.map((n) => h('tr', {}, h('td', {}, formatDate(n.on)), h('td', {}, n.label)))
          : [h('tr', {}, h('td', { colspan: 2 }, '暂无'))]),
      ),
    ),
  );
  const section = h(
    'section',
    { class: 'panel', 'aria-labelledby': 'status-title' },
    heading,
    definitionList([
      ['受理编号', h('span', { class: 'code' }, status.receiptNumber)],
      ['受理机关', status.agencyName],
      ['收到申请日期', formatDate(status.receivedOn)],
      ['所需信息', status.information ? h('span', { class: 'pre-wrap' }, status.information.description) : ''],
      ['当前状态', h('strong', { id: 'status-label', class: `status status-${status.status}` }, status.statusLabel)],
      ['答复期限', replied ? '' : marked(status, status.replyDue)],
      ['补正期限', replied ? '' : marked(status, status.supplementRequest?.dueOn ?? status.supplementDue)],
      [
        '延期',
        status.extended
          ? `经批准延长${status.extended.workingDays}个工作日（${formatDate(status.extended.decidedOn, false)}决定）`
          : '',
      ],
      [
        '信息处理费',
        status.feeNotice ? `${status.feeNotice.amountYuan}元，请于${marked(status, status.feeNotice.payBy)}前缴纳` : '',
      ],
      ['答复日期', formatDate(status.repliedOn)],
      ['答复结果', status.outcomeLabel ?? ''],
      ['答复内容', status.replySummary ? h('span', { class: 'pre-wrap' }, status.replySummary) : ''],
    ]),
    ...(status.provisionalDates?.length && status.provisionalNote && !replied
      ? [
          h(
            'p',
            { class: 'hint', id: 'provisional-note' },
            `注：标注“暂定”的日期${status.provisionalNote.replace(/^该日期/, '')}`,
          ),
        ]
      : []),
    notices,
  );
  replaceChildren(result, section);
  const awaitingSupplement = Boolean(status.supplementRequest && !replied && status.status === 'awaiting_supplement');
  if (awaitingSupplement) append(result, supplementForm(status, lookup, result));
  append(
    result,
    applicantFiles({
      receiptNumber: lookup.receiptNumber,
      code: lookup.code,
      applicantType: status.applicantType,
      ...(replied || status.status === 'closed'
        ? {}
        : {
            upload: {
              purposes: awaitingSupplement
                ? ['supplement', 'identity_proof', 'authorization']
                : ['identity_proof', 'authorization', 'supplement'],
              label: '上传材料',
              hint:
                status.applicantType === undefined || status.applicantType === 'natural_person'
                  ? '身份证明、授权委托书（代理人申请时）或补正材料。'
                  : // 法人或者其他组织 (Art. 29): its proof is the business licence or registration certificate.
                    '营业执照等证明文件、单位出具的授权委托书（由工作人员代为申请时）或补正材料。',
            },
          }),
    }),
  );
  heading.focus();
}

function supplementForm(
  status: ApplicantStatus,
  lookup: { receiptNumber: string; code: string; form: HTMLFormElement },
  result: HTMLElement,
): HTMLElement {
  const request = status.supplementRequest;
  const submit = h('button', { type: 'submit', class: 'button primary' }, '提交补正');
  const form = h(
    'form',
    { id: 'supplement-form', class: 'form', novalidate: true },
    renderField(
      {
        path: 'text',
        label: SUPPLEMENT_FIELD_LABELS.text,
        kind: 'textarea',
        required: true,
        hint: '请针对上面列出的事项逐项补充或更正',
        maxLength: 5000,
      },
      'supplement',
    ),
    renderField(
      { path: 'documentNumber', label: SUPPLEMENT_FIELD_LABELS.documentNumber, kind: 'text', maxLength: 100 },
      'supplement',
    ),
    h('div', { class: 'actions' }, submit),
  );
  clearErrorsOnEdit(form);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void (async () => {
      const body = readForm(form);
      // The checks (zod) load with the first supplement, not with the status page (issue 17).
      const { validate, supplementSchema } = await import('./checks');
      const checked = validate(supplementSchema, body, SUPPLEMENT_FIELD_LABELS);
      if (!checked.ok) {
        showErrors(form, `补正尚未提交，请修改以下${checked.error.fields.length}处：`, checked.error.fields);
        return;
      }
      submit.disabled = true;
      const answer = await callApi<unknown>(
        'POST',
        `/v1/requests/${segment(lookup.receiptNumber)}/supplement?code=${encodeURIComponent(lookup.code)}`,
        { body },
      );
      submit.disabled = false;
      if (!answer.ok) {
        if (answer.error.fields?.length) showErrors(form, '补正未被接受，请修改：', answer.error.fields);
        else showFormError(form, '补正未能提交', h('p', {}, answer.error.message));
        return;
      }
      await lookUp(lookup.form, result, lookup.receiptNumber, lookup.code);
      result.prepend(notice('success', '补正材料已提交', h('p', {}, '行政机关将自收到补正之日起重新计算答复期限。')));
    })();
  });
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'supplement-title' },
    h('h2', { id: 'supplement-title' }, '补正申请内容'),
    notice(
      'info',
      '行政机关请您补正以下事项',
      h('p', { class: 'pre-wrap' }, request?.items ?? ''),
      h('p', {}, `请于 ${formatDate(request?.dueOn)} 前提交。无正当理由逾期不补正的，视为放弃申请（条例第三十条）。`),
    ),
    form,
  );
}

start();
