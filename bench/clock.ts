/**
 * Benchmark: 100,000 random reply-deadline queries (receipt 2019–2026, 0–2 random pauses, seeded PRNG),
 * the O(log n) prefix-count implementation against straightforward day stepping with the same calendar
 * predicate. Checks both agree on every query; prints both times and the ratio.
 *
 *   npx tsx bench/clock.ts
 */
import { performance } from 'node:perf_hooks';
import {
  deadlineAfter,
  defaultCalendar,
  isWorkingDay,
  isWorkingDayNumber,
  type Calendar,
} from '../functions/shared/domain/calendar';
import { REPLY_WORKING_DAYS } from '../functions/shared/domain/clock';
import { fromDayNumber, toDayNumber } from '../functions/shared/domain/local-date';
import type { LocalDate } from '../functions/shared/domain/model';

interface Query {
  readonly received: LocalDate;
  readonly pauses: readonly { readonly from: LocalDate; readonly to: LocalDate }[];
}

/** mulberry32: small seeded PRNG, so every run times the same queries. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function makeQueries(count: number, seed: number): Query[] {
  const random = prng(seed);
  const int = (max: number): number => Math.floor(random() * (max + 1));
  const first = toDayNumber('2019-01-01');
  const span = toDayNumber('2026-12-31') - first;
  return Array.from({ length: count }, () => {
    const r = first + int(span);
    const pauses = Array.from({ length: int(2) }, () => {
      const from = r + int(30);
      return { from: fromDayNumber(from), to: fromDayNumber(from + int(20)) };
    });
    return { received: fromDayNumber(r), pauses };
  });
}

/** The straightforward way: step one day at a time, ask the calendar, skip paused days. */
function steppingDeadline(calendar: Calendar, received: LocalDate, n: number, pauses: Query['pauses']): LocalDate {
  let day = toDayNumber(received);
  let counted = 0;
  let date = received;
  while (counted < n) {
    day += 1;
    date = fromDayNumber(day);
    if (isWorkingDay(calendar, date) && !pauses.some((p) => date > p.from && date <= p.to)) counted += 1;
  }
  return date;
}

/** The same stepping with the day-number predicate (no string conversions): a stricter baseline. */
function steppingDeadlineOnDayNumbers(
  calendar: Calendar,
  received: LocalDate,
  n: number,
  pauses: Query['pauses'],
): LocalDate {
  const intervals = pauses.map((p) => [toDayNumber(p.from), toDayNumber(p.to)] as const);
  let day = toDayNumber(received);
  let counted = 0;
  while (counted < n) {
    day += 1;
    if (isWorkingDayNumber(calendar, day) && !intervals.some(([a, b]) => day > a && day <= b)) counted += 1;
  }
  return fromDayNumber(day);
}

/** Runs one untimed warm-up pass, then `PASSES` timed passes; reports the fastest (least disturbed) pass. */
const PASSES = 5;
function time(
  label: string,
  queries: readonly Query[],
  solve: (q: Query) => LocalDate,
): { ms: number; answers: LocalDate[] } {
  for (const q of queries) solve(q);
  const answers = new Array<LocalDate>(queries.length);
  let best = Number.POSITIVE_INFINITY;
  for (let pass = 0; pass < PASSES; pass += 1) {
    const start = performance.now();
    for (let i = 0; i < queries.length; i += 1) answers[i] = solve(queries[i] as Query);
    best = Math.min(best, performance.now() - start);
  }
  console.log(`${label.padEnd(38)} ${best.toFixed(1).padStart(9)} ms  (best of ${PASSES})`);
  return { ms: best, answers };
}

const calendar = defaultCalendar;
const queries = makeQueries(100_000, 20241027);
console.log(`${queries.length} reply-deadline queries (receipt 2019–2026, 0–2 pauses), Node ${process.version}`);
const fast = time(
  'prefix counts (deadlineAfter)',
  queries,
  (q) => deadlineAfter(calendar, q.received, REPLY_WORKING_DAYS, q.pauses).date,
);
const naive = time('day stepping (isWorkingDay)', queries, (q) =>
  steppingDeadline(calendar, q.received, REPLY_WORKING_DAYS, q.pauses),
);
const strict = time('day stepping (day-number predicate)', queries, (q) =>
  steppingDeadlineOnDayNumbers(calendar, q.received, REPLY_WORKING_DAYS, q.pauses),
);
const mismatches = queries.filter(
  (_, i) => fast.answers[i] !== naive.answers[i] || fast.answers[i] !== strict.answers[i],
).length;
console.log(`mismatches: ${mismatches}`);
console.log(`ratio (day stepping / prefix counts): ${(naive.ms / fast.ms).toFixed(1)}×`);
console.log(`ratio (day-number stepping / prefix counts): ${(strict.ms / fast.ms).toFixed(1)}×`);
if (mismatches > 0) process.exitCode = 1;
