/**
 * HTML rendering of the annual report: a standalone HTML5 document (lang zh-CN, UTF-8, print-friendly inline
 * CSS) with real tables (`<th scope>`), in the official order of the 2021 format (国办公开办函〔2021〕30号), and
 * two inline SVG charts. Every user text (agency name, narrative) is escaped.
 */
import { escapeHtml, monthlyApplicationsSvg, outcomesSvg } from './charts';
import { formatBeijingTime, formatNumber, paragraphsOf, section6Paragraphs, titleText } from './format';
import { correctionNote } from './lifecycle';
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
*,*::before,*::after{box-sizing:border-box}
body{font-family:"FangSong","STFangsong","SimSun","Songti SC","Noto Serif CJK SC",serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#111;line-height:1.7;overflow-wrap:anywhere}
h1{font-size:1.5rem;text-align:center;line-height:1.4}h2{font-size:1.2rem;margin-top:2rem}
p.meta{color:#555;font-size:.9rem;text-align:center}
p.draft{color:#a00;font-weight:bold;text-align:center}
p.correction{border-left:4px solid #555;padding:.25rem .75rem;background:#f6f6f6}
.table-wrap{max-width:100%;overflow-x:auto}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem;font-size:.9rem}
th,td{border:1px solid #333;padding:.25rem .4rem;vertical-align:middle}
td{text-align:right;font-variant-numeric:tabular-nums}
th{font-weight:normal;background:#f3f3f3}th[scope=row]{text-align:left}
caption{text-align:left;font-weight:bold;padding:.25rem 0}
.chart{max-width:40rem;display:block;margin:1rem auto}.chart text{font-size:12px;fill:#222}.chart .bar{fill:#3b6ea5}.chart .axis{stroke:#333}
figure{margin:1rem 0}figcaption{text-align:center;font-size:.9rem}
@media (max-width:40rem){
body{margin:1rem auto;padding:0 .75rem}h1{font-size:1.25rem}
table{font-size:.75rem}th,td{padding:.15rem .2rem}
table.section3 th[scope=row]{min-width:7rem}
thead th.leaf{writing-mode:vertical-rl;text-orientation:upright;letter-spacing:-.05em;white-space:nowrap;padding:.25rem 0}
}
@media print{body{margin:0;max-width:none}h2{break-after:avoid}table,figure{break-inside:avoid}p.draft{color:#000}.table-wrap{overflow:visible}}
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
  return `<div class="table-wrap"><table><caption>${caption}</caption><thead>${head}</thead><tbody>${body}</tbody></table></div>`;
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
    `<tr><th scope="col" rowspan="3">${SECTION3_RELATION_NOTE}</th><th scope="colgroup" colspan="${columns.length}">申请人情况</th></tr>` +
    `<tr><th scope="col" rowspan="2" class="leaf">自然人</th><th scope="colgroup" colspan="${orgColumns.length}">法人或其他组织</th><th scope="col" rowspan="2" class="leaf">总计</th></tr>` +
    `<tr>${orgColumns.map((c) => `<th scope="col" class="leaf">${c.label}</th>`).join('')}</tr>`;
  const body = rows
    .map(
      (r) =>
        `<tr data-row="${escapeHtml(r.key)}"><th scope="row">${r.label}</th>${columns
          .map((c) => `<td data-column="${c.key}">${n(r.values[c.key])}</td>`)
          .join('')}</tr>`,
    )
    .join('\n');
  return `<div class="table-wrap"><table class="section3" aria-labelledby="section-3"><thead>${head}</thead><tbody>${body}</tbody></table></div>`;
}

/** Section 四: three header levels and one row of 15 numbers; the note saying where they come from (design.md §9). */
function section4(report: AnnualReport): string {
  const [review, ...litigation] = SECTION4_BLOCKS;
  const head =
    `<tr><th scope="colgroup" colspan="5" rowspan="2">${review.label}</th><th scope="colgroup" colspan="${5 * litigation.length}">行政诉讼</th></tr>` +
    `<tr>${litigation.map((b) => `<th scope="colgroup" colspan="5">${b.label}</th>`).join('')}</tr>` +
    `<tr>${SECTION4_BLOCKS.flatMap(() => SECTION4_COLUMNS.map((c) => `<th scope="col" class="leaf">${c.label}</th>`)).join('')}</tr>`;
  const cells = SECTION4_BLOCKS.flatMap((b) =>
    SECTION4_COLUMNS.map(
      (c) => `<td data-block="${b.key}" data-column="${c.key}">${n(report.section4[b.key][c.key])}</td>`,
    ),
  ).join('');
  const note = report.section4Source?.note;
  return (
    `<div class="table-wrap"><table class="section4" aria-labelledby="section-4"><thead>${head}</thead><tbody><tr>${cells}</tr></tbody></table></div>` +
    (note ? `\n<p class="section4-source">${escapeHtml(note)}</p>` : '')
  );
}

/**
 * Renders the report as a complete standalone HTML5 document that fits a phone (the wide tables of 三 and 四 set
 * their column heads upright on narrow screens). Sections 一 to 六 in official order, each heading once (the tables
 * of 三 and 四 are labelled by it); the two charts (applications per month; outcomes) follow section 三 as inline
 * SVG; a draft says so, a corrected revision shows its 更正说明. Art. 50; 国办公开办函〔2021〕30号.
 */
export function renderHtml(report: AnnualReport): string {
  const title = escapeHtml(titleText(report));
  const meta = [
    ...(report.publishedAt
      ? [`发布时间：${formatBeijingTime(report.publishedAt)}`]
      : [`生成时间：${formatBeijingTime(report.generatedAt)}`]),
    ...(report.revision && report.revision > 1 ? [`第${report.revision}版`] : []),
    `格式：${REPORT_FORMAT}`,
  ].join(' · ');
  const note = correctionNote(report);
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
${report.revision ? `<meta name="gongkai:revision" content="${report.revision}">\n` : ''}
<title>${title}</title>
<style>${CSS}</style>
</head>
<body>
<main>
<h1>${title}</h1>
${report.status === 'published' ? '' : '<p class="draft">草稿（未发布）</p>\n'}<p class="meta">${escapeHtml(meta)}</p>
${note ? `<p class="correction">${escapeHtml(note)}</p>` : ''}
${rollUp}
<section><h2>${SECTION_HEADINGS.overview}</h2>
${paragraphs(report.narrative.overview)}
</section>
<section><h2>${SECTION_HEADINGS.activeDisclosure}</h2>
${section2(report)}
</section>
<section><h2 id="section-3">${SECTION_HEADINGS.applications}</h2>
${section3(report)}
<figure>${monthlyApplicationsSvg(report.charts, report.year)}<figcaption>图1 每月新收申请数量</figcaption></figure>
<figure>${outcomesSvg(report.charts, report.year)}<figcaption>图2 本年度办理结果</figcaption></figure>
</section>
<section><h2 id="section-4">${SECTION_HEADINGS.reviewAndLitigation}</h2>
${section4(report)}
</section>
<section><h2>${SECTION_HEADINGS.problems}</h2>
${paragraphs(report.narrative.problems)}
</section>
<section><h2>${SECTION_HEADINGS.other}</h2>
${section6Paragraphs(report)
  .map((p) => `<p>${escapeHtml(p)}</p>`)
  .join('\n')}
</section>
</main>
</body>
</html>
`;
}
