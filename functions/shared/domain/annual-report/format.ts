/** Small pure helpers shared by the renderers: number and time formatting, fee sentence. */
import type { Instant } from '../model';
import { NO_FEE_SENTENCE } from './labels';
import type { AnnualReport, Section6Fees } from './types';

/** A plain number as printed in a table cell: integers as they are, amounts without float noise. */
export function formatNumber(n: number): string {
  return String(Math.round(n * 1e6) / 1e6);
}

/**
 * An instant shown in Beijing time (UTC+8, no daylight saving), e.g. `2025-01-05 09:00（北京时间）`.
 * @example formatBeijingTime('2025-01-05T01:00:00.000Z') // → '2025-01-05 09:00（北京时间）'
 */
export function formatBeijingTime(instant: Instant): string {
  const ms = Date.parse(instant);
  if (Number.isNaN(ms)) return instant;
  const local = new Date(ms + 8 * 3600 * 1000).toISOString();
  return `${local.slice(0, 10)} ${local.slice(11, 16)}（北京时间）`;
}

/** The report's status line, e.g. `草稿（未发布）`. */
export function statusLabel(report: Pick<AnnualReport, 'status'>): string {
  return report.status === 'published' ? '已发布' : '草稿（未发布）';
}

/** The title: `<机关名称> <year> 年政府信息公开工作年度报告` (name as given; renderers escape it). */
export function titleText(report: Pick<AnnualReport, 'agency' | 'year'>): string {
  return `${report.agency.name} ${report.year} 年政府信息公开工作年度报告`;
}

/**
 * The section 六 sentence on information processing fees (Fee Measures; ogi-rules.md §5): the reference
 * sentence when none arose, otherwise notices sent, amount charged and amount collected in the year.
 */
export function feeSentence(fees: Section6Fees): string {
  if (fees.noticesSent === 0 && fees.paymentsReceived === 0) return NO_FEE_SENTENCE;
  return (
    '按照《政府信息公开信息处理费管理办法》规定的按件、按量收费标准，' +
    `本年度共发出收费通知 ${fees.noticesSent} 件，收费金额 ${formatNumber(fees.amountCharged)} 元；` +
    `实际收取信息处理费 ${fees.paymentsReceived} 笔，共 ${formatNumber(fees.amountCollected)} 元。`
  );
}

/** The narrative split into paragraphs (one per non-empty line), line breaks normalised. */
export function paragraphsOf(text: string): string[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
}
