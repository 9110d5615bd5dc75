/**
 * Reads a `.docx` back for tests: its XML parts, the page setup of its (last) section, and its visible text, so
 * that a test checks what Word will show rather than what the builder was asked for.
 */
import { strFromU8, unzipSync } from 'fflate';

export interface DocxPageSetup {
  width: number;
  height: number;
  margin: { top: number; bottom: number; left: number; right: number; footer: number };
  grid: { type?: string; linePitch?: number; charSpace?: number };
}

export interface DocxReadBack {
  /** Every part of the package by name, as text (XML and relationships). */
  parts: Record<string, string>;
  documentXml: string;
  stylesXml: string;
  /** The text of the footers, one string per footer part. */
  footerTexts: string[];
  page: DocxPageSetup;
  /** The body's paragraphs as text (table cells included), in document order. */
  paragraphs: string[];
}

const attr = (xml: string, element: string, name: string): string | undefined =>
  new RegExp(`<${element}\\b[^>]*\\b${name}="([^"]*)"`).exec(xml)?.[1];
const num = (value: string | undefined): number => Number(value ?? NaN);

/** The text of each `<w:p>` of a part: its `<w:t>` runs joined, XML entities decoded. */
export function paragraphTexts(xml: string): string[] {
  return [...xml.matchAll(/<w:p\b[^>]*?(?:\/>|>([\s\S]*?)<\/w:p>)/g)].map((m) =>
    [...(m[1] ?? '').matchAll(/<w:t\b[^>]*>([^<]*)<\/w:t>/g)]
      .map((t) => t[1] ?? '')
      .join('')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&amp;/g, '&'),
  );
}

export function readDocx(docx: Uint8Array): DocxReadBack {
  const files = unzipSync(new Uint8Array(docx));
  const parts = Object.fromEntries(Object.entries(files).map(([name, bytes]) => [name, strFromU8(bytes)]));
  const documentXml = parts['word/document.xml'] ?? '';
  const sectPr = /<w:sectPr\b[\s\S]*?<\/w:sectPr>/.exec(documentXml)?.[0] ?? '';
  const footerTexts = Object.entries(parts)
    .filter(([name]) => /^word\/footer\d*\.xml$/.test(name))
    .map(([, xml]) => xml.replace(/<w:instrText\b[^>]*>([^<]*)<\/w:instrText>/g, '<w:t>{$1}</w:t>'))
    .map((xml) => paragraphTexts(xml).join('\n'));
  const gridType = attr(sectPr, 'w:docGrid', 'w:type');
  return {
    parts,
    documentXml,
    stylesXml: parts['word/styles.xml'] ?? '',
    footerTexts,
    page: {
      width: num(attr(sectPr, 'w:pgSz', 'w:w')),
      height: num(attr(sectPr, 'w:pgSz', 'w:h')),
      margin: {
        top: num(attr(sectPr, 'w:pgMar', 'w:top')),
        bottom: num(attr(sectPr, 'w:pgMar', 'w:bottom')),
        left: num(attr(sectPr, 'w:pgMar', 'w:left')),
        right: num(attr(sectPr, 'w:pgMar', 'w:right')),
        footer: num(attr(sectPr, 'w:pgMar', 'w:footer')),
      },
      grid: {
        ...(gridType ? { type: gridType } : {}),
        ...(attr(sectPr, 'w:docGrid', 'w:linePitch')
          ? { linePitch: num(attr(sectPr, 'w:docGrid', 'w:linePitch')) }
          : {}),
        ...(attr(sectPr, 'w:docGrid', 'w:charSpace')
          ? { charSpace: num(attr(sectPr, 'w:docGrid', 'w:charSpace')) }
          : {}),
      },
    },
    paragraphs: paragraphTexts(documentXml.replace(/<w:sectPr\b[\s\S]*?<\/w:sectPr>/g, '')),
  };
}

/** Millimetres from twips, rounded to 0.1 mm. */
export const twipsToMm = (twips: number): number => Math.round((twips * 25.4 * 10) / 1440) / 10;
