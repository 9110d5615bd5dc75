/**
 * The system clock the handlers read "now" from. In AWS it is the wall clock; the local runtime replaces
 * it with its own (real or virtual) clock, so a replayed year sees the same dates a real year would.
 * The domain never reads a clock: handlers pass `now`/`today` in.
 */
let current: () => Date = () => new Date();

export const systemClock = {
  now: (): Date => current(),
};

/** Local runtime only: route `systemClock.now` to another clock. */
export function useClock(now: () => Date): void {
  current = now;
}

/** The legal date (Asia/Shanghai) of an instant, `YYYY-MM-DD`. */
export function shanghaiDate(instant: Date): string {
  return new Date(instant.getTime() + 8 * 60 * 60 * 1000).toISOString().slice(0, 10);
}
