/**
 * The annual report pages of the staff console: the year data (sections 二 and 四 figures and the
 * narrative of sections 一, 五, 六; `PUT /v1/agencies/{agencyId}/years/{year}`) and the report itself —
 * generate, preview (HTML in a sandboxed frame), download, publish.
 */
import { YEAR_DATA_FIELD_LABELS, yearDataSchema } from '../../functions/annual-report/schema';
import { ruleInChinese } from '../../functions/shared/domain/rule-violation';
import { validate } from '../../functions/shared/http/validation';
import { fetchRaw, segment } from './api';
import { agencyPicker } from './console';
import type { Session } from './console-session';
import { append, h, notice, replaceChildren } from './dom';
import { clearErrorsOnEdit, readForm, renderField, showErrors, showFormError, type FieldSpec } from './fields';

const PREFIX = 'year';
const label = (path: string): string => YEAR_DATA_FIELD_LABELS[path] ?? path;

const DOCUMENT_BLOCKS = ['regulations', 'normativeDocuments'] as const;
const DOCUMENT_COLUMNS = ['issued', 'repealed', 'inForce'] as const;
const REVIEW_BLOCKS = ['review', 'litigationDirect', 'litigationAfterReview'] as const;
const RESULT_COLUMNS = ['upheld', 'corrected', 'other', 'pending', 'total'] as const;
const NARRATIVE = ['overview', 'problems', 'other'] as const;

type Flat = Record<string, string>;

/** Flattens stored year data into `{ 'activeDisclosure.licensingDecisions': '69', … }`. */
function flatten(value: unknown, prefix = '', into: Flat = {}): Flat {
  if (typeof value === 'number' || typeof value === 'string') into[prefix] = String(value);
  else if (typeof value === 'object' && value !== null)
    for (const [key, inner] of Object.entries(value)) flatten(inner, prefix ? `${prefix}.${key}` : key, into);
  return into;
}

/** The year data inside a `GET …/years/{year}` answer, whether bare or wrapped. */
function yearDataOf(body: unknown): unknown {
  if (typeof body !== 'object' || body === null) return undefined;
  if ('activeDisclosure' in body) return body;
  for (const key of ['yearData', 'data']) {
    const inner = (body as Record<string, unknown>)[key];
    if (typeof inner === 'object' && inner !== null && 'activeDisclosure' in inner) return inner;
  }
  return undefined;
}

/** A header cell of an official table: text, merged across columns or down rows. */
type Head = string | { text: string; colspan?: number; rowspan?: number };

/**
 * A table laid out like the official form's (国办公开办函〔2021〕30号): its column heads, then one row per official
 * row, each cell a field whose label (row + column, e.g. 行政许可本年处理决定数量) is kept for screen readers and
 * hidden on screen, where the heads say it.
 */
function officialTable(
  caption: string,
  heads: readonly (readonly Head[])[],
  rows: readonly (readonly [string | null, FieldSpec[]])[],
): HTMLElement {
  const headCell = (head: Head) =>
    typeof head === 'string'
      ? h('th', { scope: 'col' }, head)
      : h('th', { scope: 'col', colspan: head.colspan, rowspan: head.rowspan }, head.text);
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { class: 'year-table' },
      h('caption', {}, caption),
      h('thead', {}, ...heads.map((row) => h('tr', {}, ...row.map(headCell)))),
      h(
        'tbody',
        {},
        ...rows.map(([label, specs]) =>
          h(
            'tr',
            {},
            label === null ? null : h('th', { scope: 'row' }, label),
            ...specs.map((spec) => h('td', {}, renderField({ ...spec, className: 'field-in-table' }, PREFIX))),
          ),
        ),
      ),
    ),
  );
}

function section(title: string, ...children: (HTMLElement | null)[]): HTMLElement {
  return h('fieldset', { class: 'section' }, h('legend', {}, title), ...children);
}

function yearPicker(kind: 'years' | 'reports', agencyId: string, year: number): HTMLElement {
  return h(
    'p',
    { class: 'no-print' },
    h('a', { href: `#/${kind}/${segment(agencyId)}/${year - 1}` }, `← ${year - 1}年`),
    '　',
    h('a', { href: `#/${kind}/${segment(agencyId)}/${year + 1}` }, `${year + 1}年 →`),
  );
}

export async function renderYearPage(
  app: HTMLElement,
  session: Session,
  agencyId: string,
  year: number,
): Promise<void> {
  const path = `/v1/agencies/${segment(agencyId)}/years/${year}`;
  const answer = await session.call<unknown>('GET', path);
  const stored = answer.ok ? yearDataOf(answer.body) : undefined;
  const initial = flatten(stored);
  const agencyName = session.agencies.find((a) => a.agencyId === agencyId)?.name ?? agencyId;
  const count = (p: string): FieldSpec => ({
    path: p,
    label: label(p),
    kind: 'integer',
    required: true,
    initial: initial[p] ?? '0',
  });

  const submit = h('button', { type: 'submit', class: 'button primary' }, '保存年度数据');
  const form = h(
    'form',
    { id: 'year-form', class: 'form', novalidate: true },
    section(
      '二、主动公开政府信息情况',
      officialTable(
        '第二十条第（一）项',
        [['信息内容', '本年制发件数', '本年废止件数', '现行有效件数']],
        DOCUMENT_BLOCKS.map((b) => [
          label(`activeDisclosure.${b}`),
          DOCUMENT_COLUMNS.map((c) => count(`activeDisclosure.${b}.${c}`)),
        ]),
      ),
      renderField(
        {
          path: 'activeDisclosure.inForceReason',
          label: label('activeDisclosure.inForceReason'),
          kind: 'textarea',
          initial: initial['activeDisclosure.inForceReason'] ?? '',
          maxLength: 500,
          rows: 2,
          hint: '现行有效件数应等于上年现行有效件数加本年制发件数减本年废止件数。不一致时（如文件到期自然失效）请在此说明原因，否则报告不能发布。',
        },
        PREFIX,
      ),
      officialTable(
        '第二十条第（五）项、第（六）项',
        [['信息内容', '本年处理决定数量']],
        [
          ['行政许可', [count('activeDisclosure.licensingDecisions')]],
          ['行政处罚', [count('activeDisclosure.penaltyDecisions')]],
          ['行政强制', [count('activeDisclosure.enforcementDecisions')]],
        ],
      ),
      officialTable(
        '第二十条第（八）项',
        [['信息内容', '本年收费金额（单位：万元）']],
        [
          [
            '行政事业性收费',
            [
              {
                path: 'activeDisclosure.feesCollectedTenThousandYuan',
                label: label('activeDisclosure.feesCollectedTenThousandYuan'),
                kind: 'number',
                required: true,
                initial: initial['activeDisclosure.feesCollectedTenThousandYuan'] ?? '0',
              },
            ],
          ],
        ],
      ),
    ),
    section(
      '四、政府信息公开行政复议、行政诉讼情况',
      h(
        'p',
        { class: 'hint', id: 'section4-hint' },
        '在案件页面登记的复议诉讼由系统自动计入第四部分（审结的按结果计入审结年度，12月31日尚未审结的计入“尚未审结”）。' +
          '这里只填写未在系统登记的复议诉讼，报告会将两者相加，并在表下注明各自件数。',
      ),
      officialTable(
        '行政复议、行政诉讼',
        [
          [
            { text: '行政复议', colspan: 5, rowspan: 2 },
            { text: '行政诉讼', colspan: 10 },
          ],
          [
            { text: '未经复议直接起诉', colspan: 5 },
            { text: '复议后起诉', colspan: 5 },
          ],
          REVIEW_BLOCKS.flatMap(() => ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计']),
        ],
        [[null, REVIEW_BLOCKS.flatMap((b) => RESULT_COLUMNS.map((c) => count(`reviewAndLitigation.${b}.${c}`)))]],
      ),
    ),
  );
  const narrative = h('fieldset', { class: 'section' }, h('legend', {}, '报告正文（一、五、六）'));
  for (const n of NARRATIVE)
    append(
      narrative,
      renderField(
        {
          path: `narrative.${n}`,
          label: label(`narrative.${n}`),
          kind: 'textarea',
          keepEmpty: true,
          initial: initial[`narrative.${n}`] ?? '',
          maxLength: 20000,
          rows: 6,
          ...(n === 'other'
            ? {
                hint: '报告第六部分会根据案件自动写入信息处理费情况一句（没有收费时为“按照《政府信息公开信息处理费管理办法》规定的按件、按量收费标准，本年度没有产生信息公开处理费。”）。这里照原样填写其他事项；如已写有同一句，报告中只出现一次。',
              }
            : {}),
        },
        PREFIX,
      ),
    );
  append(
    form,
    narrative,
    h(
      'div',
      { class: 'actions' },
      submit,
      h('a', { class: 'button secondary', href: `#/reports/${segment(agencyId)}/${year}` }, '查看年度报告'),
    ),
  );
  clearErrorsOnEdit(form);

  const loadProblem =
    !answer.ok && answer.status !== 404
      ? notice('error', '无法加载已保存的年度数据', h('p', {}, answer.error.message))
      : null;
  replaceChildren(
    app,
    h('h1', {}, `${year}年度数据 — ${agencyName}`),
    agencyPicker(session, (id) => (location.hash = `#/years/${segment(id)}/${year}`)),
    yearPicker('years', agencyId, year),
    h(
      'p',
      { class: 'lead' },
      '第三部分（收到和处理政府信息公开申请情况）由系统根据案件自动统计，此处只填写其余各部分。',
    ),
    loadProblem,
    form,
  );

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void (async () => {
      const body = readForm(form);
      const checked = validate(yearDataSchema, body, YEAR_DATA_FIELD_LABELS);
      if (!checked.ok) {
        showErrors(form, `尚未保存，请修改以下${checked.error.fields.length}处：`, checked.error.fields);
        return;
      }
      submit.disabled = true;
      const saved = await session.call<unknown>('PUT', path, { body });
      submit.disabled = false;
      if (saved.ok) {
        form.querySelector('.error-summary')?.remove();
        const done = notice('success', '年度数据已保存', h('p', {}, '重新生成年度报告后生效。'));
        done.classList.add('error-summary');
        form.prepend(done);
        done.focus();
      } else if (saved.error.fields?.length)
        showErrors(form, `未能保存，请修改以下${saved.error.fields.length}处：`, saved.error.fields);
      else showFormError(form, '未能保存', h('p', {}, saved.error.message));
    })();
  });
}

/** `GET …/reports/{year}/revisions` (functions/annual-report/handler.ts `getRevisions`). */
interface Revisions {
  status: 'draft' | 'published';
  publishableFrom: string;
  revisions: Array<{ revision: number; publishedAt: string; reason?: string }>;
  correctionNeeded?: { since: string; notes: string[] };
}

/** `POST …/reports/{year}` and `…/publish` (functions/annual-report/handler.ts `reportSummary`). */
interface ReportSummary {
  status: 'draft' | 'published';
  publishable: boolean;
  checks: Array<{ name: string; relation: string; passed: boolean; details: string }>;
}

/** The check relations as a list: each relation with 通过 / 不通过 in words. */
function checkList(checks: ReadonlyArray<{ relation: string; details: string; passed?: boolean }>): HTMLElement {
  return h(
    'ul',
    { class: 'check-list' },
    ...checks.map((c) =>
      h(
        'li',
        {},
        h('strong', {}, c.passed === false || c.passed === undefined ? '不通过：' : '通过：'),
        `${c.relation}（${c.details}）`,
      ),
    ),
  );
}

export async function renderReportPage(
  app: HTMLElement,
  session: Session,
  agencyId: string,
  year: number,
): Promise<void> {
  const base = `/v1/agencies/${segment(agencyId)}/reports/${year}`;
  const agencyName = session.agencies.find((a) => a.agencyId === agencyId)?.name ?? agencyId;
  const messages = h('div', { id: 'report-messages', 'aria-live': 'polite' });
  const preview = h('div', { id: 'report-preview' });
  const generate = h('button', { type: 'button', class: 'button primary' }, '生成（更新）报告');
  const publish = h('button', { type: 'button', class: 'button secondary' }, '发布报告');
  // Shown only once there is a report to download.
  const downloads = h('p', { class: 'actions', id: 'report-downloads', hidden: true });
  const lifecycle = h('div', { id: 'report-lifecycle' });

  const say = (box: HTMLElement): void => {
    replaceChildren(messages, box);
    box.focus();
  };

  const loadPreview = async (): Promise<void> => {
    const html = await fetchRaw(`${base}?format=html`, session.token);
    downloads.hidden = !html.ok;
    if (!html.ok) {
      replaceChildren(
        preview,
        html.status === 404
          ? notice('info', '尚未生成本年度报告', h('p', {}, '请先填写年度数据，再点击“生成（更新）报告”。'))
          : notice('error', '无法加载报告预览', h('p', {}, `HTTP ${html.status}`)),
      );
      return;
    }
    // The report runs in a sandboxed frame with no scripts and no access to this page.
    const frame = h('iframe', { class: 'report-frame', title: `${year}年政府信息公开工作年度报告预览`, sandbox: '' });
    const text = await html.blob.text();
    frame.srcdoc = text;
    // A draft's HTML carries its 草稿 line (render-html.ts); a published report has none.
    const draft = text.includes('class="draft"');
    replaceChildren(
      preview,
      h('p', { id: 'report-state' }, '当前状态：', h('strong', {}, draft ? '草稿（未发布）' : '已发布')),
      frame,
    );
  };

  /** Published revisions, a correction needed, and the correction form (design.md §9 "Report lifecycle"). */
  const loadLifecycle = async (): Promise<void> => {
    const answer = await session.call<Revisions>('GET', `${base}/revisions`);
    if (!answer.ok || answer.body.status !== 'published') {
      replaceChildren(
        lifecycle,
        h(
          'p',
          { class: 'hint' },
          `本年度报告自${answer.ok ? answer.body.publishableFrom : `${year + 1}-01-01`}起方可发布。`,
        ),
      );
      return;
    }
    const { revisions, correctionNeeded } = answer.body;
    const reason = h('textarea', { id: 'correction-reason', name: 'reason', rows: 3, maxlength: 2000 });
    const submit = h('button', { type: 'submit', class: 'button primary' }, '发布更正');
    const form = h(
      'form',
      { id: 'correction-form', class: 'form', novalidate: true },
      h('label', { for: 'correction-reason' }, '更正说明（必填：更正的原因和内容，将与报告一同公开）'),
      reason,
      h('div', { class: 'actions' }, submit),
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void (async () => {
        submit.disabled = true;
        const done = await session.call<{ revision: number }>('POST', `${base}/corrections`, {
          body: { reason: reason.value },
        });
        submit.disabled = false;
        if (done.ok)
          say(
            notice(
              'success',
              `已发布更正（第${done.body.revision}版）`,
              h('p', {}, '公众现在看到的是更正后的报告及更正说明。'),
            ),
          );
        else
          say(
            notice(
              'error',
              '更正未能发布',
              h('p', {}, done.error.message),
              done.error.failedChecks ? checkList(done.error.failedChecks) : null,
            ),
          );
        await loadLifecycle();
        await loadPreview();
      })();
    });
    replaceChildren(
      lifecycle,
      correctionNeeded
        ? notice(
            'error',
            '本年度报告需要更正',
            h('p', {}, '报告发布后，又有日期在本年度内的登记、办理或年度数据修改：'),
            h('ul', {}, ...correctionNeeded.notes.map((n) => h('li', {}, n))),
            h('p', {}, '请核对后填写更正说明并发布更正；下一年度报告的上年结转数以最新一版为准。'),
          )
        : null,
      h(
        'ul',
        { class: 'revision-list' },
        ...revisions.map((r) =>
          h(
            'li',
            {},
            `第${r.revision}版，发布于${r.publishedAt.slice(0, 10)}`,
            r.reason ? `，更正说明：${r.reason}` : '',
          ),
        ),
      ),
      h('details', correctionNeeded ? { open: true } : {}, h('summary', {}, '更正已发布的报告'), form),
    );
  };

  generate.addEventListener('click', () => {
    void (async () => {
      generate.disabled = true;
      const answer = await session.call<ReportSummary>('POST', base);
      generate.disabled = false;
      if (answer.ok) {
        const failed = (answer.body.checks ?? []).filter((c) => !c.passed);
        say(
          failed.length === 0
            ? notice('success', '报告已生成，各项勾稽关系校验通过', h('p', {}, '下方为最新预览。核对无误后可以发布。'))
            : notice('error', `报告已生成，但有${failed.length}项校验未通过，暂不能发布`, checkList(failed)),
        );
      } else say(notice('error', '报告未能生成', h('p', {}, answer.error.message)));
      await loadPreview();
    })();
  });

  publish.addEventListener('click', () => {
    const confirmButton = h('button', { type: 'button', class: 'button danger' }, '确认发布');
    const cancel = h('button', { type: 'button', class: 'button secondary' }, '取消');
    cancel.addEventListener('click', () => replaceChildren(messages));
    confirmButton.addEventListener('click', () => {
      void (async () => {
        confirmButton.disabled = true;
        const answer = await session.call<unknown>('POST', `${base}/publish`);
        await loadLifecycle();
        if (answer.ok) {
          say(notice('success', '报告已发布', h('p', {}, '公众现在可以查阅本年度报告。')));
          // The stored report now says 已发布: show it without a reload.
          await loadPreview();
        } else
          say(
            notice(
              'error',
              '报告未能发布',
              h('p', {}, answer.error.message),
              answer.error.rule ? h('p', {}, `依据：${ruleInChinese(answer.error.rule)}`) : null,
              answer.error.failedChecks ? checkList(answer.error.failedChecks) : null,
            ),
          );
      })();
    });
    say(
      notice(
        'info',
        `确认发布${agencyName}${year}年度报告？`,
        h('p', {}, '发布后公众即可查阅。发布前系统会再次校验各表之间的勾稽关系。'),
        h('div', { class: 'actions' }, confirmButton, cancel),
      ),
    );
  });

  for (const [format, text, fileName] of [
    ['md', '下载Markdown', `report-${year}.md`],
    ['docx', '下载Word文档', `report-${year}.docx`],
    ['json', '下载JSON数据', `report-${year}.json`],
  ] as const) {
    const button = h('button', { type: 'button', class: 'button secondary' }, text);
    button.addEventListener('click', () => {
      void (async () => {
        const file = await fetchRaw(`${base}?format=${format}`, session.token);
        if (!file.ok) {
          say(
            notice('error', '下载失败', h('p', {}, file.status === 404 ? '尚未生成本年度报告' : `HTTP ${file.status}`)),
          );
          return;
        }
        const url = URL.createObjectURL(file.blob);
        const link = h('a', { href: url, download: `${agencyId}-${fileName}` });
        document.body.append(link);
        link.click();
        link.remove();
        setTimeout(() => URL.revokeObjectURL(url), 10_000);
      })();
    });
    append(downloads, button);
  }

  replaceChildren(
    app,
    h('h1', {}, `${year}年政府信息公开工作年度报告 — ${agencyName}`),
    agencyPicker(session, (id) => (location.hash = `#/reports/${segment(id)}/${year}`)),
    yearPicker('reports', agencyId, year),
    h(
      'div',
      { class: 'actions' },
      generate,
      publish,
      h('a', { class: 'button secondary', href: `#/years/${segment(agencyId)}/${year}` }, '编辑年度数据'),
    ),
    messages,
    lifecycle,
    downloads,
    preview,
  );
  await Promise.all([loadPreview(), loadLifecycle()]);
}
