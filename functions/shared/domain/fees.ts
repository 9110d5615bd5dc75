/**
 * Information processing fees (信息处理费), progressive ("超额累进"). ogi-rules.md §5; Fee Measures
 * (《政府信息公开信息处理费管理办法》, 国办函〔2020〕109号) Art. 3–5. Per application the agency picks one
 * method, never both.
 */

/** One band of a progressive tariff and what it contributes. */
export interface FeeBand {
  /** First item / page of the band (1-based, inclusive). */
  readonly from: number;
  /** Last item / page of the band (inclusive). */
  readonly to: number;
  /** How many items / pages of the band are charged here. */
  readonly quantity: number;
  readonly unitYuan: number;
  readonly subtotalYuan: number;
}

/** A fee with its breakdown by band. */
export interface FeeResult {
  readonly method: 'by_count' | 'by_pages';
  readonly yuan: number;
  readonly breakdown: readonly FeeBand[];
  readonly basis: string;
}

/** How one application is charged: by its rank among the applicant's applications this month, or by pages. */
export type FeeQuery =
  | { readonly method: 'by_count'; readonly nthInMonth: number }
  | { readonly method: 'by_pages'; readonly pages: number };

function assertCount(n: number, what: string): void {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`${what}应为非负整数: ${n}`);
}

/** By count (按件), Fee Measures Art. 3–5: the band of the n-th application of a natural month. 1–10 free, 11–30 100, then +100 per 10. */
function countBand(n: number): { from: number; to: number; unitYuan: number } {
  if (n <= 10) return { from: 1, to: 10, unitYuan: 0 };
  if (n <= 30) return { from: 11, to: 30, unitYuan: 100 };
  const k = Math.floor((n - 31) / 10);
  return { from: 31 + k * 10, to: 40 + k * 10, unitYuan: 200 + k * 100 };
}

const PAGE_BANDS = [
  { from: 1, to: 30, unitYuan: 0 },
  { from: 31, to: 100, unitYuan: 10 },
  { from: 101, to: 200, unitYuan: 20 },
  { from: 201, to: Number.POSITIVE_INFINITY, unitYuan: 40 },
] as const;

/**
 * The fee for the first `n` applications of one applicant in one natural month, by count (按件), cumulative
 * and progressive: 1–10 free; 11–30 100 yuan each; 31–40 200; 41–50 300; … Fee Measures Art. 3–5.
 * @example countFeeTotal(45).yuan // 5500 (20 × 100 + 10 × 200 + 5 × 300)
 */
export function countFeeTotal(n: number): FeeResult {
  assertCount(n, '申请件数');
  const breakdown: FeeBand[] = [];
  let next = 1;
  while (next <= n) {
    const band = countBand(next);
    const quantity = Math.min(band.to, n) - next + 1;
    breakdown.push({ ...band, to: Math.min(band.to, n), quantity, subtotalYuan: quantity * band.unitYuan });
    next = band.to + 1;
  }
  return { method: 'by_count', yuan: sum(breakdown), breakdown, basis: 'Fee Measures Art. 3–5' };
}

/**
 * The fee by volume (按量) for one application of `pages` pages, progressive: 1–30 free; 31–100 10 yuan/page;
 * 101–200 20 yuan/page; 201 and above 40 yuan/page. Fee Measures Art. 3–5.
 * @example pagesFee(150).yuan // 1700 (70 × 10 + 50 × 20)
 */
export function pagesFee(pages: number): FeeResult {
  assertCount(pages, '页数');
  const breakdown: FeeBand[] = PAGE_BANDS.filter((band) => band.from <= pages).map((band) => {
    const quantity = Math.min(band.to, pages) - band.from + 1;
    return {
      from: band.from,
      to: Math.min(band.to, pages),
      quantity,
      unitYuan: band.unitYuan,
      subtotalYuan: quantity * band.unitYuan,
    };
  });
  return { method: 'by_pages', yuan: sum(breakdown), breakdown, basis: 'Fee Measures Art. 3–5' };
}

/**
 * The fee of one application, by count (its rank `nthInMonth` among the applicant's applications this natural
 * month) or by pages, never both. Fee Measures Art. 3–5.
 * @example feeForApplication({ method: 'by_count', nthInMonth: 12 }).yuan // 100
 * @example feeForApplication({ method: 'by_pages', pages: 150 }).yuan // 1700
 */
export function feeForApplication(query: FeeQuery): FeeResult {
  if (query.method === 'by_pages') return pagesFee(query.pages);
  const n = query.nthInMonth;
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`本月第几件申请应为正整数: ${n}`);
  const band = countBand(n);
  return {
    method: 'by_count',
    yuan: band.unitYuan,
    breakdown: [{ from: band.from, to: band.to, quantity: 1, unitYuan: band.unitYuan, subtotalYuan: band.unitYuan }],
    basis: 'Fee Measures Art. 3–5',
  };
}

function sum(bands: readonly FeeBand[]): number {
  return bands.reduce((total, band) => total + band.subtotalYuan, 0);
}
