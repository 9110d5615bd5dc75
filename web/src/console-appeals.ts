/**
 * The appeals panel (复议诉讼) on the case page of the staff console (design.md §9 "The desk: Appeals", issue #14):
 * the case's administrative reviews and lawsuits with their forum, filing date and result, a form to register one
 * and, for each still pending (尚未审结), a form to record its result once; each appeal has 更正, correcting a
 * wrongly recorded field with its reason (issue #14). Section 四 of the annual report is
 * counted from them. Staff only; the panel loads its own list so the case page does not wait for it.
 */
import {
  APPEAL_CORRECTION_FIELD_LABELS,
  APPEAL_FIELD_LABELS,
  APPEAL_RESULT_FIELD_LABELS,
  makeAppealCorrectionSchema,
  makeAppealResultSchema,
  makeAppealSchema,
} from '../../functions/cases/appeal-schema';
import {
  APPEAL_KINDS,
  APPEAL_KIND_LABELS,
  APPEAL_RESULTS,
  APPEAL_RESULT_LABELS,
} from '../../functions/shared/domain/appeals';
import { validate } from '../../functions/shared/http/validation';
import { segment } from './api';
import type { Session } from './console-session';
import { actWarnings } from './console-warnings';
import { append, formatDate, h, notice, replaceChildren, todayInShanghai } from './dom';
import { clearErrorsOnEdit, readForm, renderField, showErrors, showFormError, type FieldSpec } from './fields';

/** An appeal as `GET /v1/cases/{caseId}/appeals` lists it (functions/shared/desk/appeals.ts `AppealView`). */
interface AppealView {
  appealId: string;
  kind: string;
  kindLabel: string;
  forum: string;
  filedOn: string;
  status: 'pending' | 'decided';
  result?: string;
  resultLabel?: string;
  decidedOn?: string;
  corrections?: { at: string; reason: string }[];
}

const KIND_OPTIONS = APPEAL_KINDS.map((k) => [k, APPEAL_KIND_LABELS[k]] as const);
const RESULT_OPTIONS = APPEAL_RESULTS.map((r) => [r, APPEAL_RESULT_LABELS[r]] as const);

const FILE_FIELDS: FieldSpec[] = [
  { path: 'kind', label: APPEAL_FIELD_LABELS.kind, kind: 'select', options: KIND_OPTIONS, required: true },
  {
    path: 'forum',
    label: APPEAL_FIELD_LABELS.forum,
    kind: 'text',
    required: true,
    maxLength: 100,
    hint: '受理的复议机关或人民法院，如“西华县人民政府”“西华县人民法院”',
  },
  {
    path: 'filedOn',
    label: APPEAL_FIELD_LABELS.filedOn,
    kind: 'date',
    required: true,
    className: 'narrow',
    hint: '申请人申请复议或起诉的日期；不早于答复日期（逾期未答复的除外）',
  },
];

/** The result choice of a correction that takes back a result recorded by mistake (sent as `result: null`). */
const TAKE_BACK = 'pending';

/** The correction form's fields, filled with the appeal as recorded; the reason is required (issue #14). */
function correctionFields(appeal: AppealView): FieldSpec[] {
  const L = APPEAL_CORRECTION_FIELD_LABELS;
  return [
    { path: 'kind', label: L.kind, kind: 'select', options: KIND_OPTIONS, initial: appeal.kind },
    { path: 'forum', label: L.forum, kind: 'text', maxLength: 100, initial: appeal.forum },
    { path: 'filedOn', label: L.filedOn, kind: 'date', className: 'narrow', initial: appeal.filedOn },
    {
      path: 'result',
      label: L.result,
      kind: 'select',
      options: [...RESULT_OPTIONS, [TAKE_BACK, '尚未审结（撤销误登记的结果）']],
      initial: appeal.result ?? '',
    },
    { path: 'decidedOn', label: L.decidedOn, kind: 'date', className: 'narrow', initial: appeal.decidedOn ?? '' },
    {
      path: 'reason',
      label: L.reason,
      kind: 'textarea',
      rows: 2,
      required: true,
      maxLength: 200,
      hint: '说明更正的原因（如“录入错误：复议决定为撤销原答复”）；更正连同原记录保存在审计记录中',
    },
  ];
}

/** The correction body: `result: null` for a result taken back (its date goes too). */
function correctionBody(body: Record<string, unknown>): Record<string, unknown> {
  if (body.result !== TAKE_BACK) return body;
  const { decidedOn: _date, ...rest } = body;
  return { ...rest, result: null };
}

const RESULT_FIELDS: FieldSpec[] = [
  { path: 'result', label: APPEAL_RESULT_FIELD_LABELS.result, kind: 'select', options: RESULT_OPTIONS, required: true },
  {
    path: 'decidedOn',
    label: APPEAL_RESULT_FIELD_LABELS.decidedOn,
    kind: 'date',
    required: true,
    className: 'narrow',
    hint: '复议决定或判决、裁定作出的日期；结果只能登记一次',
  },
];

/**
 * One idempotency token per filing form (like the application form's): a retry after a lost answer (double
 * click, flaky network) answers the same appeal instead of registering it twice. Renewed after each answer that
 * settles the submission (success, or the token refused for another body).
 */
const clientToken = (): string =>
  crypto.randomUUID ? crypto.randomUUID() : `${Date.now()}-${Math.random()}`.replace(/\./g, '');

/**
 * A form posting to `path` after checking the body against the schema the API uses; on success `done` gets the
 * answer (for its warnings), on refusal the fields are marked or the API's message shown. With `withToken`, each
 * submission carries the form's `clientToken`.
 */
function appealForm(
  session: Session,
  options: {
    id: string;
    fields: FieldSpec[];
    submitLabel: string;
    path: string;
    check: (body: unknown) => ReturnType<typeof validate>;
    done: (answer: unknown) => Promise<void>;
    withToken?: boolean;
    /** Turns the form's values into the body (e.g. a choice sent as null). */
    bodyOf?: (values: Record<string, unknown>) => Record<string, unknown>;
  },
): HTMLFormElement {
  let token = clientToken();
  const submit = h('button', { type: 'submit', class: 'button primary' }, options.submitLabel);
  const form = h('form', { class: 'form', id: options.id, novalidate: true });
  for (const spec of options.fields) append(form, renderField(spec, options.id));
  append(form, h('div', { class: 'actions' }, submit));
  clearErrorsOnEdit(form);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void (async () => {
      const values: Record<string, unknown> = {
        ...readForm(form),
        ...(options.withToken ? { clientToken: token } : {}),
      };
      const body = options.bodyOf ? options.bodyOf(values) : values;
      const checked = options.check(body);
      if (!checked.ok) {
        showErrors(form, `请修改以下${checked.error.fields.length}处：`, checked.error.fields);
        return;
      }
      submit.disabled = true;
      const answer = await session.call<unknown>('POST', options.path, { body });
      submit.disabled = false;
      if (answer.ok || answer.error.code === 'client_token_reused') token = clientToken();
      if (answer.ok) {
        await options.done(answer.body);
        return;
      }
      if (answer.error.fields?.length)
        showErrors(form, `未被接受，请修改以下${answer.error.fields.length}处：`, answer.error.fields);
      else {
        const title =
          answer.error.code === 'appeal_changed' ? '记录已被修改' : answer.status === 409 ? '结果已登记' : '未能登记';
        showFormError(form, title, h('p', {}, answer.error.message));
      }
    })();
  });
  return form;
}

/** The appeals panel of a case; it fills itself from `GET /v1/cases/{caseId}/appeals`. */
export function appealsPanel(session: Session, caseFile: { caseId: string; agencyId: string }): HTMLElement {
  const base = `/v1/cases/${segment(caseFile.caseId)}/appeals`;
  const flash = h('div', { id: 'appeals-flash', 'aria-live': 'polite' });
  const list = h('div', { id: 'appeals-list' }, h('p', {}, '正在加载复议诉讼记录…'));
  const panel = h(
    'section',
    { class: 'panel', 'aria-labelledby': 'appeals-title', id: 'appeals' },
    h('h2', { id: 'appeals-title' }, '行政复议、行政诉讼'),
    h(
      'p',
      { class: 'hint' },
      '登记的复议诉讼计入年度报告第四部分：审结的按结果计入审结年度，12月31日尚未审结的计入当年“尚未审结”。',
    ),
    flash,
    list,
  );

  const recorded = async (title: string, answer: unknown): Promise<void> => {
    replaceChildren(flash, notice('success', title, actWarnings(answer, caseFile.agencyId)));
    await load();
  };

  function row(appeal: AppealView): HTMLElement {
    const resultCell =
      appeal.status === 'decided'
        ? h('td', {}, appeal.resultLabel ?? '')
        : h(
            'td',
            {},
            h('span', { class: 'pending' }, '尚未审结'),
            h(
              'details',
              { 'data-appeal-result': appeal.appealId },
              h('summary', {}, '登记审结结果'),
              appealForm(session, {
                id: `appeal-result-${appeal.appealId.slice(0, 8)}`,
                fields: RESULT_FIELDS,
                submitLabel: '确认登记结果',
                path: `${base}/${segment(appeal.appealId)}/result`,
                check: (body) => validate(makeAppealResultSchema(todayInShanghai()), body, APPEAL_RESULT_FIELD_LABELS),
                done: (answer) => recorded('已登记审结结果', answer),
              }),
            ),
          );
    const corrections = appeal.corrections ?? [];
    const correctionCell = h(
      'td',
      {},
      corrections.length > 0
        ? h('p', { class: 'hint' }, `已更正${corrections.length}次，最近：${corrections.at(-1)?.reason ?? ''}`)
        : null,
      h(
        'details',
        { 'data-appeal-correction': appeal.appealId },
        h('summary', { class: 'button secondary' }, '更正'),
        appealForm(session, {
          id: `appeal-correct-${appeal.appealId.slice(0, 8)}`,
          fields: correctionFields(appeal),
          submitLabel: '确认更正',
          path: `${base}/${segment(appeal.appealId)}/correction`,
          bodyOf: correctionBody,
          check: (body) =>
            validate(makeAppealCorrectionSchema(todayInShanghai()), body, APPEAL_CORRECTION_FIELD_LABELS),
          done: (answer) => recorded('已更正复议诉讼记录', answer),
        }),
      ),
    );
    return h(
      'tr',
      { 'data-appeal-id': appeal.appealId, 'data-status': appeal.status },
      h('th', { scope: 'row' }, appeal.kindLabel),
      h('td', {}, appeal.forum),
      h('td', {}, formatDate(appeal.filedOn, false)),
      resultCell,
      h('td', {}, appeal.decidedOn ? formatDate(appeal.decidedOn, false) : '—'),
      correctionCell,
    );
  }

  async function load(): Promise<void> {
    const answer = await session.call<AppealView[]>('GET', base);
    if (!answer.ok) {
      replaceChildren(list, notice('error', '无法加载复议诉讼记录', h('p', {}, answer.error.message)));
      return;
    }
    const appeals = answer.body;
    replaceChildren(
      list,
      appeals.length === 0
        ? h('p', { id: 'appeals-empty' }, '本案暂无复议诉讼记录。')
        : h(
            'div',
            { class: 'table-wrap' },
            h(
              'table',
              { id: 'appeals-table' },
              h(
                'thead',
                {},
                h(
                  'tr',
                  {},
                  ...['类型', '复议机关或法院', '提起日期', '结果', '审结日期', '更正'].map((label) =>
                    h('th', { scope: 'col' }, label),
                  ),
                ),
              ),
              h('tbody', {}, ...appeals.map(row)),
            ),
          ),
      h(
        'details',
        { id: 'appeal-add' },
        h('summary', {}, '登记复议诉讼'),
        appealForm(session, {
          id: 'appeal-file',
          fields: FILE_FIELDS,
          submitLabel: '确认登记',
          path: base,
          check: (body) => validate(makeAppealSchema(todayInShanghai()), body, APPEAL_FIELD_LABELS),
          done: (answer) => recorded('已登记复议诉讼', answer),
          withToken: true,
        }),
      ),
    );
  }

  void load();
  return panel;
}
