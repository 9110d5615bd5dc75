/**
 * Document numbers (文号) of design.md §9: per agency and year, gapless, drawn from an atomic counter like
 * receipt numbers. GB/T 9704-2012 §7.2.4 writes the year in hexagonal brackets 〔〕 and the sequence without
 * leading zeros, followed by 号.
 */
import type { LocalDate } from '../model';

/**
 * The number of the `sequence`-th document of an agency in `year`.
 *
 * @example documentNumber('聂政公开', 2024, 7) // => '聂政公开〔2024〕7号'
 */
export function documentNumber(letterPrefix: string, year: number, sequence: number): string {
  if (!Number.isInteger(sequence) || sequence < 1) throw new RangeError(`document sequence must be ≥ 1: ${sequence}`);
  return `${letterPrefix}〔${year}〕${sequence}号`;
}

/**
 * The numbering year of a document: the year of its issue date (Asia/Shanghai legal date).
 *
 * @example numberingYear('2024-12-31') // => 2024
 */
export function numberingYear(issuedOn: LocalDate): number {
  return Number(issuedOn.slice(0, 4));
}
