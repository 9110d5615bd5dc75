import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { buildAnnualReport, renderHtml, renderMarkdown } from '../../functions/shared/domain/annual-report';
import { NIEDUI, aCase, parseMarkdown, referenceYearData } from './annual-report-fixtures';

const HOSTILE = '<script>alert(1)</script> 张三 & 李四';
const TABLE_BREAKER = '| 伪造 | 99 |\n| --- | --- |\n## 三、收到和处理政府信息公开申请情况\n- 列表 # 标题';

function hostileReport() {
  return buildAnnualReport({
    agency: { agencyId: 'x', name: '<img src=x onerror=alert(2)>镇 & 人民政府' },
    year: 2024,
    cases: [
      aCase({ caseId: 'c1', agencyId: 'x', receivedOn: '2024-03-04', closedOn: '2024-03-20', outcome: 'disclosed' }),
    ],
    yearData: referenceYearData({ overview: HOSTILE, problems: TABLE_BREAKER, other: `${HOSTILE}\n${TABLE_BREAKER}` }),
    generatedAt: '2025-01-05T01:00:00.000Z',
  });
}

describe('annual report escaping of user text', () => {
  it('escapes narrative and agency name in HTML so no script or tag gets through', () => {
    // Arrange
    const report = hostileReport();

    // Act
    const html = renderHtml(report);

    // Assert
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; 张三 &amp; 李四');
    expect(html).toContain('&lt;img src=x onerror=alert(2)&gt;镇 &amp; 人民政府');
    expect(html.match(/<table/g)).toHaveLength(6);
  });

  it('keeps the Markdown layout intact: seven headings, the same tables, no raw HTML', () => {
    // Arrange
    const report = hostileReport();

    // Act
    const md = renderMarkdown(report);
    const parsed = parseMarkdown(md);

    // Assert
    expect(md.split('\n').filter((l) => /^#{1,6} /.test(l))).toHaveLength(7);
    expect(parsed.sections.map((s) => s.tables.length)).toEqual([0, 4, 1, 1, 0, 0]);
    const section3 = parsed.sections[2]!.tables[0]!;
    expect(section3).toHaveLength(26);
    expect(section3.every((r) => r.length === 8)).toBe(true);
    expect(md).not.toMatch(/(^|[^\\])<(script|img)/m);
    expect(md).toContain('\\<script\\>alert(1)\\</script\\> 张三 \\& 李四');
  });

  it('renders a standalone accessible HTML5 document with two labelled SVG charts', () => {
    // Arrange
    const report = buildAnnualReport({
      agency: NIEDUI,
      year: 2024,
      cases: [aCase({ caseId: 'c1', receivedOn: '2024-03-04', closedOn: '2024-03-20', outcome: 'disclosed' })],
      yearData: referenceYearData(),
      generatedAt: '2025-01-05T01:00:00.000Z',
    });

    // Act
    const html = renderHtml(report);
    const svgs = html.match(/<svg[\s\S]*?<\/svg>/g) ?? [];

    // Assert
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toMatch(/<html lang="zh-CN">/);
    expect(html).toMatch(/<meta charset="utf-8">/);
    expect(html).toMatch(/@media print/);
    expect(html).toContain('<th scope="row">三、本年度办理结果 （一）予以公开</th>');
    expect(html).toContain('<th scope="col" rowspan="2" class="leaf">自然人</th>');
    expect(html).toContain('<th scope="colgroup" colspan="7">申请人情况</th>');
    for (const heading of ['三、收到和处理政府信息公开申请情况', '四、政府信息公开行政复议、行政诉讼情况'])
      expect(html.split(heading)).toHaveLength(2);
    expect(svgs).toHaveLength(2);
    for (const svg of svgs) {
      expect(XMLValidator.validate(svg)).toBe(true);
      expect(svg).toMatch(/role="img"/);
      expect(svg).toMatch(/aria-labelledby="/);
      expect(new XMLParser().parse(svg).svg.title).toMatch(/2024 年/);
    }
    expect(svgs[0]).toContain('3月：1 件');
    expect(svgs[1]).toContain('予以公开：1 件');
    expect(html).toContain('草稿（未发布）');
    expect(html).toContain('2025-01-05 09:00（北京时间）');
  });

  it('states the fees of the year in section 六 when fee notices were sent and paid', () => {
    // Arrange
    const report = buildAnnualReport({
      agency: NIEDUI,
      year: 2024,
      cases: [
        aCase({
          caseId: 'fee',
          receivedOn: '2024-04-01',
          closedOn: '2024-05-20',
          outcome: 'disclosed',
          feeNotices: [{ sentOn: '2024-04-10', amountYuan: 1700, paidOn: '2024-04-15' }],
        }),
        aCase({
          caseId: 'fee-unpaid',
          receivedOn: '2024-11-01',
          closedOn: '2024-12-20',
          outcome: 'other.fee_unpaid',
          feeNotices: [{ sentOn: '2024-11-05', amountYuan: 100 }],
        }),
      ],
      yearData: referenceYearData({ other: '无其他事项。' }),
      generatedAt: '2025-01-05T01:00:00.000Z',
    });

    // Act
    const section6 = parseMarkdown(renderMarkdown(report)).sections[5]!.lines.filter((l) => l !== '');

    // Assert
    expect(report.section6Fees).toEqual({
      unit: '元',
      noticesSent: 2,
      amountCharged: 1800,
      paymentsReceived: 1,
      amountCollected: 1700,
      caseIds: ['fee', 'fee-unpaid'],
    });
    expect(section6[0]).toContain('本年度共发出收费通知2件，收费金额1800元；实际收取信息处理费1笔，共1700元。');
    expect(section6[1]).toBe('无其他事项。');
  });
});
