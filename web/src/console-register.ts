/**
 * Registering an application that arrived on paper, by post or by fax (`POST /v1/cases`): the same
 * fields as the online form plus the channel and the receipt date, which decide when the clock
 * starts (Art. 31). Email is optional here: a letter may come without one.
 */
import { REGISTER_CASE_FIELD_LABELS, STAFF_CHANNELS, makeRegisterCaseSchema } from '../../functions/cases/schema';
import { CHANNEL_LABELS } from '../../functions/shared/domain/model';
import { validate } from '../../functions/shared/http/validation';
import { agencyField, applicantSection, deliverySection, informationSection, wireApplicantType } from './application';
import { renderCasePage } from './console-case';
import { staffUploader } from './console-attachments';
import { openPrintView } from './documents';
import { actWarnings } from './console-warnings';
import type { Session } from './console-session';
import { append, h, notice, replaceChildren, todayInShanghai } from './dom';
import { clearErrorsOnEdit, readForm, renderField, showErrors, showFormError } from './fields';

const PREFIX = 'register';

export function renderRegisterPage(app: HTMLElement, session: Session): void {
  const today = todayInShanghai();
  const submit = h('button', { type: 'submit', class: 'button primary' }, '登记申请');
  const receipt = h('fieldset', { class: 'section' }, h('legend', {}, '收到申请'));
  append(
    receipt,
    agencyField(PREFIX, session.agencies, session.agencyId),
    renderField(
      {
        path: 'channel',
        label: REGISTER_CASE_FIELD_LABELS.channel,
        kind: 'radio',
        required: true,
        options: STAFF_CHANNELS.map((c) => [c, CHANNEL_LABELS[c]] as const),
        initial: 'in_person',
      },
      PREFIX,
    ),
    renderField(
      {
        path: 'receivedOn',
        label: REGISTER_CASE_FIELD_LABELS.receivedOn,
        kind: 'date',
        required: true,
        initial: today,
        hint: '当面提交为提交之日；邮寄（需签收）为签收之日；平常信函为确认收到之日；传真为确认收到之日（条例第三十一条）',
        className: 'narrow',
      },
      PREFIX,
    ),
  );
  const form = h(
    'form',
    { id: 'register-form', class: 'form', novalidate: true },
    receipt,
    applicantSection(PREFIX, { requireEmail: false }),
    informationSection(PREFIX),
    deliverySection(PREFIX),
    h('div', { class: 'actions' }, submit),
  );
  wireApplicantType(form, PREFIX);
  clearErrorsOnEdit(form);
  replaceChildren(
    app,
    h('h1', {}, '登记纸质、信函或传真申请'),
    h('p', { class: 'lead' }, '按申请书原样登记。登记后系统自动计算答复期限，并在期限临近时提醒。'),
    form,
  );

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void (async () => {
      const body = readForm(form);
      const checked = validate(makeRegisterCaseSchema(todayInShanghai()), body, REGISTER_CASE_FIELD_LABELS);
      if (!checked.ok) {
        showErrors(form, `尚未登记，请修改以下${checked.error.fields.length}处：`, checked.error.fields);
        return;
      }
      submit.disabled = true;
      const answer = await session.call<{
        case: { caseId: string; receiptNumber: string; agencyId: string };
        trackingCode?: string;
        receipt?: { documentId: string; number: string; html: string };
      }>('POST', '/v1/cases', { body });
      submit.disabled = false;
      if (answer.ok) {
        const { caseId, receiptNumber } = answer.body.case;
        // The tracking code exists only in this answer: show it once on the case page, for the written acknowledgement.
        const flash = notice(
          'success',
          `已登记，受理编号 ${receiptNumber}`,
          answer.body.trackingCode
            ? h(
                'p',
                {},
                '查询码：',
                h('strong', { class: 'code' }, answer.body.trackingCode),
                '（仅显示这一次：已印在登记回执上，请打印登记回执交给申请人）',
              )
            : null,
          actWarnings(answer.body, answer.body.case.agencyId),
          registrationHandover(session, caseId, answer.body.receipt?.html),
        );
        history.replaceState(null, '', `#/cases/${encodeURIComponent(caseId)}`);
        await renderCasePage(app, session, caseId, flash);
        return;
      }
      if (answer.error.fields?.length)
        showErrors(form, `登记未被接受，请修改以下${answer.error.fields.length}处：`, answer.error.fields);
      else showFormError(form, '登记未能完成', h('p', {}, answer.error.message));
    })();
  });
}

/**
 * What the officer does right after registering: print the 登记回执 (the receipt with the tracking code, the only
 * copy that carries it, design.md §9) for the applicant, and attach the scanned application or the postal proof.
 */
function registrationHandover(session: Session, caseId: string, receiptHtml: string | undefined): HTMLElement {
  const print = h(
    'button',
    { type: 'button', class: 'button primary', id: 'print-registration-receipt' },
    '打印登记回执',
  );
  print.addEventListener('click', () => {
    if (receiptHtml && !openPrintView(receiptHtml))
      print.after(notice('error', '浏览器阻止了打印窗口', h('p', {}, '请允许本站打开新窗口后重试。')));
  });
  return h(
    'div',
    { class: 'handover', id: 'registration-handover' },
    receiptHtml
      ? h('p', { class: 'actions' }, print, h('span', { class: 'hint' }, ' 交给申请人，凭受理编号和查询码查询办理进度'))
      : null,
    h('h3', {}, '上传申请书扫描件'),
    staffUploader(session, caseId, {
      id: 'scan-upload',
      purposes: ['application_scan', 'postal_proof', 'other'],
      label: '申请书扫描件',
    }),
  );
}
