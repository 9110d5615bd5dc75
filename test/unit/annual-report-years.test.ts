import fc from 'fast-check';
import { APPLICANT_TYPES, OUTCOME_CODES } from '../../functions/shared/domain/model';
import {
  buildAnnualReport,
  checkCarryOver,
  classifyCase,
  type AnnualReport,
  type ReportCase,
  type Section3ColumnKey,
} from '../../functions/shared/domain/annual-report';
import { NIEDUI, aCase, referenceYearData, seededRandom } from './annual-report-fixtures';

const YEARS = [2024, 2025, 2026] as const;

/** A date `days` after 2023-10-01, via UTC milliseconds. */
function dayFrom(base: string, days: number): string {
  return new Date(Date.parse(`${base}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Generated cases: for every year and outcome row one case received and closed in the year (so every row is hit),
 * plus random cases from October 2023 to December 2026 with replies 0–90 days later (many crossing year ends),
 * some still open; plus noise the report must ignore (another agency, a repeated caseId).
 */
function generateCases(): ReportCase[] {
  const random = seededRandom(20240101);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const cases: ReportCase[] = [];
  for (const year of YEARS)
    OUTCOME_CODES.forEach((outcome, i) => {
      cases.push(
        aCase({
          caseId: `row-${year}-${i}`,
          applicantType: APPLICANT_TYPES[i % APPLICANT_TYPES.length]!,
          receivedOn: `${year}-06-${String(1 + (i % 28)).padStart(2, '0')}`,
          closedOn: `${year}-07-${String(1 + (i % 28)).padStart(2, '0')}`,
          outcome,
        }),
      );
    });
  for (let i = 0; i < 400; i += 1) {
    const receivedOn = dayFrom('2023-10-01', Math.floor(random() * 1187));
    const open = random() < 0.12;
    const closedOn = dayFrom(receivedOn, Math.floor(random() * 90));
    cases.push(
      aCase({
        caseId: `gen-${String(i).padStart(3, '0')}`,
        applicantType: pick(APPLICANT_TYPES),
        receivedOn,
        ...(open ? {} : { closedOn, outcome: pick(OUTCOME_CODES) }),
      }),
    );
  }
  // Explicit year-end crossings.
  cases.push(aCase({ caseId: 'x-2023-open', receivedOn: '2023-12-29' }));
  cases.push(
    aCase({ caseId: 'x-2024-2025', receivedOn: '2024-12-31', closedOn: '2025-01-02', outcome: 'partially_disclosed' }),
  );
  cases.push(
    aCase({ caseId: 'x-2025-2026', receivedOn: '2025-12-30', closedOn: '2026-01-20', outcome: 'other.fee_unpaid' }),
  );
  cases.push(aCase({ caseId: 'x-2023-2024', receivedOn: '2023-12-25', closedOn: '2024-01-01', outcome: 'disclosed' }));
  // Noise.
  cases.push(aCase({ caseId: 'other-agency', agencyId: 'elsewhere', receivedOn: '2025-03-03' }));
  cases.push({ ...cases[0]! });
  return cases;
}

/** The expected section 三 counts of year Y, counted by calendar year numbers rather than date strings. */
function independentCount(cases: readonly ReportCase[], year: number): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (row: string, col: Section3ColumnKey): void => {
    counts.set(`${row}|${col}`, (counts.get(`${row}|${col}`) ?? 0) + 1);
    counts.set(`${row}|total`, (counts.get(`${row}|total`) ?? 0) + 1);
  };
  const seen = new Set<string>();
  for (const c of cases) {
    if (c.agencyId !== NIEDUI.agencyId || seen.has(c.caseId)) continue;
    seen.add(c.caseId);
    const received = new Date(`${c.receivedOn}T00:00:00Z`).getUTCFullYear();
    const closed = c.closedOn === undefined ? Infinity : new Date(`${c.closedOn}T00:00:00Z`).getUTCFullYear();
    if (received === year) add('newlyReceived', c.applicantType);
    if (received < year && closed >= year) add('carriedOver', c.applicantType);
    if (closed === year) {
      add(c.outcome!, c.applicantType);
      add('closedTotal', c.applicantType);
    }
    if (received <= year && closed > year) add('carriedForward', c.applicantType);
  }
  return counts;
}

describe('annual report over three years (2024–2026) of generated cases', () => {
  // Arrange (shared)
  const cases = generateCases();
  const frozen = JSON.stringify(cases);
  const reports: AnnualReport[] = [];
  // One normative document issued each year, none repealed: 现行有效 grows by one a year.
  const yearDataOf = (i: number) => {
    const data = referenceYearData();
    data.activeDisclosure.normativeDocuments = { issued: 1, repealed: 0, inForce: i + 1 };
    return data;
  };
  for (const [i, year] of YEARS.entries())
    reports.push(
      buildAnnualReport({
        agency: NIEDUI,
        year,
        cases,
        yearData: yearDataOf(i),
        generatedAt: `${year + 1}-01-05T01:00:00.000Z`,
        ...(reports.at(-1) ? { previous: reports.at(-1)! } : {}),
      }),
    );

  it.each(YEARS.map((y, i) => [y, i]))('every check relation of %i holds', (_year, i) => {
    const report = reports[i]!;
    expect(report.checks.filter((c) => !c.passed)).toEqual([]);
    expect(report.checks.filter((c) => c.name.startsWith('section3.balance.'))).toHaveLength(7);
    expect(report.publishable).toBe(true);
  });

  it('counts 二 of each year equal to 四 of the previous year, and says so in the checks', () => {
    for (let i = 1; i < reports.length; i += 1) {
      const carriedOver = reports[i]!.section3.rows.find((r) => r.key === 'carriedOver')!;
      const previousForward = reports[i - 1]!.section3.rows.find((r) => r.key === 'carriedForward')!;
      expect(carriedOver.values).toEqual(previousForward.values);
      expect(carriedOver.caseIds).toEqual(previousForward.caseIds);
      expect(checkCarryOver(reports[i - 1]!, reports[i]!).passed).toBe(true);
      expect(reports[i]!.checks.find((c) => c.name === 'section3.carryOver')?.passed).toBe(true);
    }
  });

  it.each(YEARS.map((y, i) => [y, i]))('makes every cell of %i equal an independent count', (year, i) => {
    const expected = independentCount(cases, year);
    for (const row of reports[i]!.section3.rows)
      for (const col of reports[i]!.section3.columns) {
        expect({ cell: `${row.key}|${col.key}`, n: row.values[col.key] }).toEqual({
          cell: `${row.key}|${col.key}`,
          n: expected.get(`${row.key}|${col.key}`) ?? 0,
        });
        expect(row.caseIds![col.key]).toHaveLength(row.values[col.key]);
      }
  });

  it('hits every outcome row in every year and carries cases over every year end', () => {
    for (const report of reports) {
      for (const code of OUTCOME_CODES)
        expect(report.section3.rows.find((r) => r.key === code)!.values.total).toBeGreaterThan(0);
      expect(report.section3.rows.find((r) => r.key === 'carriedOver')!.values.total).toBeGreaterThan(0);
    }
    expect(reports[1]!.section3.rows.find((r) => r.key === 'partially_disclosed')!.caseIds!.natural_person).toContain(
      'x-2024-2025',
    );
    expect(reports[0]!.section3.rows.find((r) => r.key === 'carriedForward')!.caseIds!.total).toContain('x-2024-2025');
  });

  it('does not mutate the cases it is given and ignores other agencies and repeated cases', () => {
    expect(JSON.stringify(cases)).toBe(frozen);
    for (const report of reports)
      for (const row of report.section3.rows) {
        expect(row.caseIds!.total).not.toContain('other-agency');
        expect(new Set(row.caseIds!.total).size).toBe(row.caseIds!.total.length);
      }
  });

  it.each([
    [
      'received and closed in the year',
      { receivedOn: '2025-03-01', closedOn: '2025-04-01' },
      [true, false, true, false],
    ],
    [
      'received the year before, closed on 1 January',
      { receivedOn: '2024-12-20', closedOn: '2025-01-01' },
      [false, true, true, false],
    ],
    [
      'received the year before, closed on 31 December before',
      { receivedOn: '2024-12-01', closedOn: '2024-12-31' },
      [false, false, false, false],
    ],
    ['received on 31 December, still open', { receivedOn: '2025-12-31' }, [true, false, false, true]],
    [
      'received in the year, closed next year',
      { receivedOn: '2025-12-01', closedOn: '2026-01-05' },
      [true, false, false, true],
    ],
    [
      'received the year before, closed next year',
      { receivedOn: '2024-11-01', closedOn: '2026-02-01' },
      [false, true, false, true],
    ],
    ['received next year', { receivedOn: '2026-01-01' }, [false, false, false, false]],
  ] as const)('classifies a case %s for 2025', (_name, dates, [one, two, three, four]) => {
    const k = classifyCase({ ...dates, outcome: 'closedOn' in dates ? 'disclosed' : undefined }, 2025);
    expect([k.newlyReceived, k.carriedOver, k.closed, k.carriedForward]).toEqual([one, two, three, four]);
  });

  it('keeps 一+二=三（七）+四 per column and 二(Y)=四(Y−1) for any set of cases (property)', () => {
    const arbitraryCase = fc.record({
      received: fc.integer({ min: 0, max: 1400 }),
      duration: fc.option(fc.integer({ min: 0, max: 400 }), { nil: undefined }),
      applicantType: fc.constantFrom(...APPLICANT_TYPES),
      outcome: fc.constantFrom(...OUTCOME_CODES),
    });
    fc.assert(
      fc.property(fc.array(arbitraryCase, { maxLength: 60 }), (specs) => {
        const generated = specs.map((s, i) => {
          const receivedOn = dayFrom('2023-06-01', s.received);
          return aCase({
            caseId: `p${i}`,
            applicantType: s.applicantType,
            receivedOn,
            ...(s.duration === undefined ? {} : { closedOn: dayFrom(receivedOn, s.duration), outcome: s.outcome }),
          });
        });
        const build = (year: number) =>
          buildAnnualReport({
            agency: NIEDUI,
            year,
            cases: generated,
            yearData: referenceYearData(),
            generatedAt: '2027-01-05T01:00:00.000Z',
          });
        const [y2024, y2025, y2026] = [build(2024), build(2025), build(2026)];
        for (const r of [y2024, y2025, y2026]) expect(r.checks.filter((c) => !c.passed)).toEqual([]);
        expect(checkCarryOver(y2024, y2025).passed).toBe(true);
        expect(checkCarryOver(y2025, y2026).passed).toBe(true);
      }),
      { numRuns: 150, seed: 2024 },
    );
  });
});
