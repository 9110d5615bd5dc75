/**
 * The public application form (`index.html`): the fields of Art. 29, checked in the browser with the
 * server's own schema (same Chinese messages), submitted to `POST /v1/requests`, and answered with a
 * printable receipt. When the server refuses a field, the form stays as typed and the field is marked.
 */
import { SUBMIT_REQUEST_FIELD_LABELS } from '../../functions/intake/labels';
import { APPLICANT_TYPES } from '../../functions/shared/domain/model';
import { callApi } from './api';
import {
  agencyField,
  applicantSection,
  deliverySection,
  informationSection,
  wireApplicantType,
  type Agency,
} from './application';
import { append, byId, definitionList, formatDate, h, notice, replaceChildren } from './dom';
import { clearErrors, clearErrorsOnEdit, readForm, showErrors, showFormError } from './fields';

/** `POST /v1/requests` 201 (design.md §5). */
interface SubmitResponse {
  caseId: string;
  receiptNumber: string;
  receivedOn: string;
  replyDue: string;
  trackingCode: string;
  supplementNoticeDue?: string;
  provisional?: boolean;
}

const PREFIX = 'apply';

/** The checks (zod), loaded once the form is shown and the applicant starts on it, or at the latest on submit. */
let checks: Promise<typeof import('./checks')> | undefined;
const loadChecks = () => (checks ??= import('./checks'));

/**
 * One idempotency token per form: a retry after a lost answer (double click, flaky network) does
 * not file the application twice. A new one is made only after a receipt was shown.
 */
const clientToken = (): string =>
  crypto.randomUUID ? crypto.randomUUID() : `${Date.now()}-${Math.random()}`.replace(/\./g, '');

async function start(): Promise<void> {
  const app = byId('app');
  const agencies = await callApi<Agency[]>('GET', '/v1/agencies');
  if (!agencies.ok) {
    const retry = h('button', { type: 'button', class: 'button secondary' }, '重新加载');
    retry.addEventListener('click', () => location.reload());
    replaceChildren(app, notice('error', '暂时无法加载受理机关列表', h('p', {}, agencies.error.message), retry));
    return;
  }
  renderForm(app, agencies.body);
}

function renderForm(app: HTMLElement, agencies: readonly Agency[]): void {
  let token = clientToken();
  const submit = h('button', { type: 'submit', class: 'button primary' }, '提交申请');
  const form = h(
    'form',
    { id: 'application-form', class: 'form', novalidate: true, 'aria-describedby': 'form-intro' },
    h(
      'p',
      { id: 'form-intro', class: 'hint' },
      '提交后将显示受理回执，请打印或记下其中的受理编号和查询码，凭此查询办理进度。',
    ),
    h('fieldset', { class: 'section' }, h('legend', {}, '受理机关'), agencyField(PREFIX, agencies)),
    applicantSection(PREFIX, { requireEmail: true }),
    informationSection(PREFIX),
    deliverySection(PREFIX),
    h('div', { class: 'actions' }, submit),
  );
  wireApplicantType(form, PREFIX);
  clearErrorsOnEdit(form);
  replaceChildren(app, form);
  form.addEventListener('focusin', () => void loadChecks(), { once: true });

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void (async () => {
      const body: Record<string, unknown> = { ...readForm(form), clientToken: token };
      const { validate, submitRequestSchema } = await loadChecks();
      const checked = validate(submitRequestSchema, body, SUBMIT_REQUEST_FIELD_LABELS);
      if (!checked.ok) {
        showErrors(form, `申请尚未提交，请修改以下${checked.error.fields.length}处：`, checked.error.fields);
        return;
      }
      clearErrors(form);
      submit.disabled = true;
      submit.textContent = '正在提交……';
      const result = await callApi<SubmitResponse>('POST', '/v1/requests', { body });
      submit.disabled = false;
      submit.textContent = '提交申请';
      if (result.ok) {
        const agencyName = agencies.find((a) => a.agencyId === body.agencyId)?.name ?? '';
        showReceipt(app, form, result.body, { agencyName, body });
        token = clientToken();
        return;
      }
      if (result.error.fields?.length) {
        showErrors(form, `申请未被接受，请修改以下${result.error.fields.length}处：`, result.error.fields);
      } else {
        showFormError(
          form,
          '申请未能提交',
          h('p', {}, result.error.message),
          h('p', {}, '您填写的内容仍保留在表单中，可以稍后再次提交。'),
        );
      }
    })();
  });
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function showReceipt(
  app: HTMLElement,
  form: HTMLFormElement,
  receipt: SubmitResponse,
  submitted: { agencyName: string; body: Record<string, unknown> },
): void {
  const applicant = (submitted.body.applicant ?? {}) as Record<string, unknown>;
  const information = (submitted.body.information ?? {}) as Record<string, unknown>;
  form.hidden = true;
  const intro = document.getElementById('intro');
  if (intro) intro.hidden = true;
  document.title = `受理回执 ${receipt.receiptNumber} — 政府信息公开申请平台`;

  const heading = h('h1', { id: 'receipt-title', tabindex: -1 }, '政府信息公开申请受理回执');
  const printButton = h('button', { type: 'button', class: 'button primary' }, '打印回执');
  printButton.addEventListener('click', () => window.print());
  const again = h('button', { type: 'button', class: 'button secondary' }, '提交新的申请');
  again.addEventListener('click', () => location.assign('/'));

  const next = h(
    'ol',
    { class: 'steps' },
    h('li', {}, `确认邮件已发送至 ${text(applicant.email)}，其中载有受理编号和查询码。`),
    receipt.supplementNoticeDue
      ? h(
          'li',
          {},
          `如申请内容不明确，行政机关将于 ${formatDate(receipt.supplementNoticeDue)} 前一次性告知需要补正的事项和合理的补正期限（条例第三十条）。`,
        )
      : null,
    h(
      'li',
      {},
      `行政机关将于 ${formatDate(receipt.replyDue)} 前作出答复。需要延长答复期限的，经政府信息公开工作机构负责人同意，最长延长20个工作日，并会告知您（条例第三十三条）。征求第三方或其他机关意见、缴纳信息处理费所需时间不计算在内。`,
    ),
    h('li', {}, '凭受理编号和查询码，可随时在“查询办理进度”页面查看办理情况和收到的告知。'),
  );

  const receiptSection = h(
    'section',
    { id: 'receipt', class: 'receipt', 'aria-labelledby': 'receipt-title' },
    heading,
    notice('success', '您的申请已提交成功', h('p', {}, '请打印或保存本回执。查询码只显示这一次，并已发送到您的邮箱。')),
    definitionList(
      [
        ['受理编号', h('strong', { class: 'code', id: 'receipt-number' }, receipt.receiptNumber)],
        ['查询码', h('strong', { class: 'code', id: 'tracking-code' }, receipt.trackingCode)],
        ['受理机关', submitted.agencyName],
        ['收到申请日期', formatDate(receipt.receivedOn)],
        ['答复期限', h('span', { id: 'reply-due' }, formatDate(receipt.replyDue))],
        ['申请人', text(applicant.name)],
        ['所需信息', h('span', { class: 'pre-wrap' }, text(information.description))],
      ],
      'facts receipt-facts',
    ),
    receipt.provisional
      ? h('p', { class: 'hint' }, '注：答复期限所跨年度的法定节假日安排尚未公布，期限为暂定，公布后将据实调整。')
      : null,
    h('h2', {}, '接下来会怎样'),
    next,
    h(
      'div',
      { class: 'actions no-print' },
      printButton,
      h(
        'a',
        { class: 'button secondary', href: `/status.html?r=${encodeURIComponent(receipt.receiptNumber)}` },
        '查询办理进度',
      ),
      again,
    ),
  );
  const files = h('div', { class: 'no-print' });
  append(app, receiptSection, files);
  heading.focus();
  // Loaded only once a receipt is shown, so the form itself stays small (issue #17).
  void import('./applicant-files').then(({ applicantFiles }) =>
    append(
      files,
      applicantFiles({
        receiptNumber: receipt.receiptNumber,
        code: receipt.trackingCode,
        title: '回执文书和申请材料',
        applicantType: APPLICANT_TYPES.find((type) => type === applicant.type),
        upload:
          applicant.type === 'natural_person' || applicant.type === undefined
            ? {
                purposes: ['identity_proof', 'authorization'],
                label: '上传身份证明或授权委托书',
                hint: '可上传身份证件扫描件；代理他人申请的，请上传授权委托书。',
              }
            : {
                // 法人或者其他组织 (Art. 29): its proof is the business licence or registration certificate.
                purposes: ['identity_proof', 'authorization'],
                label: '上传营业执照等证明文件或授权委托书',
                hint: '可上传营业执照或其他登记证书扫描件；由工作人员代为申请的，请上传单位出具的授权委托书。',
              },
      }),
    ),
  );
}

void start();
