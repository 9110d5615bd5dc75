import { unzipSync, strFromU8 } from 'fflate';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { buildAnnualReport } from '../../functions/shared/domain/annual-report';
import { renderDocx } from '../../functions/shared/report-docx';
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
    expect(tables).toHaveLength(6); // section 二: 4, section 三: 1, section 四: 1
    const section3 = tables.find((t) => t.some((r) => r[0]?.startsWith('一、本年新收')))!;
    const body = section3.filter((r) => r.length === 8 && r.slice(1).every((c) => /^\d+$/.test(c)));
    expect(body.map((r) => r[0])).toEqual(report.section3.rows.map((r) => r.label));
    const byLabel = new Map(body.map((r) => [r[0]!, r.slice(1).map(Number)]));
    expect(byLabel.get('一、本年新收政府信息公开申请数量')).toEqual([0, 1, 0, 0, 1, 0, 2]);
    expect(byLabel.get('二、上年结转政府信息公开申请数量')).toEqual([1, 0, 0, 0, 0, 0, 1]);
    expect(byLabel.get('三、本年度办理结果 （一）予以公开')).toEqual([1, 0, 0, 0, 0, 0, 1]);
    expect(byLabel.get('（三）不予公开 4. 保护第三方合法权益')).toEqual([0, 1, 0, 0, 0, 0, 1]);
    expect(byLabel.get('（七）总计')).toEqual([1, 1, 0, 0, 0, 0, 2]);
    expect(byLabel.get('四、结转下年度继续办理')).toEqual([0, 0, 0, 0, 1, 0, 1]);
    expect(section3.flat()).toEqual(expect.arrayContaining(['自然人', '法人或其他组织', '商业企业', '其他', '总计']));
  });

  it('holds sections 二 and 四 as tables and the narrative as text', async () => {
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
    expect(tables[0]).toEqual([
      ['信息内容', '本年制发件数', '本年废止件数', '现行有效件数'],
      ['规章', '0', '0', '0'],
      ['行政规范性文件', '1', '0', '1'],
    ]);
    expect(tables[1]).toEqual([
      ['信息内容', '本年处理决定数量'],
      ['行政许可', '69'],
    ]);
    const section4 = tables[5]!;
    expect(section4.at(-1)).toEqual(Array.from({ length: 15 }, () => '0'));
    expect(section4[0]).toEqual(['行政复议', '行政诉讼']);
    expect(xml).toContain('概述 &lt;b&gt;&amp;&lt;/b&gt;');
    expect(xml).toContain('聂堆镇人民政府 2024 年政府信息公开工作年度报告');
    const parts = unzipSync(new Uint8Array(docx));
    expect(Object.keys(parts)).toEqual(
      expect.arrayContaining(['[Content_Types].xml', 'word/document.xml', 'word/styles.xml']),
    );
    for (const [name, bytes] of Object.entries(parts))
      if (name.endsWith('.xml') || name.endsWith('.rels'))
        expect({ name, valid: XMLValidator.validate(strFromU8(bytes)) }).toEqual({ name, valid: true });
  });
});
