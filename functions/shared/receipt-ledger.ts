import { log } from './log';
import type { Agency } from './store/agency-repository';
import { type ReceiptRepository, type ReceiptVoid, type VoidReason } from './store/receipt-repository';

/**
 * Every receipt number drawn either becomes a case or is recorded void with its reason. A request that
 * fails to write its case records its own void; one that died (a crash, a timeout) leaves a gap that the
 * reconcile finds by comparing each counter with the cases, and records void once the number can no
 * longer be in flight: drawn before `drawnBeforeMs` (the counter has drawn nothing since), at or below the
 * counter's value when a new process started (`drawnUpTo`: every request of the earlier process has ended,
 * whatever the new one has drawn since), or a gap seen by an earlier reconcile at least `graceMs` ago.
 */

/** Chinese labels of the void reasons (staff API, ledger). */
export const VOID_REASON_LABELS: Record<VoidReason, string> = {
  request_died: '取号后受理请求中断，未生成案件',
  write_failed: '取号后保存申请失败，未生成案件',
  superseded_by_retry: '同一请求的重试已生成案件，本号未使用',
};

/** The digits of a receipt number's sequence (`NDZ-2024-000012`). */
const SEQUENCE_DIGITS = 6;

export const receiptNumberOf = (agency: Pick<Agency, 'receiptPrefix'>, year: number, sequence: number): string =>
  `${agency.receiptPrefix}-${year}-${String(sequence).padStart(SEQUENCE_DIGITS, '0')}`;

/**
 * A receipt number as people type it, in its stored form: full-width characters and spaces gone, letters upper-case,
 * the sequence padded (`ndz-2026-2` → `NDZ-2026-000002`). Text that is not shaped like a receipt number comes back
 * only cleaned, so a lookup of it finds nothing.
 *
 * @example normalizeReceiptNumber(' ndz－2026－12 ') // => 'NDZ-2026-000012'
 */
export function normalizeReceiptNumber(text: string): string {
  const cleaned = text.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
  const parts = /^([A-Z][A-Z0-9]{1,9})-(\d{4})-(\d{1,6})$/.exec(cleaned);
  return parts?.[1] && parts[2] && parts[3]
    ? receiptNumberOf({ receiptPrefix: parts[1] }, Number(parts[2]), Number(parts[3]))
    : cleaned;
}

/**
 * The receipt numbers a search text may mean, as officers type them (the desk's search box): the number in full
 * (`NDZ-2024-000012` or `ndz-2024-12`: `normalizeReceiptNumber`), the year and sequence (`2024-12`, `2024年12号`, full-width digits too) of the
 * agency's own prefix, or the sequence alone (`12`, `000012`, `12号`) — this year's and last year's, since a case
 * received in December is still worked on in January. Anything else (a name, a phone, an ID number) means none.
 *
 * @param q the search text as typed
 * @param receiptPrefix the agency's prefix (`NDZ`)
 * @param year the current year in Beijing time
 * @returns distinct candidates, the most likely first
 * @example receiptNumberCandidates('12', 'NDZ', 2025) // => ['NDZ-2025-000012', 'NDZ-2024-000012']
 */
export function receiptNumberCandidates(q: string, receiptPrefix: string, year: number): string[] {
  const text = q.normalize('NFKC').trim().toUpperCase();
  const full = /^[A-Z0-9]+-\d{4}-\d+$/.test(text.replace(/\s+/g, '')) ? [normalizeReceiptNumber(text)] : [];
  const number = (y: number, sequence: string) =>
    receiptNumberOf({ receiptPrefix }, y, Number(sequence.replace(/^0+(?=\d)/, '')));
  const yearAndSequence = /^(\d{4})\s*[-/年]\s*第?\s*(\d{1,6})\s*号?$/.exec(text);
  const sequenceOnly = /^第?\s*(\d{1,6})\s*号?$/.exec(text);
  const shorthand =
    yearAndSequence?.[1] && yearAndSequence[2]
      ? [number(Number(yearAndSequence[1]), yearAndSequence[2])]
      : sequenceOnly?.[1] && Number(sequenceOnly[1]) > 0
        ? [number(year, sequenceOnly[1]), number(year - 1, sequenceOnly[1])]
        : [];
  return [...new Set([...full, ...shorthand])];
}

/** A void as the staff API shows it. */
export const voidView = (entry: ReceiptVoid) => ({ ...entry, reasonLabel: VOID_REASON_LABELS[entry.reason] });

/** Records the void of a number the calling request drew and could not use (logged, never thrown). */
export async function recordOwnVoid(
  receipts: ReceiptRepository,
  entry: Omit<ReceiptVoid, 'recordedAt'>,
  now: Date,
): Promise<void> {
  try {
    await receipts.recordVoid({ ...entry, recordedAt: now.toISOString() });
    log.warn('receipt number void', { receiptNumber: entry.receiptNumber, reason: entry.reason });
  } catch (error) {
    log.error('receipt void not recorded (the reconcile will find it)', {
      receiptNumber: entry.receiptNumber,
      error: String(error),
    });
  }
}

export interface ReceiptAccount {
  agencyId: string;
  year: number;
  drawn: number;
  cases: number;
  voids: number;
  /** Gaps not yet old enough to be called void (numbers perhaps still being written). */
  unresolved: number;
}

/** The key of a counter in `drawnUpTo`: `<agencyId>#<year>`. */
export const counterKey = (agencyId: string, year: number): string => `${agencyId}#${year}`;

/**
 * The reconcile's accounting of every agency's receipt numbers (see the module comment). `drawnUpTo`: per
 * `counterKey`, the last number drawn before this process started (numbers up to it can no longer be in flight).
 */
export async function accountReceipts(
  receipts: ReceiptRepository,
  agencies: readonly Pick<Agency, 'agencyId' | 'receiptPrefix'>[],
  options: {
    now: Date;
    realMs: number;
    drawnBeforeMs: number;
    graceMs: number;
    drawnUpTo?: Readonly<Record<string, number>>;
  },
): Promise<ReceiptAccount[]> {
  const accounts: ReceiptAccount[] = [];
  for (const agency of agencies) {
    for (const counter of await receipts.counters(agency.agencyId)) {
      const [cases, voids, seen] = await Promise.all([
        receipts.caseSequences(agency.agencyId, counter.year),
        receipts.listVoids(agency.agencyId, counter.year),
        receipts.gapsSeen(agency.agencyId, counter.year),
      ]);
      const voided = new Set(voids.map((v) => v.sequence));
      const quiet = (counter.lastDrawnAt ?? 0) < options.drawnBeforeMs;
      const ended = options.drawnUpTo?.[counterKey(agency.agencyId, counter.year)] ?? 0;
      let unresolved = 0;
      for (let sequence = 1; sequence <= counter.last; sequence++) {
        if (cases.has(sequence) || voided.has(sequence)) continue;
        const firstSeen = seen.get(sequence);
        if (quiet || sequence <= ended || (firstSeen !== undefined && firstSeen <= options.realMs - options.graceMs)) {
          const receiptNumber = receiptNumberOf(agency, counter.year, sequence);
          await receipts.recordVoid({
            agencyId: agency.agencyId,
            year: counter.year,
            sequence,
            receiptNumber,
            reason: 'request_died',
            recordedAt: options.now.toISOString(),
          });
          log.warn('receipt number void', { receiptNumber, reason: 'request_died' });
          voided.add(sequence);
        } else {
          unresolved += 1;
          if (firstSeen === undefined) await receipts.noteGap(agency.agencyId, counter.year, sequence, options.realMs);
        }
      }
      accounts.push({
        agencyId: agency.agencyId,
        year: counter.year,
        drawn: counter.last,
        cases: cases.size,
        voids: voided.size,
        unresolved,
      });
    }
  }
  return accounts;
}
