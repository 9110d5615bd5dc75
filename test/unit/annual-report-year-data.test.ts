import {
  buildAnnualReport,
  publishReport,
  renderHtml,
  renderMarkdown,
  rollUp,
  validateYearDataTotals,
  ReportNotPublishableError,
} from '../../functions/shared/domain/annual-report';
import { aCase, parseMarkdown, referenceYearData } from './annual-report-fixtures';

describe('year data 总计 checks', () => {
  it('accepts section 四 whose three 总计 equal the sums of their parts', () => {
    // Arrange
    const data = referenceYearData();
    data.reviewAndLitigation.review = { upheld: 2, corrected: 1, other: 0, pending: 1, total: 4 };

    // Act / Assert
    expect(validateYearDataTotals(data)).toEqual([]);
  });

  it('rejects each inconsistent 总计 with its field path and a Chinese message', () => {
    // Arrange
    const data = referenceYearData();
    data.reviewAndLitigation.review = { upheld: 2, corrected: 1, other: 0, pending: 0, total: 4 };
    data.reviewAndLitigation.litigationAfterReview = { upheld: 0, corrected: 0, other: 0, pending: 1, total: 0 };

    // Act
    const violations = validateYearDataTotals(data);

    // Assert
    expect(violations).toEqual([
      {
        path: ['reviewAndLitigation', 'review', 'total'],
        field: 'reviewAndLitigation.review.total',
        message: '行政复议的总计（4）应等于结果维持、结果纠正、其他结果、尚未审结之和（3）',
      },
      {
        path: ['reviewAndLitigation', 'litigationAfterReview', 'total'],
        field: 'reviewAndLitigation.litigationAfterReview.total',
        message: '行政诉讼（复议后起诉）的总计（0）应等于结果维持、结果纠正、其他结果、尚未审结之和（1）',
      },
    ]);
  });

  it('marks a report with inconsistent totals unpublishable and refuses to publish it', () => {
    // Arrange
    const data = referenceYearData();
    data.reviewAndLitigation.litigationDirect = { upheld: 1, corrected: 0, other: 0, pending: 0, total: 0 };
    const report = buildAnnualReport({
      agency: { agencyId: 'a', name: '甲' },
      year: 2024,
      cases: [],
      yearData: data,
      generatedAt: '2025-01-05T01:00:00.000Z',
    });

    // Act / Assert
    expect(report.checks.find((c) => c.name === 'section4.litigationDirect.total')?.passed).toBe(false);
    expect(report.publishable).toBe(false);
    expect(() => publishReport(report, '2025-01-10T01:00:00.000Z')).toThrow(ReportNotPublishableError);
  });

  it('marks a report without year data, or with a case closed before it was received, unpublishable', () => {
    // Arrange / Act
    const report = buildAnnualReport({
      agency: { agencyId: 'a', name: '甲' },
      year: 2024,
      cases: [
        aCase({ caseId: 'bad', agencyId: 'a', receivedOn: '2024-05-01', closedOn: '2024-04-01', outcome: 'disclosed' }),
      ],
      yearData: undefined,
      generatedAt: '2025-01-05T01:00:00.000Z',
    });

    // Assert
    const failed = report.checks.filter((c) => !c.passed).map((c) => c.name);
    expect(failed).toEqual(expect.arrayContaining(['yearData.entered', 'section3.caseData']));
    expect(report.publishable).toBe(false);
  });

  it('publishes a consistent report as a new object, leaving the draft unchanged', () => {
    // Arrange
    const draft = buildAnnualReport({
      agency: { agencyId: 'a', name: '甲' },
      year: 2024,
      cases: [],
      yearData: referenceYearData(),
      generatedAt: '2025-01-05T01:00:00.000Z',
    });

    // Act
    const published = publishReport(draft, '2025-01-10T01:00:00.000Z');

    // Assert
    expect(published.status).toBe('published');
    expect(draft.status).toBe('draft');
    expect(renderMarkdown(published)).toContain('状态：已发布');
  });
});

describe('roll-up over a county’s agencies', () => {
  // Arrange (shared)
  const town = buildAnnualReport({
    agency: { agencyId: 'town', name: '聂堆镇人民政府' },
    year: 2024,
    cases: [
      aCase({ caseId: 't1', agencyId: 'town', receivedOn: '2024-02-01', closedOn: '2024-02-20', outcome: 'disclosed' }),
      aCase({ caseId: 't2', agencyId: 'town', receivedOn: '2024-12-30' }),
    ],
    yearData: referenceYearData(),
    generatedAt: '2025-01-05T01:00:00.000Z',
  });
  const bureauData = referenceYearData();
  bureauData.activeDisclosure.licensingDecisions = 31;
  bureauData.activeDisclosure.feesCollectedTenThousandYuan = 1.25;
  bureauData.reviewAndLitigation.review = { upheld: 1, corrected: 0, other: 0, pending: 1, total: 2 };
  const bureau = buildAnnualReport({
    agency: { agencyId: 'bureau', name: '西华县自然资源局' },
    year: 2024,
    cases: [
      aCase({
        caseId: 'b1',
        agencyId: 'bureau',
        applicantType: 'other_org',
        receivedOn: '2023-12-28',
        closedOn: '2024-01-10',
        outcome: 'unavailable.not_held',
      }),
      aCase({
        caseId: 'b2',
        agencyId: 'bureau',
        receivedOn: '2024-06-01',
        closedOn: '2024-06-05',
        outcome: 'disclosed',
      }),
    ],
    yearData: bureauData,
    generatedAt: '2025-01-06T01:00:00.000Z',
  });

  it('sums every table over the agencies and lists them', () => {
    // Act
    const county = rollUp([town, bureau], { agencyId: 'xihua', name: '西华县' });

    // Assert
    const row = (key: string) => county.section3.rows.find((r) => r.key === key)!;
    expect(row('newlyReceived').values.natural_person).toBe(3);
    expect(row('carriedOver').values).toMatchObject({ other_org: 1, total: 1 });
    expect(row('disclosed').values.total).toBe(2);
    expect(row('disclosed').caseIds!.total).toEqual(['b2', 't1']);
    expect(row('unavailable.not_held').values.other_org).toBe(1);
    expect(row('carriedForward').values.total).toBe(1);
    expect(county.section2.licensingDecisions).toBe(100);
    expect(county.section2.normativeDocuments).toEqual({ issued: 2, repealed: 0, inForce: 2 });
    expect(county.section2.feesCollectedTenThousandYuan).toBe(1.25);
    expect(county.section4.review).toEqual({ upheld: 1, corrected: 0, other: 0, pending: 1, total: 2 });
    expect(county.rollUpOf).toEqual([
      { agencyId: 'town', name: '聂堆镇人民政府' },
      { agencyId: 'bureau', name: '西华县自然资源局' },
    ]);
    expect(county.checks.every((c) => c.passed)).toBe(true);
    expect(county.generatedAt).toBe('2025-01-06T01:00:00.000Z');
    const md = renderMarkdown(county);
    expect(parseMarkdown(md).title).toBe('西华县2024年政府信息公开工作年度报告');
    expect(md).toContain('本报告汇总以下 2 个机关：聂堆镇人民政府、西华县自然资源局');
    expect(renderHtml(county)).toContain('<li>西华县自然资源局</li>');
  });

  it('refuses to roll up reports of different years or none at all', () => {
    const other = { ...bureau, year: 2023 };
    expect(() => rollUp([town, other], { agencyId: 'xihua', name: '西华县' })).toThrow(RangeError);
    expect(() => rollUp([], { agencyId: 'xihua', name: '西华县' })).toThrow(RangeError);
  });
});
