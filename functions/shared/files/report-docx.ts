/**
 * Word (`.docx`) rendering of the annual report (年度报告), 2021 format (国办公开办函〔2021〕30号), as an official
 * document (GB/T 9704-2012 page, fonts and page numbers from {@link renderOfficialDocx}): the title as real reports
 * print it, the 更正说明 of a corrected revision, sections 一 to 六 with headings kept with their tables, and the
 * tables of sections 二, 三 and 四 laid out like the official form (merged headers and row labels). No status line:
 * the file reads like the published report. Adapter room (`files/`): it reads only the `AnnualReport` JSON.
 */
import type { Paragraph, Table } from 'docx';
import { formatNumber, section6Paragraphs, titleText } from '../domain/annual-report/format';
import {
  SECTION2_LABELS as L2,
  SECTION3_RELATION_NOTE,
  SECTION4_BLOCKS,
  SECTION4_COLUMNS,
  SECTION_HEADINGS,
} from '../domain/annual-report/labels';
import { correctionNote } from '../domain/annual-report/lifecycle';
import type { AnnualReport, Section3Row } from '../domain/annual-report/types';
import {
  OFFICIAL_TEXT_WIDTH,
  officialBlankLine,
  officialColumnWidths,
  officialHeading,
  officialParagraphs,
  officialTable,
  officialTitle,
  renderOfficialDocx,
  type OfficialCell,
} from './official-docx';

const num = (n: number, columnSpan?: number): OfficialCell => ({
  text: formatNumber(n),
  alignRight: true,
  ...(columnSpan ? { columnSpan } : {}),
});
const head = (text: string, columnSpan?: number, rowSpan?: number): OfficialCell => ({
  text,
  header: true,
  ...(columnSpan ? { columnSpan } : {}),
  ...(rowSpan ? { rowSpan } : {}),
});
const label = (text: string, columnSpan?: number, rowSpan?: number): OfficialCell => ({
  text,
  ...(columnSpan ? { columnSpan } : {}),
  ...(rowSpan ? { rowSpan } : {}),
});

/**
 * Section 二 主动公开政府信息情况 as the official form's one table: a merged row for each item of Art. 20
 * ((一), (五), (六), (八)), its column heads, its rows.
 */
function section2(report: AnnualReport): Table {
  const a = report.section2;
  const block = (item: string, heads: OfficialCell[], rows: OfficialCell[][]): OfficialCell[][] => [
    [head(item, 4)],
    [head(L2.content), ...heads],
    ...rows,
  ];
  const one = (name: string, value: number): OfficialCell[] => [label(name), num(value, 3)];
  return officialTable(
    [],
    [
      ...block(
        L2.item1,
        [head(L2.issued), head(L2.repealed), head(L2.inForce)],
        [
          [label(L2.regulations), num(a.regulations.issued), num(a.regulations.repealed), num(a.regulations.inForce)],
          [
            label(L2.normativeDocuments),
            num(a.normativeDocuments.issued),
            num(a.normativeDocuments.repealed),
            num(a.normativeDocuments.inForce),
          ],
        ],
      ),
      ...block(L2.item5, [head(L2.decisions, 3)], [one(L2.licensing, a.licensingDecisions)]),
      ...block(
        L2.item6,
        [head(L2.decisions, 3)],
        [one(L2.penalty, a.penaltyDecisions), one(L2.enforcement, a.enforcementDecisions)],
      ),
      ...block(L2.item8, [head(L2.feeAmount, 3)], [one(L2.fees, a.feesCollectedTenThousandYuan)]),
    ],
    { columnWidths: officialColumnWidths(4, 2844), keepTogether: true },
  );
}

/** The three label cells of a section 三 row, merged as in the official form (一、二、四 across; 三 down). */
function section3Labels(rows: readonly Section3Row[], index: number): OfficialCell[] {
  const row = rows[index];
  if (!row) return [];
  const outcomeRows = rows.filter((r) => r.group !== undefined || r.key === 'closedTotal');
  const firstOutcome = rows.findIndex((r) => r.group !== undefined);
  if (row.group === undefined && row.key !== 'closedTotal') return [label(row.label, 3)];
  const cells: OfficialCell[] = [];
  if (index === firstOutcome) cells.push(label('三、本年度办理结果', undefined, outcomeRows.length));
  if (row.key === 'closedTotal') return [...cells, label(row.label, 2)];
  if (row.item === undefined) return [...cells, label(row.group ?? row.label, 2)];
  const siblings = rows.filter((r) => r.group === row.group);
  if (siblings[0] === row) cells.push(label(row.group ?? '', undefined, siblings.length));
  return [...cells, label(row.item)];
}

/**
 * Section 三: the official header (申请人情况 over every column; 自然人; 法人或其他组织 over its five; 总计) and one
 * row per official row, the row labels merged as in the form.
 */
function section3(report: AnnualReport): Table {
  const { columns, rows } = report.section3;
  const orgColumns = columns.filter((c) => c.key !== 'natural_person' && c.key !== 'total');
  const labelWidths = [700, 1300, 2100];
  const numberWidth = Math.floor((OFFICIAL_TEXT_WIDTH - 4100) / columns.length);
  return officialTable(
    [
      [head(SECTION3_RELATION_NOTE, 3, 3), head('申请人情况', columns.length)],
      [head('自然人', undefined, 2), head('法人或其他组织', orgColumns.length), head('总计', undefined, 2)],
      orgColumns.map((c) => head(c.label)),
    ],
    rows.map((r, i) => [...section3Labels(rows, i), ...columns.map((c) => num(r.values[c.key]))]),
    { columnWidths: [...labelWidths, ...columns.map(() => numberWidth)] },
  );
}

/** Section 四: 行政复议 and 行政诉讼 (未经复议直接起诉, 复议后起诉), five columns each, one row of 15 numbers. */
function section4(report: AnnualReport): Table {
  const [review, ...litigation] = SECTION4_BLOCKS;
  return officialTable(
    [
      [head(review.label, 5, 2), head('行政诉讼', 5 * litigation.length)],
      litigation.map((b) => head(b.label, 5)),
      SECTION4_BLOCKS.flatMap(() => SECTION4_COLUMNS.map((c) => head(c.label))),
    ],
    [SECTION4_BLOCKS.flatMap((b) => SECTION4_COLUMNS.map((c) => num(report.section4[b.key][c.key])))],
    { columnWidths: Array.from({ length: 15 }, () => Math.floor(OFFICIAL_TEXT_WIDTH / 15)), keepTogether: true },
  );
}

/**
 * Renders the report as an official Word document with real tables for sections 二, 三 and 四. Art. 50;
 * 国办公开办函〔2021〕30号; GB/T 9704-2012.
 */
export async function renderDocx(report: AnnualReport): Promise<Buffer> {
  const title = titleText(report);
  const note = correctionNote(report);
  const children: (Paragraph | Table)[] = [
    officialTitle(title),
    officialBlankLine(),
    ...(note ? officialParagraphs(note) : []),
    ...(report.rollUpOf
      ? officialParagraphs(
          `本报告汇总以下${report.rollUpOf.length}个机关：${report.rollUpOf.map((a) => a.name).join('、')}。`,
        )
      : []),
    officialHeading(SECTION_HEADINGS.overview),
    ...officialParagraphs(report.narrative.overview),
    officialHeading(SECTION_HEADINGS.activeDisclosure),
    section2(report),
    officialHeading(SECTION_HEADINGS.applications),
    section3(report),
    officialHeading(SECTION_HEADINGS.reviewAndLitigation),
    section4(report),
    ...(report.section4Source ? officialParagraphs(report.section4Source.note) : []),
    officialHeading(SECTION_HEADINGS.problems),
    ...officialParagraphs(report.narrative.problems),
    officialHeading(SECTION_HEADINGS.other),
    ...section6Paragraphs(report).flatMap((p) => officialParagraphs(p)),
  ];
  return renderOfficialDocx(
    { title, subject: report.status === 'published' ? `第${report.revision ?? 1}版` : '草稿（未发布）' },
    children,
  );
}
