/**
 * JSON rendering of the annual report (`report.json`): the `AnnualReport` object, whose keys are built in a fixed
 * order, with the tables and the results of every check relation, and without the case ids behind each cell, which
 * go to the evidence file beside it (bounded size whatever the agency's volume). 2021 format, 国办公开办函〔2021〕30号.
 */
import type { AnnualReport, ReportEvidence } from './types';

/** The report without its evidence (case ids per cell) and without a served evidence link. */
export function withoutEvidence(report: AnnualReport): AnnualReport {
  const { evidence: _link, ...rest } = report;
  return {
    ...rest,
    section3: { ...report.section3, rows: report.section3.rows.map(({ caseIds: _ids, ...row }) => row) },
    section6Fees: (({ caseIds: _ids, ...fees }) => fees)(report.section6Fees),
    ...(report.section4Source
      ? { section4Source: (({ appealIds: _ids, ...source }) => source)(report.section4Source) }
      : {}),
  };
}

/**
 * The evidence of a report: the cases behind every non-empty cell of section 三 and behind the section 六 fees.
 * @example evidenceOf(report).section3.disclosed?.natural_person // → ['c-2024-1']
 */
export function evidenceOf(report: AnnualReport): ReportEvidence {
  return {
    agencyId: report.agency.agencyId,
    year: report.year,
    ...(report.revision ? { revision: report.revision } : {}),
    section3: Object.fromEntries(
      report.section3.rows.filter((r) => r.caseIds !== undefined).map((r) => [r.key, r.caseIds]),
    ),
    section6Fees: report.section6Fees.caseIds ?? [],
    ...(report.section4Source?.appealIds ? { section4Appeals: report.section4Source.appealIds } : {}),
  };
}

/**
 * Renders the report as pretty-printed JSON (2-space indent, trailing newline), without its evidence. Stable keys:
 * see `AnnualReport`.
 * @example JSON.parse(renderJson(report)).section3.rows[0].key // → 'newlyReceived'
 */
export function renderJson(report: AnnualReport): string {
  return `${JSON.stringify(withoutEvidence(report), null, 2)}\n`;
}
