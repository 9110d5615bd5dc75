/**
 * The statutory documents (文书) of a case as a page lists them (design.md §9 Documents): number, title, date,
 * how and when each was served, and buttons for the Word file and the printable view. Shared by the console
 * (staff token) and the applicant's pages (`?code=`); small, the form loads it.
 */
import { SERVICE_METHOD_LABELS } from '../../functions/shared/domain/model';
import { fetchRaw } from './api';
import { formatDate, h, notice, replaceChildren, type Child } from './dom';
import { saveBlob } from './upload';

/** One service (送达) of a document. */
export interface ServiceView {
  method: 'email' | 'post' | 'in_person' | 'online';
  servedOn: string;
  trackingNumber?: string;
  recordedBy: 'system' | 'staff';
}

/** `GET …/documents` (design.md §9). */
export interface DocumentView {
  documentId: string;
  kind: string;
  number: string | null;
  issuedOn: string;
  title: string;
  forApplicant: boolean;
  service?: ServiceView[];
}

/** The service methods in words (送达方式), as the domain names them. */
export const SERVICE_METHOD_WORDS: Record<ServiceView['method'], string> = SERVICE_METHOD_LABELS;

/** How a document was served, in words: `2024年10月23日 邮寄送达（单号 …）`, one per service. */
export function serviceText(service: readonly ServiceView[] | undefined): string {
  if (!service?.length) return '尚未记录送达';
  return service
    .map(
      (s) =>
        `${formatDate(s.servedOn, false)} ${SERVICE_METHOD_WORDS[s.method] ?? s.method}${s.trackingNumber ? `（单号 ${s.trackingNumber}）` : ''}${s.recordedBy === 'system' ? '（系统记录）' : ''}`,
    )
    .join('；');
}

/**
 * Opens a printable page (a document's HTML view) in a new window from the HTML the page holds, and asks the
 * browser to print it. The view is a blob of this origin: it runs no script and keeps the page's policy.
 */
export function openPrintView(html: string | Blob): Window | null {
  const blob = typeof html === 'string' ? new Blob([html], { type: 'text/html;charset=utf-8' }) : html;
  const url = URL.createObjectURL(blob);
  const view = window.open(url, '_blank');
  if (view) view.addEventListener('load', () => view.print(), { once: true });
  setTimeout(() => URL.revokeObjectURL(url), 120_000);
  return view;
}

/** Where a case's documents are read: the collection path, the query (`?code=…` or empty) and the staff token. */
export interface DocumentRoutes {
  base: string;
  query: string;
  token?: string;
}

const withFormat = (query: string, format: string): string => `${query ? `${query}&` : '?'}format=${format}`;

/** Fetches one format of a document; an error message, or null when done. */
async function openDocument(
  routes: DocumentRoutes,
  doc: DocumentView,
  format: 'docx' | 'html',
): Promise<string | null> {
  const file = await fetchRaw(
    `${routes.base}/${encodeURIComponent(doc.documentId)}${withFormat(routes.query, format)}`,
    routes.token,
  );
  if (!file.ok) return file.status === 0 ? '无法连接服务器，请检查网络后重试' : `文书未能打开（HTTP ${file.status}）`;
  if (format === 'docx') saveBlob(file.blob, `${doc.title}${doc.number ? `（${doc.number}）` : ''}.docx`);
  else if (!openPrintView(new Blob([file.blob], { type: 'text/html;charset=utf-8' })))
    return '浏览器阻止了打印窗口，请允许本站打开新窗口后重试';
  return null;
}

/**
 * The documents as a table: number, title, date, service, and the 下载 Word / 打印 buttons. `extra` adds a cell
 * per row (the console's service form).
 */
export function documentTable(
  id: string,
  routes: DocumentRoutes,
  docs: readonly DocumentView[],
  options: { showService?: boolean; extra?: (doc: DocumentView) => Child } = {},
): HTMLElement {
  if (docs.length === 0) return h('p', { id, class: 'empty' }, '暂无文书。');
  const problem = h('div', { 'aria-live': 'polite' });
  const button = (doc: DocumentView, format: 'docx' | 'html', text: string) => {
    const b = h('button', { type: 'button', class: 'button link', 'data-format': format }, text);
    b.setAttribute('aria-label', `${text}：${doc.title}${doc.number ? ` ${doc.number}` : ''}`);
    b.addEventListener('click', () => {
      void (async () => {
        b.disabled = true;
        const error = await openDocument(routes, doc, format);
        b.disabled = false;
        replaceChildren(problem, error ? notice('error', `${doc.title} 未能打开`, h('p', {}, error)) : null);
      })();
    });
    return b;
  };
  const rows = docs.map((doc) =>
    h(
      'tr',
      { 'data-document': doc.documentId, 'data-kind': doc.kind },
      h('td', { class: 'doc-number' }, doc.number ?? ''),
      h('td', { class: 'doc-title' }, doc.title),
      h('td', {}, formatDate(doc.issuedOn, false)),
      options.showService ? h('td', { class: 'doc-service' }, serviceText(doc.service)) : null,
      h('td', { class: 'doc-actions' }, button(doc, 'docx', '下载Word'), ' ', button(doc, 'html', '打印')),
      options.extra ? h('td', {}, options.extra(doc)) : null,
    ),
  );
  const headers = [
    '文号',
    '文书',
    '日期',
    ...(options.showService ? ['送达'] : []),
    '下载',
    ...(options.extra ? ['记录送达'] : []),
  ];
  return h(
    'div',
    { class: 'table-scroll' },
    h(
      'table',
      { id },
      h('thead', {}, h('tr', {}, ...headers.map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, ...rows),
    ),
    problem,
  );
}
