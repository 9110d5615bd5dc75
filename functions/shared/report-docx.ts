/**
 * Word (`.docx`) rendering of the annual report (年度报告), 2021 format (国办公开办函〔2021〕30号): title, sections
 * 一 to 六 in official order, with real Word tables for sections 二, 三 and 四 (merged header cells as in the
 * official form). Kept outside `domain/` because it depends on the `docx` library; it reads only the
 * `AnnualReport` JSON, so Word and WPS open what the other renderers show.
 */
import {
  AlignmentType,
  Document,
  HeadingLevel,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';
import {
  REPORT_FORMAT,
  SECTION2_LABELS as L2,
  SECTION3_RELATION_NOTE,
  SECTION4_BLOCKS,
  SECTION4_COLUMNS,
  SECTION_HEADINGS,
  feeSentence,
  formatBeijingTime,
  formatNumber,
  titleText,
} from './domain/annual-report';
import type { AnnualReport } from './domain/annual-report';

const FONT = { ascii: 'SimSun', hAnsi: 'SimSun', eastAsia: 'SimSun', cs: 'SimSun' };

interface CellSpec {
  text: string;
  columnSpan?: number;
  rowSpan?: number;
  header?: boolean;
  alignRight?: boolean;
}

function cell(spec: CellSpec): TableCell {
  return new TableCell({
    children: [
      new Paragraph({
        alignment: spec.alignRight ? AlignmentType.RIGHT : spec.header ? AlignmentType.CENTER : AlignmentType.LEFT,
        children: [new TextRun({ text: spec.text, bold: spec.header === true, size: 20 })],
      }),
    ],
    verticalAlign: VerticalAlign.CENTER,
    ...(spec.columnSpan ? { columnSpan: spec.columnSpan } : {}),
    ...(spec.rowSpan ? { rowSpan: spec.rowSpan } : {}),
  });
}

/** Text width of an A4 page with the default 1-inch margins, in twips (docx's default page). */
const TEXT_WIDTH = 9026;

/** Column widths (twips): a wider label column, the number columns sharing the rest. */
function widths(columns: number, labelWidth: number): number[] {
  const rest = Math.floor((TEXT_WIDTH - labelWidth) / (columns - 1));
  return [labelWidth, ...Array.from({ length: columns - 1 }, () => rest)];
}

function table(
  headerRows: readonly (readonly CellSpec[])[],
  bodyRows: readonly (readonly CellSpec[])[],
  columnWidths?: number[],
): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    ...(columnWidths ? { columnWidths } : {}),
    rows: [
      ...headerRows.map(
        (r) => new TableRow({ tableHeader: true, children: r.map((c) => cell({ ...c, header: true })) }),
      ),
      ...bodyRows.map((r) => new TableRow({ cantSplit: true, children: r.map(cell) })),
    ],
  });
}

const num = (n: number): CellSpec => ({ text: formatNumber(n), alignRight: true });
const label = (text: string): CellSpec => ({ text });

function heading(text: string, level: 1 | 2): Paragraph {
  return new Paragraph({
    heading: level === 1 ? HeadingLevel.TITLE : HeadingLevel.HEADING_1,
    alignment: level === 1 ? AlignmentType.CENTER : AlignmentType.LEFT,
    children: [new TextRun({ text, bold: true, size: level === 1 ? 36 : 30 })],
  });
}

/** Characters XML 1.0 cannot carry (Word refuses the file): removed from user text. */
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

function paragraphs(text: string): Paragraph[] {
  return text
    .replace(XML_INVALID, '')
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 0)
    .map((l) => new Paragraph({ indent: { firstLine: 480 }, children: [new TextRun({ text: l })] }));
}

function caption(text: string): Paragraph {
  return new Paragraph({ spacing: { before: 120 }, children: [new TextRun({ text, bold: true })] });
}

/** Section 二 主动公开政府信息情况: one table per block of Art. 20 (1)(5)(6)(8). */
function section2(report: AnnualReport): (Paragraph | Table)[] {
  const a = report.section2;
  return [
    caption(L2.item1),
    table(
      [[label(L2.content), label(L2.issued), label(L2.repealed), label(L2.inForce)]],
      [
        [label(L2.regulations), num(a.regulations.issued), num(a.regulations.repealed), num(a.regulations.inForce)],
        [
          label(L2.normativeDocuments),
          num(a.normativeDocuments.issued),
          num(a.normativeDocuments.repealed),
          num(a.normativeDocuments.inForce),
        ],
      ],
      widths(4, 3026),
    ),
    caption(L2.item5),
    table(
      [[label(L2.content), label(L2.decisions)]],
      [[label(L2.licensing), num(a.licensingDecisions)]],
      widths(2, 4513),
    ),
    caption(L2.item6),
    table(
      [[label(L2.content), label(L2.decisions)]],
      [
        [label(L2.penalty), num(a.penaltyDecisions)],
        [label(L2.enforcement), num(a.enforcementDecisions)],
      ],
      widths(2, 4513),
    ),
    caption(L2.item8),
    table(
      [[label(L2.content), label(L2.feeAmount)]],
      [[label(L2.fees), num(a.feesCollectedTenThousandYuan)]],
      widths(2, 4513),
    ),
  ];
}

/** Section 三: the official header (申请人情况 / 自然人 / 法人或其他组织) and one row per official row. */
function section3(report: AnnualReport): Table {
  const { columns, rows } = report.section3;
  const orgColumns = columns.filter((c) => c.key !== 'natural_person' && c.key !== 'total');
  return table(
    [
      [
        { text: SECTION3_RELATION_NOTE, rowSpan: 3 },
        { text: '申请人情况', columnSpan: 6 },
        { text: '总计', rowSpan: 3 },
      ],
      [
        { text: '自然人', rowSpan: 2 },
        { text: '法人或其他组织', columnSpan: orgColumns.length },
      ],
      orgColumns.map((c) => label(c.label)),
    ],
    rows.map((r) => [label(r.label), ...columns.map((c) => num(r.values[c.key]))]),
    widths(columns.length + 1, 3426),
  );
}

/** Section 四: 行政复议 and 行政诉讼 (未经复议直接起诉, 复议后起诉), five columns each, one row of 15 numbers. */
function section4(report: AnnualReport): Table {
  const [review, ...litigation] = SECTION4_BLOCKS;
  return table(
    [
      [
        { text: review.label, columnSpan: 5, rowSpan: 2 },
        { text: '行政诉讼', columnSpan: 5 * litigation.length },
      ],
      litigation.map((b) => ({ text: b.label, columnSpan: 5 })),
      SECTION4_BLOCKS.flatMap(() => SECTION4_COLUMNS.map((c) => label(c.label))),
    ],
    [SECTION4_BLOCKS.flatMap((b) => SECTION4_COLUMNS.map((c) => num(report.section4[b.key][c.key])))],
    Array.from({ length: 15 }, () => Math.floor(TEXT_WIDTH / 15)),
  );
}

/**
 * Renders the report as a Word document with real tables for sections 二, 三 and 四. Art. 50;
 * 国办公开办函〔2021〕30号.
 */
export async function renderDocx(report: AnnualReport): Promise<Buffer> {
  const status = report.status === 'published' ? '已发布' : '草稿（未发布）';
  const meta = [
    `状态：${status}`,
    `生成时间：${formatBeijingTime(report.generatedAt)}`,
    ...(report.publishedAt ? [`发布时间：${formatBeijingTime(report.publishedAt)}`] : []),
    `格式：${REPORT_FORMAT}`,
  ].join(' · ');
  const doc = new Document({
    creator: 'gongkai',
    title: titleText(report).replace(XML_INVALID, ''),
    description: meta,
    styles: { default: { document: { run: { font: FONT, size: 24 } } } },
    sections: [
      {
        children: [
          heading(titleText(report).replace(XML_INVALID, ''), 1),
          new Paragraph({
            alignment: AlignmentType.CENTER,
            children: [new TextRun({ text: meta, size: 18, color: '555555' })],
          }),
          ...(report.rollUpOf
            ? [
                new Paragraph({
                  children: [
                    new TextRun({
                      text: `本报告汇总以下 ${report.rollUpOf.length} 个机关：${report.rollUpOf.map((a) => a.name).join('、')}`.replace(
                        XML_INVALID,
                        '',
                      ),
                    }),
                  ],
                }),
              ]
            : []),
          heading(SECTION_HEADINGS.overview, 2),
          ...paragraphs(report.narrative.overview),
          heading(SECTION_HEADINGS.activeDisclosure, 2),
          ...section2(report),
          heading(SECTION_HEADINGS.applications, 2),
          section3(report),
          heading(SECTION_HEADINGS.reviewAndLitigation, 2),
          section4(report),
          heading(SECTION_HEADINGS.problems, 2),
          ...paragraphs(report.narrative.problems),
          heading(SECTION_HEADINGS.other, 2),
          ...paragraphs(feeSentence(report.section6Fees)),
          ...paragraphs(report.narrative.other),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
