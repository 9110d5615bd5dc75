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

/**
 * The title as real reports print it, without spaces: `<机关名称><year>年政府信息公开工作年度报告` (name as given;
 * renderers escape it).
 * @example titleText({ agency: { agencyId: 'niedui-town', name: '聂堆镇人民政府' }, year: 2024 })
 * // → '聂堆镇人民政府2024年政府信息公开工作年度报告'
 */
export function titleText(report: Pick<AnnualReport, 'agency' | 'year'>): string {
  return `${report.agency.name.trim()}${report.year}年政府信息公开工作年度报告`;
}

/**
 * The section 六 sentence on information processing fees (Fee Measures; ogi-rules.md §5): the reference
 * sentence when none arose, otherwise notices sent, amount charged and amount collected in the year.
 */
export function feeSentence(fees: Section6Fees): string {
  if (fees.noticesSent === 0 && fees.paymentsReceived === 0) return NO_FEE_SENTENCE;
  return (
    '按照《政府信息公开信息处理费管理办法》规定的按件、按量收费标准，' +
    `本年度共发出收费通知${fees.noticesSent}件，收费金额${formatNumber(fees.amountCharged)}元；` +
    `实际收取信息处理费${fees.paymentsReceived}笔，共${formatNumber(fees.amountCollected)}元。`
  );
}

/** Text compared sentence by sentence: whitespace dropped, ASCII punctuation as the full-width the reports use. */
function comparable(text: string): string {
  return text
    .replace(/\s+/g, '')
    .replace(/,/g, '，')
    .replace(/;/g, '；')
    .replace(/:/g, '：')
    .replace(/\(/g, '（')
    .replace(/\)/g, '）');
}

/**
 * Section 六 其他需要报告的事项 as printed: the fee figures from the cases on their own line (Fee Measures;
 * ogi-rules.md §5), then the officer's text as written, one paragraph per line. When the officer's text already
 * says the fee sentence (as real reports do, e.g. the reference's 没有产生信息公开处理费 sentence), it is not
 * printed a second time.
 */
export function section6Paragraphs(report: Pick<AnnualReport, 'section6Fees' | 'narrative'>): string[] {
  const officer = paragraphsOf(report.narrative.other);
  const fees = feeSentence(report.section6Fees);
  const alreadySaid = comparable(officer.join('')).includes(comparable(fees));
  return alreadySaid ? officer : [fees, ...officer];
}

/** The narrative split into paragraphs (one per non-empty line), line breaks normalised. */
export function paragraphsOf(text: string): string[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
}
