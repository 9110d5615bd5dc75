/**
 * The work list of the staff console (design.md §9 "The desk"): one page at a time of the agency's cases,
 * soonest deadline first, with "更多" for the next page; filters by status and "我的案件"; a search box
 * (receipt number, applicant's name, phone, ID number, words of an organisation's name or of the description); the closed list with
 * its outcome and reply date; the year's ledger (台账) as Excel or CSV.
 */
import { CASE_LIST_STATUSES, CASE_LIST_STATUS_LABELS } from '../../functions/cases/schema';
import {
  APPLICANT_TYPE_LABELS,
  CHANNEL_LABELS,
  OUTCOME_LABELS,
  type ApplicantType,
  type Channel,
  type OutcomeCode,
} from '../../functions/shared/domain/model';
import { fetchRaw, segment } from './api';
import { agencyPicker } from './console';
import { caseStatusLabel, reportYear, type Session } from './console-session';
import { append, formatDate, h, notice, replaceChildren, todayInShanghai } from './dom';
import { renderField } from './fields';

/** One row of `GET /v1/cases` (design.md §5, §9). */
export interface WorkListCase {
  caseId: string;
  receiptNumber: string;
  version: number;
  applicantType: string;
  maskedName: string;
  maskedIdNumber?: string;
  receivedOn: string;
  channel: string;
  status: string;
  replyDue?: string;
  sortDue?: string;
  closedOn?: string;
  outcome?: string;
  assignee?: string;
  extensionPending?: boolean;
  urgency: 'overdue' | 'due_soon' | 'normal';
  workingDaysLeft?: number;
  /** A supplement or a consultation opinion that arrived and awaits the next step (design.md §9). */
  arrival?: { kind: 'supplement' | 'consultation_opinion'; on: string; byApplicant?: boolean };
  match?: string;
}

/** What arrived, as the work list says it. */
export function arrivalLabel(arrival: NonNullable<WorkListCase['arrival']>): string {
  const what =
    arrival.kind === 'supplement' ? (arrival.byApplicant ? '申请人已在线补正' : '已收到补正') : '已收到征求意见答复';
  return `${what}（${formatDate(arrival.on, false)}）`;
}

/** Urgency is shown as colour and as words, never colour alone. */
export const URGENCY_LABELS: Record<WorkListCase['urgency'], string> = {
  overdue: '已逾期',
  due_soon: '5个工作日内到期',
  normal: '正常',
};

const MATCH_LABELS: Record<string, string> = {
  receipt_number: '受理编号相同',
  id_number: '证件号码相同',
  phone: '联系电话相同',
  name: '姓名相同',
  organisation_name: '单位名称含检索词',
  description: '申请内容含检索词',
};

/** How a search found the case, in words (an organisation's whole name is its 名称, not a 姓名). */
function matchLabel(c: WorkListCase): string {
  if (!c.match) return '';
  if (c.match === 'name' && c.applicantType !== 'natural_person') return '名称相同';
  return MATCH_LABELS[c.match] ?? c.match;
}

export interface WorkListFilter {
  status: string;
  mine: boolean;
  q: string;
}

function openRow(c: WorkListCase): HTMLTableRowElement {
  return h(
    'tr',
    { class: `urgency-${c.urgency}`, 'data-case-id': c.caseId },
    h('td', {}, h('span', { class: 'badge' }, URGENCY_LABELS[c.urgency] ?? c.urgency)),
    h(
      'th',
      { scope: 'row' },
      h('a', { href: `#/cases/${segment(c.caseId)}` }, c.receiptNumber),
      c.match ? h('span', { class: 'hint match' }, h('br'), matchLabel(c)) : null,
    ),
    h(
      'td',
      {},
      c.maskedName,
      h('br'),
      h('span', { class: 'hint' }, APPLICANT_TYPE_LABELS[c.applicantType as ApplicantType] ?? c.applicantType),
    ),
    h('td', {}, CHANNEL_LABELS[c.channel as Channel] ?? c.channel),
    h('td', {}, formatDate(c.receivedOn, false)),
    h(
      'td',
      {},
      formatDate(c.replyDue ?? c.sortDue),
      c.replyDue ? null : h('span', { class: 'hint' }, h('br'), dueKindLabel(c.status)),
    ),
    h(
      'td',
      {},
      c.workingDaysLeft === undefined
        ? '—'
        : c.workingDaysLeft < 0
          ? `超期${-c.workingDaysLeft}个工作日`
          : `${c.workingDaysLeft}个工作日`,
    ),
    h(
      'td',
      {},
      caseStatusLabel(c.status),
      c.extensionPending ? h('span', { class: 'hint' }, '（延期待批准）') : null,
      c.arrival ? h('br') : null,
      c.arrival ? h('span', { class: 'badge arrival' }, `新到：${arrivalLabel(c.arrival)}`) : null,
    ),
    h('td', {}, c.assignee ?? '未分配'),
  );
}

function closedRow(c: WorkListCase): HTMLTableRowElement {
  return h(
    'tr',
    { 'data-case-id': c.caseId },
    h('th', { scope: 'row' }, h('a', { href: `#/cases/${segment(c.caseId)}` }, c.receiptNumber)),
    h('td', {}, c.maskedName),
    h('td', {}, CHANNEL_LABELS[c.channel as Channel] ?? c.channel),
    h('td', {}, formatDate(c.receivedOn, false)),
    h('td', {}, formatDate(c.closedOn, false)),
    h('td', {}, c.outcome ? (OUTCOME_LABELS[c.outcome as OutcomeCode] ?? c.outcome) : '—'),
    h('td', {}, c.assignee ?? '—'),
  );
}

/**
 * Which deadline the 期限 column shows when a case has no running reply deadline (the server's `sortDue`, case-workflow.ts):
 * the applicant's supplement period (Art. 30), the fee payment period (Fee Measures Art. 7), or else the office's
 * own period to ask for a supplement (Art. 30: within 7 working days of receipt).
 */
function dueKindLabel(status: string): string {
  if (status === 'awaiting_supplement') return '申请人补正期限';
  if (status === 'awaiting_fee') return '缴费期限';
  return '告知补正期限';
}

const OPEN_COLUMNS = ['紧急程度', '受理编号', '申请人', '申请方式', '收到日期', '期限', '剩余', '状态', '承办人'];
const CLOSED_COLUMNS = ['受理编号', '申请人', '申请方式', '收到日期', '答复日期', '答复结果', '承办人'];

/** The year's ledger (台账) as a download. */
function ledgerButtons(current: Session, say: (node: Node) => void): HTMLElement {
  const year = Number(todayInShanghai().slice(0, 4));
  const choices = [year, reportYear(todayInShanghai())];
  const yearField = renderField(
    {
      path: 'ledgerYear',
      label: '台账年度',
      kind: 'select',
      options: choices.map((y) => [String(y), `${y}年`] as const),
      initial: String(year),
      required: true,
    },
    'ledger',
  );
  const box = h('div', { class: 'ledger' }, yearField);
  for (const [format, label] of [
    ['xlsx', '导出台账（Excel）'],
    ['csv', '导出台账（CSV）'],
  ] as const) {
    const button = h('button', { type: 'button', class: 'button secondary', 'data-format': format }, label);
    button.addEventListener('click', () => {
      void (async () => {
        const chosen = yearField.querySelector('select')?.value || String(year);
        const query = new URLSearchParams({ agencyId: current.agencyId, year: chosen, format });
        const file = await fetchRaw(`/v1/cases?${query.toString()}`, current.token);
        if (!file.ok) {
          say(notice('error', '导出失败', h('p', {}, `HTTP ${file.status}`)));
          return;
        }
        const url = URL.createObjectURL(file.blob);
        const link = h('a', { href: url, download: `台账-${current.agencyId}-${chosen}.${format}` });
        document.body.append(link);
        link.click();
        link.remove();
        setTimeout(() => URL.revokeObjectURL(url), 10_000);
        say(notice('success', '台账已导出', h('p', {}, `${chosen}年台账（${format.toUpperCase()}）已下载`)));
      })();
    });
    append(box, button);
  }
  return box;
}

/**
 * For the head of the office (Art. 33 ¶2: an extension needs the head's approval before the reply deadline): how
 * many extension requests wait for them, with the way to list them; nothing for officers, nor when they are listed.
 */
async function pendingApprovals(
  current: Session,
  filter: WorkListFilter,
  listThem: () => void,
): Promise<HTMLElement | null> {
  const head = current.me.agencies.some((a) => a.agencyId === current.agencyId && a.head === true);
  if (!head || filter.q || filter.status === 'extension_pending') return null;
  const query = new URLSearchParams({ agencyId: current.agencyId, status: 'extension_pending', limit: '200' });
  const pending = await current.call<{ cases: WorkListCase[]; nextCursor?: string }>(
    'GET',
    `/v1/cases?${query.toString()}`,
  );
  if (!pending.ok || pending.body.cases.length === 0) return null;
  const count = `${pending.body.cases.length}${pending.body.nextCursor ? '余' : ''}件`;
  const button = h(
    'button',
    { type: 'button', class: 'button secondary', id: 'list-pending-approvals' },
    '查看待批准的延期申请',
  );
  button.addEventListener('click', listThem);
  const soonest = pending.body.cases[0]?.replyDue;
  return notice(
    'info',
    `${count}延期申请等待您批准`,
    h(
      'p',
      {},
      '延长答复期限须经政府信息公开工作机构负责人同意，并在原答复期限届满前告知申请人（条例第三十三条第二款）。',
      soonest ? `最早的答复期限为${formatDate(soonest, false)}。` : '',
    ),
    h('p', {}, button),
  );
}

/** The work list page. */
export async function renderWorkList(
  app: HTMLElement,
  current: Session,
  filter: WorkListFilter = { status: '', mine: false, q: '' },
): Promise<void> {
  const closed = filter.status === 'closed' && !filter.q;
  const query = new URLSearchParams({ agencyId: current.agencyId });
  if (filter.q) query.set('q', filter.q);
  else {
    if (filter.status) query.set('status', filter.status);
    if (filter.mine) query.set('assignee', 'me');
  }
  const fetchPage = (cursor?: string) =>
    current.call<{ cases: WorkListCase[]; nextCursor?: string }>(
      'GET',
      `/v1/cases?${query.toString()}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
  const answer = await fetchPage();
  const agencyName = current.agencies.find((a) => a.agencyId === current.agencyId)?.name ?? current.agencyId;
  const rerender = (next: Partial<WorkListFilter>) => void renderWorkList(app, current, { ...filter, ...next });

  const statusFilter = renderField(
    {
      path: 'status',
      label: '办理状态',
      kind: 'select',
      options: CASE_LIST_STATUSES.map((s) => [s, CASE_LIST_STATUS_LABELS[s]] as const),
      initial: filter.status,
    },
    'filter',
  );
  const select = statusFilter.querySelector('select');
  if (select?.firstElementChild) select.firstElementChild.textContent = '全部未办结';
  select?.addEventListener('change', () => rerender({ status: select.value, q: '' }));
  const mine = h('input', { type: 'checkbox', id: 'filter-mine', checked: filter.mine });
  mine.addEventListener('change', () => rerender({ mine: mine.checked, q: '' }));
  const search = h(
    'form',
    { class: 'search', role: 'search', id: 'case-search' },
    h('label', { for: 'search-q' }, '查找案件'),
    h('input', {
      type: 'search',
      id: 'search-q',
      name: 'q',
      value: filter.q,
      maxlength: 100,
      placeholder: '受理编号（可只输序号，如 12）、申请人姓名、单位名称（可只输其中的词）、电话、证件号码或申请内容',
    }),
    h('button', { type: 'submit', class: 'button secondary' }, '查找'),
  );
  search.addEventListener('submit', (event) => {
    event.preventDefault();
    rerender({ q: String(new FormData(search).get('q') ?? '').trim() });
  });
  const messages = h('div', { class: 'messages', 'aria-live': 'polite' });
  const say = (node: Node) => replaceChildren(messages, node);
  const toolbar = h(
    'div',
    { class: 'toolbar' },
    agencyPicker(current, () => rerender({})),
    statusFilter,
    h('div', { class: 'field checkbox' }, mine, h('label', { for: 'filter-mine' }, '只看我的案件')),
    search,
  );

  if (!answer.ok) {
    replaceChildren(
      app,
      h('h1', {}, '工作列表'),
      toolbar,
      notice('error', '无法加载工作列表', h('p', {}, answer.error.message)),
    );
    return;
  }
  const cases = [...answer.body.cases];
  const approvals = await pendingApprovals(current, filter, () => rerender({ status: 'extension_pending', q: '' }));
  const tbody = h('tbody', {});
  const rowOf = closed ? closedRow : openRow;
  const columns = closed ? CLOSED_COLUMNS : OPEN_COLUMNS;
  append(
    tbody,
    ...(cases.length ? cases.map(rowOf) : [h('tr', {}, h('td', { colspan: columns.length }, '没有符合条件的案件'))]),
  );
  const caption = h('caption', {});
  const describe = (more: boolean) =>
    (caption.textContent = filter.q
      ? `查找“${filter.q}”：${cases.length}件${more ? '（还有更多）' : ''}，完全相同的号码、姓名在前`
      : `${agencyName}：已显示${cases.length}件${more ? '（还有更多）' : ''}，${closed ? '按办结日期由近及远' : '按期限先后排列'}`);
  describe(!!answer.body.nextCursor);
  const more = h('button', { type: 'button', class: 'button secondary', id: 'load-more' }, '显示更多');
  let cursor = answer.body.nextCursor;
  more.hidden = !cursor;
  more.addEventListener('click', () => {
    void (async () => {
      if (!cursor) return;
      more.disabled = true;
      const next = await fetchPage(cursor);
      more.disabled = false;
      if (!next.ok) {
        say(notice('error', '无法加载更多案件', h('p', {}, next.error.message)));
        return;
      }
      cases.push(...next.body.cases);
      append(tbody, ...next.body.cases.map(rowOf));
      cursor = next.body.nextCursor;
      more.hidden = !cursor;
      describe(!!cursor);
    })();
  });
  const table = h(
    'div',
    { class: 'table-scroll' },
    h(
      'table',
      { id: 'work-list' },
      caption,
      h('thead', {}, h('tr', {}, ...columns.map((t) => h('th', { scope: 'col' }, t)))),
      tbody,
    ),
  );
  const counts = { overdue: 0, due_soon: 0, normal: 0 };
  for (const c of cases) counts[c.urgency] = (counts[c.urgency] ?? 0) + 1;
  replaceChildren(
    app,
    h('h1', {}, filter.q ? '查找结果' : '工作列表'),
    toolbar,
    approvals,
    messages,
    closed
      ? null
      : h(
          'ul',
          { class: 'legend-list', 'aria-label': '紧急程度统计（本页）' },
          ...(['overdue', 'due_soon', 'normal'] as const).map((u) =>
            h('li', { class: `urgency-${u}` }, h('span', { class: 'badge' }, URGENCY_LABELS[u]), ` ${counts[u]}件`),
          ),
        ),
    table,
    h('p', {}, more),
  );
  append(
    app,
    h('p', {}, h('a', { class: 'button secondary', href: '#/register' }, '登记纸质、信函或传真申请')),
    ledgerButtons(current, say),
  );
}
