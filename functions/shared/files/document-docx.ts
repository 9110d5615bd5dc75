/**
 * Word rendering of a statutory document (文书) on the official page of GB/T 9704-2012 (`official-docx.ts`): title,
 * number, addressee, body, signature and date, contact line. It reads only the domain's `OfficialDocument`.
 */
import { AlignmentType, Paragraph, TextRun, type Table } from 'docx';
import { chineseDate } from '../domain/documents/templates';
import type { DocumentBlock, OfficialDocument } from '../domain/documents/types';
import {
  OFFICIAL_TEXT_WIDTH,
  officialBlankLine,
  officialParagraphs,
  officialTable,
  officialTitle,
  renderOfficialDocx,
  xmlSafe,
} from './official-docx';

/** A line placed left, centred or right (number, addressee, signature), without the body's indent. */
const placed = (text: string, alignment: 'left' | 'center' | 'right') =>
  new Paragraph({
    alignment:
      alignment === 'center' ? AlignmentType.CENTER : alignment === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT,
    children: [new TextRun({ text: xmlSafe(text) })],
  });

const LABEL_WIDTH = Math.round(OFFICIAL_TEXT_WIDTH * 0.28);

function block(b: DocumentBlock): (Paragraph | Table)[] {
  if (b.type === 'paragraph') return officialParagraphs(b.text);
  return [
    officialTable(
      [],
      b.rows.map(([label, value]) => [{ text: label }, { text: value }]),
      { columnWidths: [LABEL_WIDTH, OFFICIAL_TEXT_WIDTH - LABEL_WIDTH], keepTogether: true },
    ),
  ];
}

/** The document as a `.docx` file (GB/T 9704-2012 page, title 二号 小标宋, body 三号 仿宋, "— N —" footers). */
export async function renderDocumentDocx(doc: OfficialDocument): Promise<Buffer> {
  return renderOfficialDocx({ title: `${doc.title} ${doc.number}`, subject: `依据：${doc.articles.join('；')}` }, [
    officialTitle(doc.title),
    placed(doc.number, 'center'),
    officialBlankLine(),
    placed(doc.addressee, 'left'),
    ...doc.body.flatMap(block),
    officialBlankLine(),
    placed(doc.signatory, 'right'),
    placed(chineseDate(doc.issuedOn), 'right'),
    ...(doc.contact ? [officialBlankLine(), placed(`（${doc.contact}）`, 'left')] : []),
  ]);
}
