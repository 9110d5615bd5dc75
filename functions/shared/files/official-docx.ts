/**
 * The Word page of an official document (党政机关公文格式, GB/T 9704-2012), shared by every `.docx` that
 * gongkai issues: the annual report (年度报告) and the statutory letters (文书, design.md §9).
 *
 * - A4 (210 mm × 297 mm); margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm (GB/T 9704-2012 §5.2.1–5.2.2).
 * - Body 三号 仿宋, 22 lines of 28 characters (§5.2.2, §6.1): a Word document grid of lines and characters.
 * - Title 二号 小标宋-style, centred (§7.3.3); first-level headings 黑体, second-level 楷体 (§7.3.5).
 * - Page number 四号 半角宋体 in the form "— N —", odd pages right and even pages left, one character in
 *   from the edge of the text block (§7.5).
 *
 * Adapter room (`files/`): it depends on the `docx` library. Builders only: callers compose their content with
 * {@link officialTitle}, {@link officialHeading}, {@link officialParagraphs} and tables, then call
 * {@link renderOfficialDocx}.
 */
import {
  AlignmentType,
  Document,
  DocumentGridType,
  Footer,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
  type ISectionOptions,
  type IStylesOptions,
} from 'docx';

/** Twips (1/20 pt) in one millimetre. */
const TWIPS_PER_MM = 1440 / 25.4;
const mm = (millimetres: number): number => Math.round(millimetres * TWIPS_PER_MM);

/** GB/T 9704-2012 §5.2: A4 and the margins (天头 37 mm, 下白边 35 mm, 订口 28 mm, 翻口 26 mm), in twips. */
export const OFFICIAL_PAGE = {
  width: mm(210),
  height: mm(297),
  margin: { top: mm(37), bottom: mm(35), left: mm(28), right: mm(26) },
} as const;

/** Width of the text block (版心), 156 mm, in twips: what a full-width table may take. */
export const OFFICIAL_TEXT_WIDTH = OFFICIAL_PAGE.width - OFFICIAL_PAGE.margin.left - OFFICIAL_PAGE.margin.right;
const TEXT_HEIGHT = OFFICIAL_PAGE.height - OFFICIAL_PAGE.margin.top - OFFICIAL_PAGE.margin.bottom;

/** GB/T 9704-2012 §5.2.2: 22 lines a page, 28 characters a line. */
export const OFFICIAL_LINES_PER_PAGE = 22;
export const OFFICIAL_CHARS_PER_LINE = 28;

/** Font sizes in half-points (Word's unit): 二号 22 pt, 三号 16 pt, 四号 14 pt, 小四 12 pt, 五号 10.5 pt. */
export const OFFICIAL_SIZES = { erhao: 44, sanhao: 32, sihao: 28, xiaosi: 24, wuhao: 21 } as const;

/** The fonts of GB/T 9704-2012 (names as Chinese Word installations know them). */
export const OFFICIAL_FONTS = {
  /** 标题: 小标宋体 (§7.3.3). */
  title: '方正小标宋简体',
  /** 正文: 仿宋体 (§6.1). */
  body: '仿宋_GB2312',
  /** 一级标题: 黑体 (§7.3.5). */
  heading1: '黑体',
  /** 二级标题: 楷体 (§7.3.5). */
  heading2: '楷体_GB2312',
  /** 页码: 半角宋体 (§7.5). */
  pageNumber: '宋体',
} as const;

type FontName = (typeof OFFICIAL_FONTS)[keyof typeof OFFICIAL_FONTS];
const font = (name: FontName) => ({ ascii: name, hAnsi: name, eastAsia: name, cs: name });

/** Line pitch of the grid (twips): the text block's height over 22 lines. */
const LINE_PITCH = Math.floor(TEXT_HEIGHT / OFFICIAL_LINES_PER_PAGE);
/**
 * Character pitch of the grid as Word stores it: (wanted pitch − the body font's size) × 4096, in points
 * (ECMA-376 §17.6.5 `w:charSpace`), so that 28 characters of 三号 fill the 156 mm line.
 */
const CHAR_SPACE = Math.round((OFFICIAL_TEXT_WIDTH / OFFICIAL_CHARS_PER_LINE / 20 - OFFICIAL_SIZES.sanhao / 2) * 4096);

/** Characters XML 1.0 cannot carry (Word refuses the file): removed from any text put in a document. */
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/** Text safe to put in a Word document (control characters removed). */
export function xmlSafe(text: string): string {
  return text.replace(XML_INVALID, '');
}

/** The styles: body 仿宋 三号 black; headings black in their fonts (never Word's blue defaults), kept with next. */
export function officialStyles(): IStylesOptions {
  const black = '000000';
  return {
    default: {
      document: { run: { font: font(OFFICIAL_FONTS.body), size: OFFICIAL_SIZES.sanhao, color: black } },
      title: {
        run: { font: font(OFFICIAL_FONTS.title), size: OFFICIAL_SIZES.erhao, color: black, bold: false },
        paragraph: { alignment: AlignmentType.CENTER, keepNext: true, spacing: { before: 0, after: 0 } },
      },
      heading1: {
        run: { font: font(OFFICIAL_FONTS.heading1), size: OFFICIAL_SIZES.sanhao, color: black, bold: false },
        paragraph: {
          keepNext: true,
          keepLines: true,
          spacing: { before: 0, after: 0 },
          indent: { firstLineChars: 200 },
        },
      },
      heading2: {
        run: { font: font(OFFICIAL_FONTS.heading2), size: OFFICIAL_SIZES.sanhao, color: black, bold: false },
        paragraph: {
          keepNext: true,
          keepLines: true,
          spacing: { before: 0, after: 0 },
          indent: { firstLineChars: 200 },
        },
      },
    },
  };
}

/** A page-number paragraph "— N —": odd pages right, even pages left, one character in (GB/T 9704-2012 §7.5). */
function pageNumberFooter(side: 'odd' | 'even'): Footer {
  const oneChar = OFFICIAL_SIZES.sihao * 10; // one 四号 character, in twips
  return new Footer({
    children: [
      new Paragraph({
        alignment: side === 'odd' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: side === 'odd' ? { right: oneChar } : { left: oneChar },
        children: [
          new TextRun({
            children: ['— ', PageNumber.CURRENT, ' —'],
            font: font(OFFICIAL_FONTS.pageNumber),
            size: OFFICIAL_SIZES.sihao,
          }),
        ],
      }),
    ],
  });
}

/** The section's page: A4, the margins, the 22 × 28 grid, the footers (footer 7 mm below the text block). */
export function officialSection(children: readonly (Paragraph | Table)[]): ISectionOptions {
  return {
    properties: {
      page: {
        size: { width: OFFICIAL_PAGE.width, height: OFFICIAL_PAGE.height },
        // The footer's foot 23 mm up: its 四号 line then starts about 7 mm below the text block (§7.5).
        margin: { ...OFFICIAL_PAGE.margin, header: mm(15), footer: mm(23) },
      },
      grid: { type: DocumentGridType.LINES_AND_CHARS, linePitch: LINE_PITCH, charSpace: CHAR_SPACE },
    },
    footers: { default: pageNumberFooter('odd'), even: pageNumberFooter('even') },
    children: [...children],
  };
}

/** The title (标题): 二号 小标宋, centred; the text exactly as given (no spaces added). */
export function officialTitle(text: string): Paragraph {
  return new Paragraph({ style: 'Title', children: [new TextRun({ text: xmlSafe(text) })] });
}

/** A blank line of the grid (e.g. between the title and the body, GB/T 9704-2012 §7.3.3). */
export function officialBlankLine(): Paragraph {
  return new Paragraph({ children: [] });
}

/** A heading, kept with what follows: level 1 一、 in 黑体, level 2 （一） in 楷体. */
export function officialHeading(text: string, level: 1 | 2 = 1): Paragraph {
  return new Paragraph({
    style: level === 1 ? 'Heading1' : 'Heading2',
    children: [new TextRun({ text: xmlSafe(text) })],
  });
}

/** Body paragraphs of plain text: one per non-empty line, first line indented two characters. */
export function officialParagraphs(text: string, options: { keepNext?: boolean } = {}): Paragraph[] {
  return xmlSafe(text)
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0)
    .map(
      (line) =>
        new Paragraph({
          indent: { firstLineChars: 200 },
          alignment: AlignmentType.JUSTIFIED,
          ...(options.keepNext ? { keepNext: true } : {}),
          children: [new TextRun({ text: line })],
        }),
    );
}

/** One cell of an official table: plain text, optionally merged across columns or down rows. */
export interface OfficialCell {
  text: string;
  columnSpan?: number;
  rowSpan?: number;
  /** Header cells are centred; others left, numbers right. */
  header?: boolean;
  alignRight?: boolean;
}

function tableCell(spec: OfficialCell, keepNext: boolean): TableCell {
  return new TableCell({
    children: [
      new Paragraph({
        alignment: spec.header ? AlignmentType.CENTER : spec.alignRight ? AlignmentType.RIGHT : AlignmentType.LEFT,
        ...(keepNext ? { keepNext: true } : {}),
        children: [new TextRun({ text: xmlSafe(spec.text), size: OFFICIAL_SIZES.wuhao })],
      }),
    ],
    verticalAlign: VerticalAlign.CENTER,
    ...(spec.columnSpan ? { columnSpan: spec.columnSpan } : {}),
    ...(spec.rowSpan ? { rowSpan: spec.rowSpan } : {}),
  });
}

/**
 * A table of the text block's width in 五号 仿宋: header rows repeated on each page, no row split across pages, and
 * with `keepTogether` every row kept with the next so that a short table never breaks (and its heading, kept with
 * next, stays with it).
 */
export function officialTable(
  headerRows: readonly (readonly OfficialCell[])[],
  bodyRows: readonly (readonly OfficialCell[])[],
  options: { columnWidths?: readonly number[]; keepTogether?: boolean } = {},
): Table {
  const last = headerRows.length + bodyRows.length - 1;
  const rows = [...headerRows.map((r) => r.map((c) => ({ ...c, header: true }))), ...bodyRows];
  return new Table({
    width: { size: OFFICIAL_TEXT_WIDTH, type: WidthType.DXA },
    ...(options.columnWidths ? { columnWidths: [...options.columnWidths] } : {}),
    rows: rows.map((cells, index) => {
      const keepNext = options.keepTogether === true ? index < last : index < headerRows.length;
      return new TableRow({
        tableHeader: index < headerRows.length,
        cantSplit: true,
        ...(keepNext ? { keepNext: true } : {}),
        children: cells.map((c) => tableCell(c, keepNext)),
      });
    }),
  });
}

/**
 * Column widths (twips) filling the text block: the first column `firstWidth`, the others sharing the rest.
 */
export function officialColumnWidths(columns: number, firstWidth: number): number[] {
  const rest = Math.floor((OFFICIAL_TEXT_WIDTH - firstWidth) / (columns - 1));
  return [firstWidth, ...Array.from({ length: columns - 1 }, () => rest)];
}

/** Metadata of the file (core properties); the title also names the file in Word's title bar. */
export interface OfficialDocumentInfo {
  title: string;
  subject?: string;
}

/** The document: one official section holding `children`, the official styles, odd/even footers. */
export function officialDocument(info: OfficialDocumentInfo, children: readonly (Paragraph | Table)[]): Document {
  return new Document({
    creator: 'gongkai',
    title: xmlSafe(info.title),
    ...(info.subject ? { subject: xmlSafe(info.subject) } : {}),
    evenAndOddHeaderAndFooters: true,
    styles: officialStyles(),
    sections: [officialSection(children)],
  });
}

/** Packs {@link officialDocument} into `.docx` bytes. */
export async function renderOfficialDocx(
  info: OfficialDocumentInfo,
  children: readonly (Paragraph | Table)[],
): Promise<Buffer> {
  return Packer.toBuffer(officialDocument(info, children));
}
