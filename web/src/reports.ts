/**
 * The public list of published annual reports (`reports.html`, design.md §9 "Report lifecycle"): every agency's
 * published reports by year (`GET /v1/reports`), each with its latest revision (更正 marked), to read in the
 * browser or download as Word.
 */
import { callApi } from './api';
import { byId, formatInstant, h, notice, replaceChildren } from './dom';

/** One row of `GET /v1/reports`. */
interface PublishedReport {
  agencyId: string;
  agencyName: string;
  year: number;
  title: string;
  revision: number;
  publishedAt?: string;
  corrected: boolean;
  links: Record<'html' | 'docx' | 'md' | 'json', string>;
}

function item(report: PublishedReport): HTMLElement {
  return h(
    'li',
    { class: 'report-item' },
    h('a', { href: report.links.html, class: 'report-title' }, report.title),
    h(
      'span',
      { class: 'report-meta' },
      `发布于 ${formatInstant(report.publishedAt)}`,
      report.corrected ? h('strong', { class: 'report-corrected' }, `（已更正，第${report.revision}版）`) : null,
      '　',
      h('a', { href: report.links.docx, download: `${report.agencyId}-${report.year}.docx` }, '下载Word文档'),
    ),
  );
}

async function start(): Promise<void> {
  const app = byId('app');
  const answer = await callApi<{ reports: PublishedReport[] }>('GET', '/v1/reports');
  if (!answer.ok) {
    replaceChildren(app, notice('error', '无法加载年度报告列表', h('p', {}, answer.error.message)));
    return;
  }
  const reports = answer.body.reports;
  if (reports.length === 0) {
    replaceChildren(app, notice('info', '暂无已发布的年度报告'));
    return;
  }
  const agencies = [...new Map(reports.map((r) => [r.agencyId, r.agencyName])).entries()];
  replaceChildren(
    app,
    ...agencies.map(([agencyId, name]) =>
      h(
        'section',
        { class: 'section report-agency', 'data-agency': agencyId },
        h('h2', {}, name),
        h('ul', { class: 'report-list' }, ...reports.filter((r) => r.agencyId === agencyId).map(item)),
      ),
    ),
  );
}

void start();
