import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The local system's clock. Real time by default; with `--virtual-clock` it starts at a given instant and
 * moves only when told (`advanceTo`), and `advanceTo` returns only once every timeline due by then has run.
 *
 * Work that the clock must wait for (a running state-machine execution, an HTTP request in flight)
 * registers itself with `track`; a tracked work is not busy while it sleeps on this clock (the sleep is
 * attributed to the work it runs in through AsyncLocalStorage). Quiescence = no tracked work awake.
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

/**
 * Real time. With `origin`, the clock reads `origin` at creation and runs at the speed of real time from
 * there (a rehearsal of a given day: timers are real, nothing can be stepped).
 */
export function makeRealClock(origin?: Date): LocalClock {
  const offset = origin ? origin.getTime() - Date.now() : 0;
  const nowMs = (): number => Date.now() + offset;
  return {
    virtual: false,
    now: () => new Date(nowMs()),
    sleepUntil: (until, signal) =>
      new Promise<void>((resolve) => {
        let timer: NodeJS.Timeout | undefined;
        const done = (): void => {
          if (timer) clearTimeout(timer);
          signal?.removeEventListener('abort', done);
          resolve();
        };
        const tick = (): void => {
          const remaining = until.getTime() - nowMs();
          if (remaining <= 0 || signal?.aborted) done();
          else timer = setTimeout(tick, Math.min(remaining, MAX_TIMER_MS));
        };
        signal?.addEventListener('abort', done, { once: true });
        tick();
      }),
    track: (work) => work(),
    advanceTo: () => Promise.reject(new Error('The clock is real time: start with --virtual-clock to move it.')),
  };
}

/** One tracked unit of work: busy unless it sleeps; once ended, nothing it does counts any more. */
interface Work {
  state: 'busy' | 'asleep' | 'ended';
  sleeps: number;
}

interface Sleeper {
  until: number;
  id: number;
  wake: () => void;
  cancelled: boolean;
}

/** A binary min-heap of sleepers by (until, id): O(log n) per sleeper, so 10,000 waiting timelines stay cheap. */
class SleeperHeap {
  private readonly items: Sleeper[] = [];
  get size(): number {
    return this.items.length;
  }
  private less(a: Sleeper, b: Sleeper): boolean {
    return a.until < b.until || (a.until === b.until && a.id < b.id);
  }
  push(sleeper: Sleeper): void {
    const items = this.items;
    items.push(sleeper);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(items[i] as Sleeper, items[parent] as Sleeper)) break;
      [items[i], items[parent]] = [items[parent] as Sleeper, items[i] as Sleeper];
      i = parent;
    }
  }
  /** The earliest sleeper still waiting (cancelled ones are dropped on the way). */
  peek(): Sleeper | undefined {
    while (this.items[0]?.cancelled) this.pop();
    return this.items[0];
  }
  pop(): Sleeper | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length > 0 && last) {
      items[0] = last;
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        const right = left + 1;
        let smallest = i;
        if (left < items.length && this.less(items[left] as Sleeper, items[smallest] as Sleeper)) smallest = left;
        if (right < items.length && this.less(items[right] as Sleeper, items[smallest] as Sleeper)) smallest = right;
        if (smallest === i) break;
        [items[i], items[smallest]] = [items[smallest] as Sleeper, items[i] as Sleeper];
        i = smallest;
      }
    }
    return top;
  }
}

export interface VirtualClockOptions {
  /**
   * How long (real time) `advanceTo` waits for busy work to settle before it stops waiting for that work
   * (logged), so a hung handler can never hang the clock. Default 2 minutes.
   */
  settleTimeoutMs?: number;
}

export function makeVirtualClock(start: Date, options: VirtualClockOptions = {}): LocalClock {
  const settleTimeoutMs = options.settleTimeoutMs ?? 120_000;
  const current = new AsyncLocalStorage<Work>();
  const awake = new Set<Work>();
  let nowMs = start.getTime();
  let sequence = 0;
  const sleepers = new SleeperHeap();
  let idleWaiters: (() => void)[] = [];
  let advancing: Promise<void> = Promise.resolve();

  const settleIfIdle = (): void => {
    if (awake.size !== 0 || idleWaiters.length === 0) return;
    // Give promise chains a macrotask to register new work before declaring quiescence.
    setImmediate(() => {
      if (awake.size !== 0) return;
      const waiters = idleWaiters;
      idleWaiters = [];
      waiters.forEach((w) => w());
    });
  };
  const setState = (work: Work, state: Work['state']): void => {
    if (work.state === 'ended') return;
    work.state = state;
    if (state === 'busy') awake.add(work);
    else {
      awake.delete(work);
      settleIfIdle();
    }
  };
  const untilIdle = (): Promise<void> =>
    new Promise((resolve) => {
      let timer: NodeJS.Timeout | undefined = undefined;
      const settled = (): void => {
        clearTimeout(timer);
        resolve();
      };
      timer = setTimeout(() => {
        idleWaiters = idleWaiters.filter((w) => w !== settled);
        console.warn(
          `virtual clock: ${awake.size} busy work(s) did not settle within ${settleTimeoutMs} ms; no longer waiting for them`,
        );
        for (const work of [...awake]) setState(work, 'ended');
        resolve();
      }, settleTimeoutMs);
      timer.unref();
      idleWaiters.push(settled);
      settleIfIdle();
    });

  const advance = async (target: number): Promise<void> => {
    await untilIdle();
    for (;;) {
      const next = sleepers.peek();
      if (!next || next.until > target) break;
      nowMs = Math.max(nowMs, next.until);
      // Wake every sleeper due at this instant together, then let them all settle.
      while (sleepers.peek()?.until === next.until) (sleepers.pop() as Sleeper).wake();
      await untilIdle();
    }
    nowMs = Math.max(nowMs, target);
    await untilIdle();
  };

  return {
    virtual: true,
    now: () => new Date(nowMs),
    sleepUntil(until, signal) {
      if (until.getTime() <= nowMs || signal?.aborted) return Promise.resolve();
      const work = current.getStore();
      return new Promise<void>((resolve) => {
        const sleeper: Sleeper = {
          until: until.getTime(),
          id: ++sequence,
          cancelled: false,
          wake: () => {
            if (sleeper.cancelled) return;
            sleeper.cancelled = true;
            signal?.removeEventListener('abort', sleeper.wake);
            if (work) {
              work.sleeps -= 1;
              if (work.sleeps === 0) setState(work, 'busy'); // the sleeper's continuation is busy work again
            }
            resolve();
          },
        };
        sleepers.push(sleeper);
        signal?.addEventListener('abort', sleeper.wake, { once: true });
        if (work) {
          work.sleeps += 1;
          setState(work, 'asleep');
        }
      });
    },
    async track(work) {
      const entry: Work = { state: 'busy', sleeps: 0 };
      awake.add(entry);
      try {
        return await current.run(entry, work);
      } finally {
        awake.delete(entry);
        entry.state = 'ended';
        settleIfIdle();
      }
    },
    advanceTo(to) {
      const target = to.getTime();
      if (target < nowMs) return Promise.reject(new Error('The virtual clock only moves forward.'));
      // One move at a time: a second request waits for the first.
      const move = advancing.then(() => advance(target));
      advancing = move.catch(() => undefined);
      return move;
    },
  };
}
