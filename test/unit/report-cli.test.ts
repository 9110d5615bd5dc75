import { buildAnnualReport, renderJson } from '../../functions/shared/domain/annual-report';
import { reportNotes } from '../../local/commands/report';
import { NIEDUI, referenceYearData } from './annual-report-fixtures';

describe('gongkai report: what it tells the officer', () => {
  it('says when no year data was entered, and that the report is a draft', () => {
    const report = buildAnnualReport({
      agency: NIEDUI,
      year: 2024,
      cases: [],
      yearData: undefined,
      generatedAt: '2025-01-02T01:00:00.000Z',
    });

    const notes = reportNotes(renderJson(report), '2024');

    expect(notes[0]).toContain('尚未填报2024年度数据');
    expect(notes[0]).toContain('第二、四部分全为0');
    expect(notes).toContain('这是草稿（未发布）。');
  });

  it('says nothing about year data once it is entered', () => {
    const report = buildAnnualReport({
      agency: NIEDUI,
      year: 2024,
      cases: [],
      yearData: referenceYearData(),
      generatedAt: '2025-01-02T01:00:00.000Z',
    });

    expect(reportNotes(renderJson({ ...report, status: 'published' }), '2024')).toEqual([]);
  });
});
