/**
 * JSON rendering of the annual report (`report.json`): the `AnnualReport` object itself, whose keys are built in
 * a fixed order, with the results of every check relation. 2021 format, 国办公开办函〔2021〕30号.
 */
import type { AnnualReport } from './types';

/**
 * Renders the report as pretty-printed JSON (2-space indent, trailing newline). Stable keys: see `AnnualReport`.
 * @example JSON.parse(renderJson(report)).section3.rows[0].key // → 'newlyReceived'
 */
export function renderJson(report: AnnualReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
