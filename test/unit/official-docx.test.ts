import { XMLValidator } from 'fast-xml-parser';
import {
  OFFICIAL_FONTS,
  OFFICIAL_SIZES,
  officialHeading,
  officialParagraphs,
  officialTable,
  officialTitle,
  renderOfficialDocx,
} from '../../functions/shared/files/official-docx';
import { readDocx, twipsToMm } from '../support/docx-read';

describe('an official document (GB/T 9704-2012) as Word', () => {
  async function aDocument() {
    return readDocx(
      await renderOfficialDocx({ title: '测试文书' }, [
        officialTitle('聂堆镇人民政府2024年政府信息公开工作年度报告'),
        officialHeading('一、总体情况'),
        ...officialParagraphs('第一段。\n\n第二段 <b>&</b>\u0007。'),
        officialHeading('二、表格'),
        officialTable(
          [[{ text: '信息内容' }, { text: '数量' }]],
          [[{ text: '规章' }, { text: '0', alignRight: true }]],
          {
            keepTogether: true,
          },
        ),
      ]),
    );
  }

  it('is A4 with the margins top 37, bottom 35, left 28, right 26 mm and a grid of 22 lines', async () => {
    const { page } = await aDocument();

    expect([twipsToMm(page.width), twipsToMm(page.height)]).toEqual([210, 297]);
    expect([page.margin.top, page.margin.bottom, page.margin.left, page.margin.right].map(twipsToMm)).toEqual([
      37, 35, 28, 26,
    ]);
    expect(page.grid.type).toBe('linesAndChars');
    const textHeight = page.height - page.margin.top - page.margin.bottom;
    expect(Math.floor(textHeight / (page.grid.linePitch ?? 1))).toBe(22);
    // 28 characters of 三号 (16 pt) across the 156 mm line: pitch = 16 pt + charSpace / 4096 pt.
    const pitchTwips = (16 + (page.grid.charSpace ?? 0) / 4096) * 20;
    expect(Math.round((page.width - page.margin.left - page.margin.right) / pitchTwips)).toBe(28);
  });

  it('sets the body in 仿宋 三号 and the title in 小标宋 二号, headings black and kept with what follows', async () => {
    const { stylesXml, documentXml } = await aDocument();

    expect(stylesXml).toContain(`w:eastAsia="${OFFICIAL_FONTS.body}"`);
    expect(stylesXml).toContain(`w:eastAsia="${OFFICIAL_FONTS.title}"`);
    expect(stylesXml).toContain(`<w:sz w:val="${OFFICIAL_SIZES.sanhao}"/>`);
    expect(stylesXml).toContain(`<w:sz w:val="${OFFICIAL_SIZES.erhao}"/>`);
    const heading1 = /<w:style [^>]*w:styleId="Heading1"[\s\S]*?<\/w:style>/.exec(stylesXml)?.[0] ?? '';
    expect(heading1).toContain('<w:keepNext/>');
    expect(heading1).toContain('w:val="000000"');
    expect(heading1).not.toMatch(/w:color w:val="(?!000000)/);
    expect(documentXml).toContain('<w:keepNext/>');
  });

  it('numbers the pages "— N —" at the foot, odd pages right and even pages left', async () => {
    const { footerTexts, parts } = await aDocument();

    expect(footerTexts.length).toBeGreaterThanOrEqual(2);
    for (const text of footerTexts) expect(text.replace(/\s+/g, ' ')).toMatch(/^— \{ ?PAGE ?\} —$/);
    expect(parts['word/settings.xml']).toContain('<w:evenAndOddHeaders/>');
  });

  it('keeps the title exactly as given, escapes text and drops characters XML cannot carry', async () => {
    const { paragraphs, parts } = await aDocument();

    expect(paragraphs[0]).toBe('聂堆镇人民政府2024年政府信息公开工作年度报告');
    expect(paragraphs).toContain('第二段 <b>&</b>。');
    for (const [name, xml] of Object.entries(parts))
      if (name.endsWith('.xml')) expect({ name, valid: XMLValidator.validate(xml) }).toEqual({ name, valid: true });
  });
});
