/**
 * Markdown rendering of the annual report, in the official order and with the official labels of the 2021
 * format (国办公开办函〔2021〕30号), following reference/2024-annual-report-niedui-town.txt. Every numeric cell
 * is a plain number; user text (agency name, narrative) is escaped so it cannot break headings or tables.
 */
import {
  SECTION2_LABELS as L2,
  SECTION3_RELATION_NOTE,
  SECTION4_BLOCKS,
  SECTION4_COLUMNS,
  SECTION_HEADINGS,
  REPORT_FORMAT,
} from './labels';
import { formatBeijingTime, formatNumber, paragraphsOf, section6Paragraphs, statusLabel, titleText } from './format';
import { correctionNote } from './lifecycle';
import type { AnnualReport } from './types';

/**
 * Escapes plain text for Markdown (CommonMark): every ASCII punctuation with a meaning is backslash-escaped,
 * and line-leading list/heading markers are neutralised. Line breaks become spaces.
 * @example escapeMarkdown('a|b <script>') // → 'a\\|b \\<script\\>'
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\r\n]+/g, ' ')
    .replace(/[\\`*_{}[\]<>#|&~]/g, (ch) => `\\${ch}`)
    .replace(/^(\s*)([-+=])/, '$1\\$2')
    .replace(/^(\s*\d+)([.)])/, '$1\\$2');
}

function table(header: readonly string[], rows: readonly (readonly string[])[], firstColumnText = true): string {
  const align = header.map((_, i) => (i === 0 && firstColumnText ? '---' : '---:'));
  return [header, align, ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

function narrativeBlock(text: string): string[] {
  return paragraphsOf(text).map(escapeMarkdown);
}

/** Section 二 主动公开政府信息情况 as four titled tables (Art. 20 (1)(5)(6)(8)). */
function section2(report: AnnualReport): string[] {
  const a = report.section2;
  const n = formatNumber;
  return [
    `**${L2.item1}**`,
    table(
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
    `**${L2.item5}**`,
    table([L2.content, L2.decisions], [[L2.licensing, n(a.licensingDecisions)]]),
    `**${L2.item6}**`,
    table(
      [L2.content, L2.decisions],
      [
        [L2.penalty, n(a.penaltyDecisions)],
        [L2.enforcement, n(a.enforcementDecisions)],
      ],
    ),
    `**${L2.item8}**`,
    table([L2.content, L2.feeAmount], [[L2.fees, n(a.feesCollectedTenThousandYuan)]]),
  ];
}

/** Section 三: one row per official row label in official order, columns 自然人 … 其他, 总计. */
function section3(report: AnnualReport): string[] {
  const { columns, rows } = report.section3;
  return [
    '申请人情况：自然人；法人或其他组织（商业企业、科研机构、社会公益组织、法律服务机构、其他）。',
    table(
      [SECTION3_RELATION_NOTE, ...columns.map((c) => c.label)],
      rows.map((r) => [r.label, ...columns.map((c) => formatNumber(r.values[c.key]))]),
    ),
  ];
}

/** The 15 column labels of section 四, e.g. `行政诉讼·复议后起诉·总计`. */
export function section4ColumnLabels(): string[] {
  return SECTION4_BLOCKS.flatMap((b) =>
    SECTION4_COLUMNS.map((c) => [b.parent, b.label, c.label].filter((x) => x !== undefined).join('·')),
  );
}

/** Section 四: one row of 15 numbers, and the note saying where they come from (design.md §9). */
function section4(report: AnnualReport): string[] {
  const values = SECTION4_BLOCKS.flatMap((b) =>
    SECTION4_COLUMNS.map((c) => formatNumber(report.section4[b.key][c.key])),
  );
  const note = report.section4Source?.note;
  return [table(section4ColumnLabels(), [values], false), ...(note ? [escapeMarkdown(note)] : [])];
}

/**
 * Renders the report as Markdown: title, a status line (draft/published, revision, generation time), the 更正说明 of
 * a corrected revision, then sections 一 to 六 in official order. 2021 format, 国办公开办函〔2021〕30号; Art. 50.
 */
export function renderMarkdown(report: AnnualReport): string {
  const meta = [
    `状态：${statusLabel(report)}${report.revision && report.revision > 1 ? `（第${report.revision}版）` : ''}`,
    `生成时间：${formatBeijingTime(report.generatedAt)}`,
    ...(report.publishedAt ? [`发布时间：${formatBeijingTime(report.publishedAt)}`] : []),
    `格式：${REPORT_FORMAT}`,
  ].join(' · ');
  const blocks: string[] = [
    `# ${escapeMarkdown(titleText(report))}`,
    `> ${meta}`,
    ...(correctionNote(report) ? [`> ${escapeMarkdown(correctionNote(report) ?? '')}`] : []),
    ...(report.rollUpOf
      ? [
          `> 本报告汇总以下 ${report.rollUpOf.length} 个机关：${report.rollUpOf.map((a) => escapeMarkdown(a.name)).join('、')}`,
        ]
      : []),
    `## ${SECTION_HEADINGS.overview}`,
    ...narrativeBlock(report.narrative.overview),
    `## ${SECTION_HEADINGS.activeDisclosure}`,
    ...section2(report),
    `## ${SECTION_HEADINGS.applications}`,
    ...section3(report),
    `## ${SECTION_HEADINGS.reviewAndLitigation}`,
    ...section4(report),
    `## ${SECTION_HEADINGS.problems}`,
    ...narrativeBlock(report.narrative.problems),
    `## ${SECTION_HEADINGS.other}`,
    ...section6Paragraphs(report).map(escapeMarkdown),
  ];
  return blocks.join('\n\n') + '\n';
}
