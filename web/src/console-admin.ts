/**
 * The console's administration page (`#/admin`, administrators only; design.md §9): the agencies with a form to
 * create or change one, and the holiday notices with a form to enter a year — after which it follows the recompute
 * (a job per agency, outside the request: issue 15) and lists the open cases whose dates or provisional marks moved.
 */
import type { Session } from './console-session';
import { h, notice, replaceChildren } from './dom';
import { readForm, renderField, showErrors, type FieldSpec } from './fields';

interface AdminAgency {
  agencyId: string;
  name: string;
  receiptPrefix: string;
  letterPrefix: string;
  officeEmail: string;
  headEmail: string;
  reviewOrgan: string;
  court: string;
  address: string;
  phone: string;
  parentAgencyId?: string;
}
interface CalendarYear {
  year: number;
  noticeNumber: string;
  source: 'built_in' | 'entered';
  version?: number;
}
interface Recompute {
  status: 'queued' | 'running' | 'done' | 'failed';
  agencies: { total: number | null; done: number; failed: string[] };
  moved: MovedCase[];
  movedCount: number;
}
interface MovedCase {
  caseId: string;
  receiptNumber: string;
  before: { replyDue: string | null; provisional: boolean };
  after: { replyDue: string | null; provisional: boolean };
}

const AGENCY_FIELDS: FieldSpec[] = [
  {
    path: 'agencyId',
    label: '机关标识',
    kind: 'text',
    required: true,
    hint: '小写字母、数字和连字符，例如 niedui-town',
  },
  { path: 'name', label: '机关名称', kind: 'text', required: true },
  { path: 'receiptPrefix', label: '受理编号前缀', kind: 'text', required: true, hint: '2至10位大写字母或数字' },
  { path: 'letterPrefix', label: '文书文号前缀', kind: 'text', required: true },
  { path: 'officeEmail', label: '政府信息公开工作机构邮箱', kind: 'email', required: true },
  { path: 'headEmail', label: '机构负责人邮箱', kind: 'email', required: true },
  { path: 'reviewOrgan', label: '行政复议机关', kind: 'text', required: true },
  { path: 'court', label: '管辖法院', kind: 'text', required: true },
  { path: 'address', label: '通讯地址', kind: 'text', required: true },
  { path: 'phone', label: '联系电话', kind: 'tel', required: true },
  { path: 'parentAgencyId', label: '上级机关标识', kind: 'text' },
];

const CALENDAR_FIELDS: FieldSpec[] = [
  { path: 'year', label: '年份', kind: 'integer', required: true },
  { path: 'noticeNumber', label: '国务院通知文号', kind: 'text', required: true },
  { path: 'publishedOn', label: '通知发布日期', kind: 'date', required: true },
  { path: 'holidays', label: '放假日期', kind: 'textarea', required: true, hint: '每行一个日期，YYYY-MM-DD' },
  { path: 'workdays', label: '调休上班日期', kind: 'textarea', hint: '每行一个日期（星期六或星期日）' },
];

const dates = (text: unknown): string[] =>
  String(text ?? '')
    .split(/[\s,，]+/)
    .filter(Boolean);

export async function renderAdminPage(app: HTMLElement, session: Session): Promise<void> {
  if (!session.me.admin) {
    replaceChildren(app, notice('error', '无权访问', h('p', {}, '仅系统管理员可以管理机关和节假日安排。')));
    return;
  }
  const [agencies, calendars] = await Promise.all([
    session.call<{ agencies: AdminAgency[] }>('GET', '/v1/admin/agencies'),
    session.call<{ years: CalendarYear[] }>('GET', '/v1/admin/calendars'),
  ]);
  const agencyRows = agencies.ok ? agencies.body.agencies : [];
  const yearRows = calendars.ok ? calendars.body.years : [];

  const agencyForm = h(
    'form',
    { id: 'agency-form', class: 'form', novalidate: true },
    ...AGENCY_FIELDS.map((f) => renderField(f, 'agency')),
  );
  agencyForm.append(
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'button primary' }, '保存机关')),
  );
  const agencyResult = h('div', { id: 'agency-result' });
  agencyForm.addEventListener('submit', (event) => {
    event.preventDefault();
    void (async () => {
      const { agencyId, ...body } = readForm(agencyForm);
      const answer = await session.call<AdminAgency>(
        'PUT',
        `/v1/admin/agencies/${encodeURIComponent(String(agencyId ?? ''))}`,
        {
          body,
        },
      );
      if (!answer.ok) {
        showErrors(agencyForm, '机关未保存', answer.error.fields ?? [{ path: '', message: answer.error.message }]);
        return;
      }
      replaceChildren(
        agencyResult,
        notice('success', '已保存', h('p', {}, `${answer.body.name}（${answer.body.agencyId}）`)),
      );
    })();
  });

  const calendarForm = h(
    'form',
    { id: 'calendar-form', class: 'form', novalidate: true },
    ...CALENDAR_FIELDS.map((f) => renderField(f, 'calendar')),
  );
  calendarForm.append(
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'button primary' }, '保存节假日安排')),
  );
  const calendarResult = h('div', { id: 'calendar-result' });
  calendarForm.addEventListener('submit', (event) => {
    event.preventDefault();
    void (async () => {
      const values = readForm(calendarForm);
      const answer = await session.call<{ recompute: { statusPath: string } }>(
        'PUT',
        `/v1/admin/calendars/${encodeURIComponent(String(values.year ?? ''))}`,
        {
          body: {
            noticeNumber: values.noticeNumber,
            publishedOn: values.publishedOn,
            holidays: dates(values.holidays),
            workdays: dates(values.workdays),
          },
        },
      );
      if (!answer.ok) {
        const fields = (answer.error.fields ?? []).map((f) => ({ ...f, path: f.path.replace(/\.\d+$/, '') }));
        showErrors(
          calendarForm,
          '节假日安排未保存',
          fields.length ? fields : [{ path: '', message: answer.error.message }],
        );
        return;
      }
      // The recompute runs outside the request, agency by agency: follow it until it is done (seconds).
      replaceChildren(calendarResult, notice('info', '已保存', h('p', {}, '正在重新计算办理中的申请期限……')));
      let recompute: Recompute | undefined;
      for (let tries = 0; tries < 240; tries++) {
        const status = await session.call<Recompute>('GET', answer.body.recompute.statusPath);
        if (status.ok && (status.body.status === 'done' || status.body.status === 'failed')) {
          recompute = status.body;
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
      if (!recompute || recompute.status === 'failed') {
        const failed = recompute?.agencies.failed ?? [];
        replaceChildren(
          calendarResult,
          notice(
            'error',
            '重新计算未完成',
            h(
              'p',
              {},
              failed.length
                ? `节假日安排已保存，但以下机关办理中的申请期限未能重新计算：${failed.join('、')}。运维人员已收到告警。`
                : '节假日安排已保存，重新计算仍在进行，请稍后刷新查看。',
            ),
          ),
        );
        return;
      }
      const moved = recompute.moved;
      replaceChildren(
        calendarResult,
        notice(
          'success',
          '已保存',
          h(
            'p',
            {},
            recompute.movedCount
              ? `以下 ${recompute.movedCount} 件办理中的申请期限已重新计算：`
              : '没有办理中的申请受影响。',
          ),
        ),
        ...(moved.length
          ? [
              h(
                'table',
                { id: 'moved-cases' },
                h(
                  'thead',
                  {},
                  h('tr', {}, h('th', {}, '受理编号'), h('th', {}, '原答复期限'), h('th', {}, '新答复期限')),
                ),
                h(
                  'tbody',
                  {},
                  ...moved.map((m) =>
                    h(
                      'tr',
                      {},
                      h('td', {}, h('a', { href: `#/cases/${encodeURIComponent(m.caseId)}` }, m.receiptNumber)),
                      h('td', {}, `${m.before.replyDue ?? '—'}${m.before.provisional ? '（暂定）' : ''}`),
                      h('td', {}, `${m.after.replyDue ?? '—'}${m.after.provisional ? '（暂定）' : ''}`),
                    ),
                  ),
                ),
              ),
            ]
          : []),
      );
    })();
  });

  replaceChildren(
    app,
    h('h1', {}, '系统管理'),
    h('h2', {}, '机关'),
    h(
      'table',
      { id: 'agency-list' },
      h(
        'thead',
        {},
        h('tr', {}, h('th', {}, '标识'), h('th', {}, '名称'), h('th', {}, '受理编号前缀'), h('th', {}, '工作机构邮箱')),
      ),
      h(
        'tbody',
        {},
        ...agencyRows.map((a) =>
          h(
            'tr',
            {},
            h('td', {}, a.agencyId),
            h('td', {}, a.name),
            h('td', {}, a.receiptPrefix),
            h('td', {}, a.officeEmail),
          ),
        ),
      ),
    ),
    h('h3', {}, '新建或修改机关'),
    agencyForm,
    agencyResult,
    h('h2', {}, '节假日安排（国务院通知）'),
    h(
      'table',
      { id: 'calendar-list' },
      h('thead', {}, h('tr', {}, h('th', {}, '年份'), h('th', {}, '通知文号'), h('th', {}, '来源'))),
      h(
        'tbody',
        {},
        ...yearRows.map((y) =>
          h(
            'tr',
            {},
            h('td', {}, String(y.year)),
            h('td', {}, y.noticeNumber),
            h('td', {}, y.source === 'entered' ? `管理员录入（第${y.version ?? 1}版）` : '内置'),
          ),
        ),
      ),
    ),
    h('h3', {}, '录入一年的节假日安排'),
    calendarForm,
    calendarResult,
  );
}
