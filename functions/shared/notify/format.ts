/**
 * How the emails write dates, amounts and links (`templates.ts`), for the handlers that write them too without
 * composing an email: a lapsed supplement period's message, the status link on a 登记回执 (issue 17: the
 * templates themselves are read where an email is composed).
 */
import type { LocalDate } from '../domain/model';

/**
 * A legal date in Chinese.
 *
 * @example formatChineseDate('2024-10-30') // => '2024年10月30日'
 */
export function formatChineseDate(date: LocalDate): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new Error(`formatChineseDate: not a YYYY-MM-DD date: ${date}`);
  return `${m[1]}年${Number(m[2])}月${Number(m[3])}日`;
}

/**
 * An amount in yuan: thousands separated, cents shown only when present.
 *
 * @example formatYuan(1700) // => '1,700元'
 */
export function formatYuan(amount: number): string {
  const [whole = '0', cents] = (Number.isInteger(amount) ? String(amount) : amount.toFixed(2)).split('.');
  return `${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${cents ? `.${cents}` : ''}元`;
}

function trimBase(baseUrl: string): string {
  return baseUrl.replace(/\/+$/, '');
}

/** The applicant's status page for a receipt number. */
export function statusLink(baseUrl: string, receiptNumber: string): string {
  return `${trimBase(baseUrl)}/status.html?r=${encodeURIComponent(receiptNumber)}`;
}

/** The staff console page of a case. */
export function caseLink(baseUrl: string, caseId: string): string {
  return `${trimBase(baseUrl)}/console.html#/cases/${encodeURIComponent(caseId)}`;
}

/** The staff console page of an agency's annual report. */
export function reportLink(baseUrl: string, agencyId: string, year: number): string {
  return `${trimBase(baseUrl)}/console.html#/reports/${encodeURIComponent(agencyId)}/${year}`;
}
