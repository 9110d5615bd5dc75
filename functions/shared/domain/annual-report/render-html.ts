/**
 * HTML rendering of the annual report: a standalone HTML5 document (lang zh-CN, UTF-8, print-friendly inline
 * CSS) with real tables (`<th scope>`), in the official order of the 2021 format (国办公开办函〔2021〕30号), and
 * two inline SVG charts. Every user text (agency name, narrative) is escaped.
 */
import { escapeHtml, monthlyApplicationsSvg, outcomesSvg } from './charts';
import { feeSentence, formatBeijingTime, formatNumber, paragraphsOf, statusLabel, titleText } from './format';
import {
  REPORT_FORMAT,
  SECTION2_LABELS as L2,
  SECTION3_RELATION_NOTE,
  SECTION4_BLOCKS,
  SECTION4_COLUMNS,
  SECTION_HEADINGS,
} from './labels';
import type { AnnualReport } from './types';

const CSS = `
body{font-family:"SimSun","Songti SC","Noto Serif CJK SC",serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#111;line-height:1.7}
h1{font-size:1.5rem;text-align:center}h2{font-size:1.2rem;margin-top:2rem}
p.meta{color:#555;font-size:.9rem;text-align:center}
p.draft{color:#a00;font-weight:bold;text-align:center}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem;font-size:.9rem}
th,td{border:1px solid #333;padding:.25rem .4rem;vertical-align:middle}
td{text-align:right;font-variant-numeric:tabular-nums}
th{font-weight:normal;background:#f3f3f3}th[scope=row]{text-align:left}
caption{text-align:left;font-weight:bold;padding:.25rem 0}
.chart{max-width:40rem;display:block;margin:1rem auto}.chart text{font-size:12px;fill:#222}.chart .bar{fill:#3b6ea5}.chart .axis{stroke:#333}
figure{margin:1rem 0}figcaption{text-align:center;font-size:.9rem}
@media print{body{margin:0;max-width:none}h2{break-after:avoid}table,figure{break-inside:avoid}p.draft{color:#000}}
`.trim();

const n = formatNumber;

function paragraphs(text: string): string {
  return paragraphsOf(text)
    .map((p) => `<p>${escapeHtml(p)}</p>`)
    .join('\n');
}

function simpleTable(caption: string, header: readonly string[], rows: readonly (readonly string[])[]): string {
  const head = `<tr>${header.map((h) => `<th scope="col">${h}</th>`).join('')}</tr>`;
  const body = rows
    .map(([label, ...cells]) => `<tr><th scope="row">${label}</th>${cells.map((c) => `<td>${c}</td>`).join('')}</tr>`)
    .join('');
  return `<table><caption>${caption}</caption><thead>${head}</thead><tbody>${body}</tbody></table>`;
}

/** Section 二 主动公开政府信息情况: four tables (Art. 20 (1)(5)(6)(8)). */
function section2(report: AnnualReport): string {
  const a = report.section2;
  return [
    simpleTable(
      L2.item1,
      [L2.content, L2.issued, L2.repealed, L2.inForce],
      [
        [L2.regulations, n(a.regulations.issued), n(a.regulations.repealed), n(a.regulations.inForce)],
        [
          L2.normativeDocuments,
          n(a.normativeDocuments.issued),
          n(a.normativeDocuments.repealed),
          n(a.normativeDocuments.inForce),
        ],
      ],
    ),
    simpleTable(L2.item5, [L2.content, L2.decisions], [[L2.licensing, n(a.licensingDecisions)]]),
    simpleTable(
      L2.item6,
      [L2.content, L2.decisions],
      [
        [L2.penalty, n(a.penaltyDecisions)],
        [L2.enforcement, n(a.enforcementDecisions)],
      ],
    ),
    simpleTable(L2.item8, [L2.content, L2.feeAmount], [[L2.fees, n(a.feesCollectedTenThousandYuan)]]),
  ].join('\n');
}

/** Section 三: the official two-level header and one row per official row in official order. */
function section3(report: AnnualReport): string {
  const { columns, rows } = report.section3;
  const orgColumns = columns.filter((c) => c.key !== 'natural_person' && c.key !== 'total');
  const head =
    `<tr><th scope="col" rowspan="3">${SECTION3_RELATION_NOTE}</th><th scope="colgroup" colspan="6">申请人情况</th><th scope="col" rowspan="3">总计</th></tr>` +
    `<tr><th scope="col" rowspan="2">自然人</th><th scope="colgroup" colspan="${orgColumns.length}">法人或其他组织</th></tr>` +
    `<tr>${orgColumns.map((c) => `<th scope="col">${c.label}</th>`).join('')}</tr>`;
  const body = rows
    .map(
      (r) =>
        `<tr data-row="${escapeHtml(r.key)}"><th scope="row">${r.label}</th>${columns
          .map((c) => `<td data-column="${c.key}">${n(r.values[c.key])}</td>`)
          .join('')}</tr>`,
    )
    .join('\n');
  return `<table class="section3"><caption>${SECTION_HEADINGS.applications}</caption><thead>${head}</thead><tbody>${body}</tbody></table>`;
}

/** Section 四: three header levels and one row of 15 numbers. */
function section4(report: AnnualReport): string {
  const [review, ...litigation] = SECTION4_BLOCKS;
  const head =
    `<tr><th scope="colgroup" colspan="5" rowspan="2">${review.label}</th><th scope="colgroup" colspan="${5 * litigation.length}">行政诉讼</th></tr>` +
    `<tr>${litigation.map((b) => `<th scope="colgroup" colspan="5">${b.label}</th>`).join('')}</tr>` +
    `<tr>${SECTION4_BLOCKS.flatMap(() => SECTION4_COLUMNS.map((c) => `<th scope="col">${c.label}</th>`)).join('')}</tr>`;
  const cells = SECTION4_BLOCKS.flatMap((b) =>
    SECTION4_COLUMNS.map(
      (c) => `<td data-block="${b.key}" data-column="${c.key}">${n(report.section4[b.key][c.key])}</td>`,
    ),
  ).join('');
  return `<table class="section4"><caption>${SECTION_HEADINGS.reviewAndLitigation}</caption><thead>${head}</thead><tbody><tr>${cells}</tr></tbody></table>`;
}

/**
 * Renders the report as a complete standalone HTML5 document. Sections 一 to 六 in official order; the two
 * charts (applications per month; outcomes) follow section 三 as inline SVG. Art. 50; 国办公开办函〔2021〕30号.
 */
export function renderHtml(report: AnnualReport): string {
  const title = escapeHtml(titleText(report));
  const meta = [
    `生成时间：${formatBeijingTime(report.generatedAt)}`,
    ...(report.publishedAt ? [`发布时间：${formatBeijingTime(report.publishedAt)}`] : []),
    `格式：${REPORT_FORMAT}`,
  ].join(' · ');
  const rollUp = report.rollUpOf
    ? `<p class="roll-up">本报告汇总以下 ${report.rollUpOf.length} 个机关：</p><ul class="agencies">${report.rollUpOf
        .map((a) => `<li>${escapeHtml(a.name)}</li>`)
        .join('')}</ul>`
    : '';
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="gongkai:status" content="${report.status}">
<meta name="gongkai:generated-at" content="${escapeHtml(report.generatedAt)}">
<title>${title}</title>
<style>${CSS}</style>
</head>
<body>
<main>
<h1>${title}</h1>
<p class="${report.status === 'published' ? 'status' : 'draft'}">${statusLabel(report)}</p>
<p class="meta">${escapeHtml(meta)}</p>
${rollUp}
<section><h2>${SECTION_HEADINGS.overview}</h2>
${paragraphs(report.narrative.overview)}
</section>
<section><h2>${SECTION_HEADINGS.activeDisclosure}</h2>
${section2(report)}
</section>
<section><h2>${SECTION_HEADINGS.applications}</h2>
${section3(report)}
<figure>${monthlyApplicationsSvg(report.charts, report.year)}<figcaption>图1 每月新收申请数量</figcaption></figure>
<figure>${outcomesSvg(report.charts, report.year)}<figcaption>图2 本年度办理结果</figcaption></figure>
</section>
<section><h2>${SECTION_HEADINGS.reviewAndLitigation}</h2>
${section4(report)}
</section>
<section><h2>${SECTION_HEADINGS.problems}</h2>
${paragraphs(report.narrative.problems)}
</section>
<section><h2>${SECTION_HEADINGS.other}</h2>
<p>${escapeHtml(feeSentence(report.section6Fees))}</p>
${paragraphs(report.narrative.other)}
</section>
</main>
</body>
</html>
`;
}
