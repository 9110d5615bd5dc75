import {
  asRevision,
  assertYearOver,
  buildAnnualReport,
  checkInForce,
  correctionNote,
  CorrectionReasonMissingError,
  NO_FEE_SENTENCE,
  publishableFrom,
  ReportYearNotOverError,
  section6Paragraphs,
  yearsThatMayBePublished,
} from '../../functions/shared/domain/annual-report';
import { NIEDUI, aCase, referenceYearData } from './annual-report-fixtures';

describe('publication from 1 January of the next year (Art. 49–50)', () => {
  it.each([
    [2025, '2025-12-31', false],
    [2025, '2026-01-01', true],
    [2026, '2026-11-29', false],
    [2026, '2027-01-04', true],
    [2024, '2025-01-01', true],
  ])('the %i report on %s: may publish %s', (year, today, allowed) => {
    if (allowed) expect(() => assertYearOver(year, today)).not.toThrow();
    else expect(() => assertYearOver(year, today)).toThrow(ReportYearNotOverError);
  });

  it('names the first day in its message', () => {
    expect(publishableFrom(2026)).toBe('2027-01-01');
    expect(() => assertYearOver(2026, '2026-11-29')).toThrow(/2027-01-01/);
  });
});

describe('which years an act may touch after publication', () => {
  it.each([
    [['2025-12-30'], '2026-01-05', [2025]],
    [['2026-01-05'], '2026-01-05', []],
    [['2024-12-31', '2025-03-01', undefined, '2026-01-02'], '2026-01-05', [2024, 2025]],
    [['not a date'], '2026-01-05', []],
  ] as const)('%j on %s → %j', (dates, today, years) => {
    expect(yearsThatMayBePublished(dates, today)).toEqual(years);
  });
});

describe('revisions and their 更正说明', () => {
  const built = buildAnnualReport({
    agency: NIEDUI,
    year: 2025,
    cases: [],
    yearData: referenceYearData(),
    generatedAt: '2026-01-05T01:00:00.000Z',
  });

  it('publishes revision 1, then each correction adds one and keeps the earlier reasons', () => {
    const first = asRevision(built, '2026-01-05T02:00:00.000Z');
    const second = asRevision(built, '2026-01-20T02:00:00.000Z', first, '补录一件申请。');
    const third = asRevision(built, '2026-02-01T02:00:00.000Z', second, '更正行政许可数量。');

    expect([first.revision, second.revision, third.revision]).toEqual([1, 2, 3]);
    expect(third.corrections?.map((c) => [c.revision, c.reason])).toEqual([
      [2, '补录一件申请。'],
      [3, '更正行政许可数量。'],
    ]);
    expect(correctionNote(first)).toBeUndefined();
    expect(correctionNote(third)).toBe('更正说明：本报告于2026-02-01更正（第3版）。更正行政许可数量。');
  });

  it('refuses a correction without a reason', () => {
    const first = asRevision(built, '2026-01-05T02:00:00.000Z');
    expect(() => asRevision(built, '2026-01-20T02:00:00.000Z', first, '   ')).toThrow(CorrectionReasonMissingError);
  });
});

describe('现行有效 = last year’s 现行有效 + 制发 − 废止 (section 二)', () => {
  const disclosure = (issued: number, repealed: number, inForce: number, inForceReason?: string) => ({
    ...referenceYearData().activeDisclosure,
    normativeDocuments: { issued, repealed, inForce },
    ...(inForceReason ? { inForceReason } : {}),
  });

  it.each([
    ['adds up', disclosure(2, 1, 2), true],
    ['does not add up', disclosure(2, 1, 3), false],
    ['does not add up, with a reason given', disclosure(2, 1, 1, '1件到期自然失效'), true],
  ])('%s', (_case, current, passed) => {
    const [regulations, normative] = checkInForce(2025, disclosure(1, 0, 1), current);
    expect(regulations?.passed).toBe(true);
    expect(normative).toMatchObject({ name: 'section2.inForce.normativeDocuments', passed });
    expect(normative?.details).toContain('行政规范性文件');
  });

  it('checks nothing without last year’s figures', () => {
    expect(checkInForce(2025, undefined, disclosure(1, 0, 5))).toEqual([]);
  });
});

describe('section 六: the fee line from the cases and the officer’s text, never the same sentence twice', () => {
  const report = (other: string, feeNotices = false) =>
    buildAnnualReport({
      agency: NIEDUI,
      year: 2024,
      cases: feeNotices
        ? [
            aCase({
              caseId: 'fee',
              receivedOn: '2024-04-01',
              closedOn: '2024-05-20',
              outcome: 'disclosed',
              feeNotices: [{ sentOn: '2024-04-10', amountYuan: 100, paidOn: '2024-04-15' }],
            }),
          ]
        : [],
      yearData: referenceYearData({ other }),
      generatedAt: '2025-01-05T01:00:00.000Z',
    });

  it.each([
    ['no officer text', '', [NO_FEE_SENTENCE]],
    ['the officer wrote the sentence', NO_FEE_SENTENCE, [NO_FEE_SENTENCE]],
    [
      'the officer wrote it with spaces and ASCII commas',
      NO_FEE_SENTENCE.replace(/，/g, ', '),
      [NO_FEE_SENTENCE.replace(/，/g, ', ')],
    ],
    ['the officer wrote something else', '无其他事项。', [NO_FEE_SENTENCE, '无其他事项。']],
  ])('%s', (_case, other, expected) => {
    expect(section6Paragraphs(report(other))).toEqual(expected);
  });

  it('puts the fee figures on their own line when fees arose, the officer’s text after it as written', () => {
    const lines = section6Paragraphs(report(NO_FEE_SENTENCE, true));
    expect(lines[0]).toContain('本年度共发出收费通知1件，收费金额100元');
    expect(lines[1]).toBe(NO_FEE_SENTENCE);
  });
});
