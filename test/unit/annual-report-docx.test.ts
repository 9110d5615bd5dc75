import { unzipSync, strFromU8 } from 'fflate';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { asRevision, buildAnnualReport, NO_FEE_SENTENCE } from '../../functions/shared/domain/annual-report';
import { renderDocx } from '../../functions/shared/files/report-docx';
import { readDocx, twipsToMm } from '../support/docx-read';
import { NIEDUI, aCase, referenceYearData } from './annual-report-fixtures';

type XmlNode = string | number | boolean | XmlNode[] | { [key: string]: XmlNode };

/** All text under `w:t` elements of a node, in document order. */
function textOf(node: XmlNode | undefined): string {
  if (node === undefined || typeof node !== 'object') return '';
  if (Array.isArray(node)) return node.map(textOf).join('');
  return Object.entries(node)
    .map(([key, value]) => {
      if (key === 'w:t') {
        const items = Array.isArray(value) ? value : [value];
        return items
          .map((v) => (typeof v === 'object' && !Array.isArray(v) ? String(v['#text'] ?? '') : String(v)))
          .join('');
      }
      return key.startsWith('@_') ? '' : textOf(value);
    })
    .join('');
}

/** The tables of `word/document.xml`, each as rows of cell texts. */
function tablesOf(docx: Buffer): string[][][] {
  const files = unzipSync(new Uint8Array(docx));
  const xml = strFromU8(files['word/document.xml']!);
  const parser = new XMLParser({
    ignoreAttributes: false,
    parseTagValue: false,
    isArray: (name) => ['w:tbl', 'w:tr', 'w:tc', 'w:p', 'w:r', 'w:t'].includes(name),
  });
  const doc = parser.parse(xml) as { 'w:document': { 'w:body': { 'w:tbl': XmlNode[] } } };
  return doc['w:document']['w:body']['w:tbl'].map((tbl) => {
    const rows = (tbl as { 'w:tr': { 'w:tc': XmlNode[] }[] })['w:tr'];
    return rows.map((tr) => tr['w:tc'].map(textOf));
  });
}

/** For every row of every table: the number of grid columns its cells cover (gridSpan, default 1). */
function gridWidths(docx: Buffer): number[][] {
  const xml = strFromU8(unzipSync(new Uint8Array(docx))['word/document.xml']!);
  return [...xml.matchAll(/<w:tbl>([\s\S]*?)<\/w:tbl>/g)].map((tbl) =>
    [...(tbl[1] ?? '').matchAll(/<w:tr>([\s\S]*?)<\/w:tr>/g)].map((tr) =>
      [...(tr[1] ?? '').matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/g)].reduce(
        (sum, tc) => sum + Number(/<w:gridSpan w:val="(\d+)"/.exec(tc[1] ?? '')?.[1] ?? 1),
        0,
      ),
    ),
  );
}

describe('annual report as a Word document', () => {
  it('holds the section 三 table with the right numbers, one row per official row', async () => {
    // Arrange
    const report = buildAnnualReport({
      agency: NIEDUI,
      year: 2025,
      cases: [
        aCase({ caseId: 'a', receivedOn: '2024-12-30', closedOn: '2025-01-08', outcome: 'disclosed' }),
        aCase({
          caseId: 'b',
          receivedOn: '2025-02-03',
          applicantType: 'commercial_enterprise',
          closedOn: '2025-02-20',
          outcome: 'withheld.third_party_rights',
        }),
        aCase({ caseId: 'c', receivedOn: '2025-12-29', applicantType: 'legal_service_org' }),
      ],
      yearData: referenceYearData({ overview: '概述 <b>&</b>' }),
      generatedAt: '2026-01-05T01:00:00.000Z',
    });

    // Act
    const docx = await renderDocx(report);
    const tables = tablesOf(docx);

    // Assert
    expect(docx.subarray(0, 2).toString('latin1')).toBe('PK');
    expect(tables).toHaveLength(3); // sections 二, 三, 四
    const section3 = tables[1]!;
    const body = section3.slice(3);
    expect(body).toHaveLength(report.section3.rows.length);
    const numbersOf = (row: string[]) => row.slice(-7).map(Number);
    const labelOf = (row: string[]) => row.slice(0, -7).filter(Boolean).join(' ');
    body.forEach((row, i) => {
      const expected = report.section3.rows[i]!;
      expect(labelOf(row)).toContain(
        expected.item ?? (expected.group && !expected.item ? expected.group : expected.label),
      );
      expect(numbersOf(row)).toEqual(Object.values(expected.values));
    });
    const byKey = new Map(report.section3.rows.map((r, i) => [r.key, numbersOf(body[i]!)]));
    expect(byKey.get('newlyReceived')).toEqual([0, 1, 0, 0, 1, 0, 2]);
    expect(byKey.get('carriedOver')).toEqual([1, 0, 0, 0, 0, 0, 1]);
    expect(byKey.get('disclosed')).toEqual([1, 0, 0, 0, 0, 0, 1]);
    expect(byKey.get('withheld.third_party_rights')).toEqual([0, 1, 0, 0, 0, 0, 1]);
    expect(byKey.get('closedTotal')).toEqual([1, 1, 0, 0, 0, 0, 2]);
    expect(byKey.get('carriedForward')).toEqual([0, 0, 0, 0, 1, 0, 1]);
  });

  it('gives section 三 the official merged header: 申请人情况 over every column, 法人或其他组织 over its five', async () => {
    const report = buildAnnualReport({
      agency: NIEDUI,
      year: 2024,
      cases: [],
      yearData: referenceYearData(),
      generatedAt: '2025-01-05T01:00:00.000Z',
    });

    const docx = await renderDocx(report);
    const xml = strFromU8(unzipSync(new Uint8Array(docx))['word/document.xml']!);
    const [, section3] = tablesOf(docx);

    expect(section3![0]!.filter(Boolean)).toEqual([expect.stringContaining('勾稽关系'), '申请人情况']);
    expect(xml).toMatch(/<w:gridSpan w:val="7"\/>(?:(?!<\/w:tc>)[\s\S])*申请人情况/);
    expect(section3![1]!.filter(Boolean)).toEqual(['自然人', '法人或其他组织', '总计']);
    expect(xml).toMatch(/<w:gridSpan w:val="5"\/>(?:(?!<\/w:tc>)[\s\S])*法人或其他组织/);
    expect(section3![2]!.filter(Boolean)).toEqual(['商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他']);
    expect(section3!.flat()).toContain('三、本年度办理结果');
    // Every row of every table covers the same grid (Word shows merged cells where they belong).
    for (const rows of gridWidths(docx)) expect(new Set(rows).size).toBe(1);
  });

  it('holds sections 二 and 四 as the official tables and the narrative as text', async () => {
    // Arrange
    const report = buildAnnualReport({
      agency: NIEDUI,
      year: 2024,
      cases: [],
      yearData: referenceYearData({ overview: '概述 <b>&</b>' }),
      generatedAt: '2025-01-05T01:00:00.000Z',
    });

    // Act
    const docx = await renderDocx(report);
    const tables = tablesOf(docx);
    const xml = strFromU8(unzipSync(new Uint8Array(docx))['word/document.xml']!);

    // Assert
    expect(tables[0]!.map((r) => r.filter(Boolean))).toEqual([
      ['第二十条第（一）项'],
      ['信息内容', '本年制发件数', '本年废止件数', '现行有效件数'],
      ['规章', '0', '0', '0'],
      ['行政规范性文件', '1', '0', '1'],
      ['第二十条第（五）项'],
      ['信息内容', '本年处理决定数量'],
      ['行政许可', '69'],
      ['第二十条第（六）项'],
      ['信息内容', '本年处理决定数量'],
      ['行政处罚', '0'],
      ['行政强制', '0'],
      ['第二十条第（八）项'],
      ['信息内容', '本年收费金额（单位：万元）'],
      ['行政事业性收费', '0'],
    ]);
    const section4 = tables[2]!;
    expect(section4.at(-1)).toEqual(Array.from({ length: 15 }, () => '0'));
    expect(section4[0]!.filter(Boolean)).toEqual(['行政复议', '行政诉讼']);
    expect(xml).toContain('概述 &lt;b&gt;&amp;&lt;/b&gt;');
    const parts = unzipSync(new Uint8Array(docx));
    for (const [name, bytes] of Object.entries(parts))
      if (name.endsWith('.xml') || name.endsWith('.rels'))
        expect({ name, valid: XMLValidator.validate(strFromU8(bytes)) }).toEqual({ name, valid: true });
  });

  it("is the reference town's 2024 report as an official document: A4, GB/T 9704 margins, the title without spaces, no status line, section 六 once", async () => {
    // Arrange: the reference report (shared/reference), whose officer wrote the fee sentence in section 六 himself.
    const built = buildAnnualReport({
      agency: NIEDUI,
      year: 2024,
      cases: [aCase({ caseId: 'c-2024-1', receivedOn: '2024-05-13', closedOn: '2024-05-27', outcome: 'disclosed' })],
      yearData: referenceYearData({ other: NO_FEE_SENTENCE }),
      generatedAt: '2025-01-06T01:00:00.000Z',
    });
    const report = asRevision(built, '2025-01-10T02:00:00.000Z');

    // Act
    const read = readDocx(await renderDocx(report));

    // Assert
    expect([twipsToMm(read.page.width), twipsToMm(read.page.height)]).toEqual([210, 297]);
    const { top, bottom, left, right } = read.page.margin;
    expect([top, bottom, left, right].map(twipsToMm)).toEqual([37, 35, 28, 26]);
    const text = read.paragraphs.filter((p) => p.trim() !== '');
    expect(text[0]).toBe('聂堆镇人民政府2024年政府信息公开工作年度报告');
    expect(text[1]).toBe('一、总体情况');
    expect(read.documentXml).not.toMatch(/状态|已发布|草稿|生成时间|发布时间|国办公开办函/);
    expect(read.documentXml.split(NO_FEE_SENTENCE)).toHaveLength(2);
    expect(text.at(-1)).toBe(NO_FEE_SENTENCE);
    expect(text.at(-2)).toBe('六、其他需要报告的事项');
    expect(read.footerTexts.map((t) => t.replace(/\s+/g, ' '))).toContain('— {PAGE} —');
    // Headings are kept with what follows (no heading stranded at a page foot), and black.
    const headings = [...read.documentXml.matchAll(/<w:pStyle w:val="Heading1"\/>/g)];
    expect(headings).toHaveLength(6);
    for (const style of ['Title', 'Heading1']) {
      const xml = new RegExp(`<w:style [^>]*w:styleId="${style}"[\\s\\S]*?</w:style>`).exec(read.stylesXml)?.[0] ?? '';
      expect({ style, colors: [...xml.matchAll(/w:color w:val="(\w+)"/g)].map((m) => m[1]) }).toEqual({
        style,
        colors: ['000000'],
      });
    }
  });

  it('prints the 更正说明 of a corrected revision under the title', async () => {
    const built = buildAnnualReport({
      agency: NIEDUI,
      year: 2025,
      cases: [],
      yearData: referenceYearData(),
      generatedAt: '2026-01-20T01:00:00.000Z',
    });
    const first = asRevision(built, '2026-01-05T02:00:00.000Z');
    const second = asRevision(built, '2026-01-20T02:00:00.000Z', first, '补录2025年12月30日签收的邮寄申请1件。');

    const read = readDocx(await renderDocx(second));

    const text = read.paragraphs.filter((p) => p.trim() !== '');
    expect(text[1]).toBe('更正说明：本报告于2026-01-20更正（第2版）。补录2025年12月30日签收的邮寄申请1件。');
  });
});
