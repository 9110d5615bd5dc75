/**
 * Benchmark: 100,000 random reply-deadline queries (receipt 2019–2026, 0–2 random pauses, seeded PRNG),
 * the O(log n) prefix-count implementation against straightforward day stepping with the same calendar
 * predicate. Checks both agree on every query; prints both times (best and median pass) and the ratios.
 * Then the same without pauses against `chinese-days`' own `findWorkday` (its own holiday data; a sample of the
 * receipts whose deadline falls in 2019–2026, as it is far slower), answers checked identical too.
 *
 *   npx tsx bench/clock.ts
 */
import { performance } from 'node:perf_hooks';
import { findWorkday } from 'chinese-days';
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
import { prng } from './prng';

interface Query {
  readonly received: LocalDate;
  readonly pauses: readonly { readonly from: LocalDate; readonly to: LocalDate }[];
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

const calendar = defaultCalendar();
const queries = makeQueries(100_000, 20241027);

/** One pass over all queries, answers written into `answers`; one function per implementation (monomorphic calls). */
type Pass = (answers: LocalDate[]) => void;
const prefixCountsPass: Pass = (answers) => {
  for (let i = 0; i < queries.length; i += 1) {
    const q = queries[i] as Query;
    answers[i] = deadlineAfter(calendar, q.received, REPLY_WORKING_DAYS, q.pauses).date;
  }
};
const steppingPass: Pass = (answers) => {
  for (let i = 0; i < queries.length; i += 1) {
    const q = queries[i] as Query;
    answers[i] = steppingDeadline(calendar, q.received, REPLY_WORKING_DAYS, q.pauses);
  }
};
const dayNumberSteppingPass: Pass = (answers) => {
  for (let i = 0; i < queries.length; i += 1) {
    const q = queries[i] as Query;
    answers[i] = steppingDeadlineOnDayNumbers(calendar, q.received, REPLY_WORKING_DAYS, q.pauses);
  }
};

/** Milliseconds of one pass. */
function timePass(pass: Pass, answers: LocalDate[]): number {
  const start = performance.now();
  pass(answers);
  return performance.now() - start;
}

/** The median of some numbers. */
function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

/**
 * Warms all three up (untimed rounds until at least `WARM_UP_MS` have passed, so the optimizing compiler has
 * finished even on a busy machine), then times `ROUNDS` rounds, each one pass of every implementation in turn:
 * interleaved, so a burst of load from elsewhere on the machine hits both sides of a ratio alike. Reports each
 * side's fastest (least disturbed) pass and median pass, the ratio of the fastest passes and the median of the
 * per-round ratios.
 */
const ROUNDS = 5;
const WARM_UP_MS = 300;
const implementations = [
  { label: 'prefix counts (deadlineAfter)', pass: prefixCountsPass },
  { label: 'day stepping (isWorkingDay)', pass: steppingPass },
  { label: 'day stepping (day-number predicate)', pass: dayNumberSteppingPass },
] as const;
const answers = implementations.map(() => new Array<LocalDate>(queries.length));
const times = implementations.map((): number[] => []);
console.log(`${queries.length} reply-deadline queries (receipt 2019–2026, 0–2 pauses), Node ${process.version}`);
const warmUpStart = performance.now();
do {
  implementations.forEach((impl, k) => impl.pass(answers[k] as LocalDate[]));
} while (performance.now() - warmUpStart < WARM_UP_MS);
for (let round = 0; round < ROUNDS; round += 1) {
  implementations.forEach((impl, k) => (times[k] as number[]).push(timePass(impl.pass, answers[k] as LocalDate[])));
}
implementations.forEach((impl, k) => {
  const ms = times[k] as number[];
  console.log(
    `${impl.label.padEnd(38)} ${Math.min(...ms)
      .toFixed(1)
      .padStart(9)} ms  (best of ${ROUNDS}; median ${median(ms).toFixed(1)} ms)`,
  );
});
const [fastAnswers, naiveAnswers, strictAnswers] = answers as [LocalDate[], LocalDate[], LocalDate[]];
const [fastMs, naiveMs, strictMs] = times as [number[], number[], number[]];
const mismatches = queries.filter(
  (_, i) => fastAnswers[i] !== naiveAnswers[i] || fastAnswers[i] !== strictAnswers[i],
).length;
/** Ratio of the fastest passes, and median of the ratios of the passes of the same round. */
const ratios = (slow: readonly number[]): string =>
  `${(Math.min(...slow) / Math.min(...fastMs)).toFixed(1)}× (median per round: ${median(
    slow.map((ms, round) => ms / (fastMs[round] as number)),
  ).toFixed(1)}×)`;
console.log(`mismatches: ${mismatches}`);
console.log(`ratio (day stepping / prefix counts): ${ratios(naiveMs)}`);
console.log(`ratio (day-number stepping / prefix counts): ${ratios(strictMs)}`);

// Against chinese-days' own workday search (no pauses: it has none), per query, on a sample of the receipts.
const SAMPLE = 2_000;
// Deadlines inside 2019–2026, the years both calendars hold (past them chinese-days knows no holiday; ours
// counts the provisional 元旦 2027).
const sample = queries
  .map((q) => q.received)
  .filter((received) => received < '2026-12-01')
  .slice(0, SAMPLE);
const viaPrefix = (answers: LocalDate[]) => {
  for (let i = 0; i < sample.length; i += 1)
    answers[i] = deadlineAfter(calendar, sample[i] as LocalDate, REPLY_WORKING_DAYS, []).date;
};
const viaChineseDays = (answers: LocalDate[]) => {
  for (let i = 0; i < sample.length; i += 1) answers[i] = findWorkday(REPLY_WORKING_DAYS, sample[i]);
};
const ours = new Array<LocalDate>(SAMPLE);
const theirs = new Array<LocalDate>(SAMPLE);
viaPrefix(ours);
viaChineseDays(theirs); // warm-up
const oursMs: number[] = [];
const theirsMs: number[] = [];
for (let round = 0; round < 3; round += 1) {
  // Many passes of ours per round, so that its time is measurable against one pass of chinese-days.
  const t = performance.now();
  for (let k = 0; k < 50; k += 1) viaPrefix(ours);
  oursMs.push((performance.now() - t) / 50);
  theirsMs.push(timePass(viaChineseDays, theirs));
}
const cdMismatches = sample.filter((_, i) => ours[i] !== theirs[i]).length;
console.log(
  `${SAMPLE} queries without pauses: prefix counts ${Math.min(...oursMs).toFixed(2)} ms, chinese-days findWorkday ${Math.min(
    ...theirsMs,
  ).toFixed(1)} ms (best of 3); mismatches: ${cdMismatches}`,
);
console.log(
  `ratio (chinese-days findWorkday / prefix counts): ${(Math.min(...theirsMs) / Math.min(...oursMs)).toFixed(0)}×`,
);
if (mismatches > 0 || cdMismatches > 0) process.exitCode = 1;
