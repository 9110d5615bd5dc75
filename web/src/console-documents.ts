/**
 * The case page's 文书 panel (design.md §9 Documents): every statutory document of the case with its number, the
 * Word file and the printable view, how and when it was served (送达), and a form to record a service
 * (`record_service`: post with its tracking number, in person, online; email records itself).
 */
import { CASE_ACTION_FIELD_LABELS, makeCaseActionSchema } from '../../functions/cases/schema';
import { validate } from '../../functions/shared/http/validation';
import { segment } from './api';
import type { Session } from './console-session';
import { SERVICE_METHOD_WORDS, documentTable, type DocumentView } from './documents';
import { h, notice, replaceChildren, todayInShanghai } from './dom';
import { clearErrorsOnEdit, readForm, renderField, showErrors, showFormError } from './fields';

export interface CaseRef {
  caseId: string;
  version: number;
}

/** The staff routes of a case's documents. */
const routesOf = (session: Session, caseId: string) => ({
  base: `/v1/cases/${segment(caseId)}/documents`,
  query: '',
  token: session.token,
});

/** The service form of one document; `done` reloads the case page with a confirmation. */
function serviceForm(
  session: Session,
  ref: CaseRef,
  doc: DocumentView,
  done: (flash: HTMLElement) => void,
): HTMLElement {
  const prefix = `service-${doc.documentId}`;
  const A = CASE_ACTION_FIELD_LABELS;
  const submit = h('button', { type: 'submit', class: 'button secondary' }, '记录送达');
  const form = h(
    'form',
    { class: 'form service-form', id: `${prefix}-form`, novalidate: true, 'data-document': doc.documentId },
    renderField(
      {
        path: 'method',
        label: '送达方式',
        kind: 'select',
        required: true,
        options: (['post', 'in_person', 'online', 'email'] as const).map((m) => [m, SERVICE_METHOD_WORDS[m]] as const),
      },
      prefix,
    ),
    renderField(
      { path: 'servedOn', label: A.servedOn, kind: 'date', hint: '不填则为今天', className: 'narrow' },
      prefix,
    ),
    renderField(
      { path: 'trackingNumber', label: A.trackingNumber, kind: 'text', maxLength: 64, hint: '邮寄送达时填写' },
      prefix,
    ),
    h('div', { class: 'actions' }, submit),
  );
  clearErrorsOnEdit(form);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void (async () => {
      const body = {
        type: 'record_service',
        expectedVersion: ref.version,
        documentId: doc.documentId,
        ...readForm(form),
      };
      const checked = validate(makeCaseActionSchema(todayInShanghai()), body, A);
      if (!checked.ok) {
        showErrors(form, `请修改以下${checked.error.fields.length}处：`, checked.error.fields);
        return;
      }
      submit.disabled = true;
      const answer = await session.call<unknown>('POST', `/v1/cases/${segment(ref.caseId)}/actions`, { body });
      submit.disabled = false;
      if (answer.ok) {
        done(notice('success', `已记录送达：${doc.title}${doc.number ? ` ${doc.number}` : ''}`));
        return;
      }
      if (answer.error.fields?.length) showErrors(form, '送达记录未被接受，请修改：', answer.error.fields);
      else
        showFormError(
          form,
          answer.status === 409 ? '案件已被他人更新，请重新加载后再记录' : '送达未能记录',
          h('p', {}, answer.error.message),
        );
    })();
  });
  return h('details', { class: 'service-details' }, h('summary', {}, '记录送达'), form);
}

/**
 * The 文书 panel: rendered at once with a loading line, filled when `GET …/documents` answers. `reload` shows the
 * case page again (after a service is recorded, the case's version has moved).
 */
export function documentsPanel(session: Session, ref: CaseRef, reload: (flash: HTMLElement) => void): HTMLElement {
  const body = h('div', { id: 'documents-body' }, h('p', { class: 'loading' }, '正在加载文书……'));
  const panel = h(
    'section',
    { class: 'panel', 'aria-labelledby': 'documents-title', id: 'documents' },
    h('h2', { id: 'documents-title' }, '文书'),
    body,
  );
  void (async () => {
    const answer = await session.call<DocumentView[]>('GET', `/v1/cases/${segment(ref.caseId)}/documents`);
    if (!answer.ok) {
      replaceChildren(body, notice('error', '文书未能加载', h('p', {}, answer.error.message)));
      return;
    }
    replaceChildren(
      body,
      documentTable('documents-table', routesOf(session, ref.caseId), answer.body, {
        showService: true,
        extra: (doc) => serviceForm(session, ref, doc, reload),
      }),
    );
  })();
  return panel;
}
