/**
 * The local system's clock. Real time by default; with `--virtual-clock` it starts at a given instant and
 * moves only when told (`advanceTo`), and `advanceTo` returns only once every timeline due by then has run.
 *
 * Work that the clock must wait for (a running state-machine execution, an HTTP request in flight)
 * registers itself with `track`; a sleeper is not busy while it sleeps. Quiescence = nothing busy.
 */
export interface LocalClock {
  readonly virtual: boolean;
  now(): Date;
  /** Resolves when the clock reaches `until` (or at once if it has), or when `signal` aborts. */
  sleepUntil(until: Date, signal?: AbortSignal): Promise<void>;
  /** Runs `work` counted as busy (virtual mode waits for it before moving on). */
  track<T>(work: () => Promise<T>): Promise<T>;
  /** Virtual clock only: move forward to `to`, waking sleepers in time order and letting each settle. */
  advanceTo(to: Date): Promise<void>;
}

/** Real setTimeout cannot wait more than ~24.8 days; long waits are taken in slices. */
const MAX_TIMER_MS = 6 * 60 * 60 * 1000;

export function makeRealClock(): LocalClock {
  return {
    virtual: false,
    now: () => new Date(),
    sleepUntil: (until, signal) =>
      new Promise<void>((resolve) => {
        let timer: NodeJS.Timeout | undefined;
        const onAbort = (): void => {
          if (timer) clearTimeout(timer);
          resolve();
        };
        const tick = (): void => {
          const remaining = until.getTime() - Date.now();
          if (remaining <= 0 || signal?.aborted) {
            signal?.removeEventListener('abort', onAbort);
            resolve();
            return;
          }
          timer = setTimeout(tick, Math.min(remaining, MAX_TIMER_MS));
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        tick();
      }),
    track: (work) => work(),
    advanceTo: () => Promise.reject(new Error('The clock is real time: start with --virtual-clock to move it.')),
  };
}

interface Sleeper {
  until: number;
  wake: () => void;
}

export function makeVirtualClock(start: Date): LocalClock {
  let nowMs = start.getTime();
  let busy = 0;
  let sequence = 0;
  const sleepers = new Map<number, Sleeper>();
  let idleWaiters: (() => void)[] = [];

  const settleIfIdle = (): void => {
    if (busy !== 0) return;
    const waiters = idleWaiters;
    idleWaiters = [];
    // Give promise chains a macrotask to register new work before declaring quiescence.
    setImmediate(() => {
      if (busy === 0) waiters.forEach((w) => w());
      else idleWaiters.push(...waiters);
    });
  };
  const untilIdle = (): Promise<void> =>
    new Promise((resolve) => {
      idleWaiters.push(resolve);
      settleIfIdle();
    });
  const enter = (): void => {
    busy += 1;
  };
  const leave = (): void => {
    busy -= 1;
    settleIfIdle();
  };

  return {
    virtual: true,
    now: () => new Date(nowMs),
    sleepUntil(until, signal) {
      if (until.getTime() <= nowMs || signal?.aborted) return Promise.resolve();
      const id = ++sequence;
      return new Promise<void>((resolve) => {
        const finish = (): void => {
          sleepers.delete(id);
          signal?.removeEventListener('abort', onAbort);
          enter(); // the sleeper's continuation is busy work again
          resolve();
        };
        const onAbort = (): void => {
          if (sleepers.has(id)) finish();
        };
        sleepers.set(id, { until: until.getTime(), wake: finish });
        signal?.addEventListener('abort', onAbort, { once: true });
        leave(); // asleep: not busy
      });
    },
    async track(work) {
      enter();
      try {
        return await work();
      } finally {
        leave();
      }
    },
    async advanceTo(to) {
      const target = to.getTime();
      if (target < nowMs) throw new Error('The virtual clock only moves forward.');
      await untilIdle();
      for (;;) {
        let next: [number, Sleeper] | undefined;
        for (const entry of sleepers)
          if (entry[1].until <= target && (!next || entry[1].until < next[1].until)) next = entry;
        if (!next) break;
        nowMs = Math.max(nowMs, next[1].until);
        next[1].wake();
        await untilIdle();
      }
      nowMs = target;
      await untilIdle();
    },
  };
}
