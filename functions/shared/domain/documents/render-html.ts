/**
 * The printable HTML view of a statutory document: one A4 page layout after GB/T 9704-2012 (margins top 37 mm,
 * bottom 35 mm, left 28 mm, right 26 mm; title in a 小标宋-style font at 二号 22 pt, body 仿宋 三号 16 pt,
 * 22 lines of 28 characters), printed by the browser. Every text is escaped.
 */
import { escapeHtml } from '../../html';
import { chineseDate } from './templates';
import type { DocumentBlock, OfficialDocument } from './types';

/** GB/T 9704-2012 page geometry, shared with the Word renderer. */
export const OFFICIAL_PAGE = {
  widthMm: 210,
  heightMm: 297,
  marginTopMm: 37,
  marginBottomMm: 35,
  marginLeftMm: 28,
  marginRightMm: 26,
  titlePt: 22,
  bodyPt: 16,
  linesPerPage: 22,
  charsPerLine: 28,
} as const;

/** Font stacks: a 小标宋-style title font and 仿宋 body, with common fallbacks. */
export const TITLE_FONTS = ['方正小标宋简体', 'FZXiaoBiaoSong-B05S', '华文中宋', 'STZhongsong', '宋体', 'SimSun'];
export const BODY_FONTS = ['仿宋_GB2312', '仿宋', 'FangSong', 'STFangsong', 'serif'];

const cssFonts = (fonts: readonly string[]) => fonts.map((f) => (f === 'serif' ? f : `"${f}"`)).join(', ');
const text = (s: string) => escapeHtml(s).replace(/\r?\n/g, '<br>');

function block(b: DocumentBlock): string {
  if (b.type === 'paragraph') return `<p class="body">${text(b.text)}</p>`;
  return `<table class="facts">${b.rows
    .map(([label, value]) => `<tr><th scope="row">${escapeHtml(label)}</th><td>${text(value)}</td></tr>`)
    .join('')}</table>`;
}

const P = OFFICIAL_PAGE;
const textHeightMm = P.heightMm - P.marginTopMm - P.marginBottomMm;
const textWidthMm = P.widthMm - P.marginLeftMm - P.marginRightMm;

/**
 * The document as a standalone printable HTML page (`@page` A4 with the margins of GB/T 9704-2012).
 * @example renderDocumentHtml(doc).includes('@page { size: A4') // => true
 */
export function renderDocumentHtml(doc: OfficialDocument): string {
  const style = `
@page { size: A4; margin: ${P.marginTopMm}mm ${P.marginRightMm}mm ${P.marginBottomMm}mm ${P.marginLeftMm}mm; }
html { background: #eee; }
body { margin: 0; font-family: ${cssFonts(BODY_FONTS)}; font-size: ${P.bodyPt}pt; color: #000;
  line-height: ${(textHeightMm / P.linesPerPage).toFixed(2)}mm; }
.page { box-sizing: border-box; width: ${P.widthMm}mm; min-height: ${P.heightMm}mm; margin: 8mm auto; background: #fff;
  padding: ${P.marginTopMm}mm ${P.marginRightMm}mm ${P.marginBottomMm}mm ${P.marginLeftMm}mm; }
.page > * { max-width: ${textWidthMm}mm; }
h1 { font-family: ${cssFonts(TITLE_FONTS)}; font-size: ${P.titlePt}pt; font-weight: normal; text-align: center;
  margin: 0; line-height: 1.4; }
.number { text-align: center; margin: 0 0 1em; }
.addressee, .body { margin: 0; }
.body { text-indent: 2em; text-align: justify; }
table.facts { border-collapse: collapse; width: 100%; margin: 0.3em 0; }
table.facts th { font-weight: normal; text-align: left; white-space: nowrap; padding-right: 1em; vertical-align: top; width: 7em; }
table.facts th, table.facts td { border: 1px solid #000; padding: 0 0.3em; }
.signature { text-align: right; margin: 2em 2em 0 0; }
.contact { margin-top: 1.5em; font-size: 14pt; }
.basis { margin-top: 0.5em; font-size: 12pt; color: #333; }
@media print { html { background: none; } .page { margin: 0; padding: 0; width: auto; min-height: 0; } }
`;
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="gongkai:document-kind" content="${escapeHtml(doc.kind)}">
<title>${escapeHtml(doc.title)} ${escapeHtml(doc.number)}</title>
<style>${style}</style>
</head>
<body>
<main class="page" data-kind="${escapeHtml(doc.kind)}">
<h1>${escapeHtml(doc.title)}</h1>
<p class="number">${escapeHtml(doc.number)}</p>
<p class="addressee">${escapeHtml(doc.addressee)}</p>
${doc.body.map(block).join('\n')}
<p class="signature">${escapeHtml(doc.signatory)}<br>${escapeHtml(chineseDate(doc.issuedOn))}</p>
${doc.contact ? `<p class="contact">（${escapeHtml(doc.contact)}）</p>` : ''}
<p class="basis">依据：${escapeHtml(doc.articles.join('；'))}</p>
</main>
</body>
</html>
`;
}
