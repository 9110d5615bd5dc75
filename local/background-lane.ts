/**
 * Background work of the local system behind the answers (issue 17). In AWS the outbox sender and the timeline's
 * tasks are other Lambda functions on other computers: they neither delay an answer nor wait for one. Locally
 * they share one thread with the HTTP front and the handlers, and JavaScript cannot pre-empt: a receipt's Word
 * file being rendered makes every request arriving meanwhile wait. So background work takes turns: at once when no
 * API request is in flight, otherwise one waiting work every `trickleMs` (so a front that is never idle still
 * gets its emails out and its timelines planned, only later). Nothing is skipped or dropped: a work waiting for
 * its turn is still tracked by the local clock (a virtual-clock step waits for it) and by the outbox's drain.
 */
export interface BackgroundLane {
  /** Runs an API request counted as in flight (background work waits for a moment without any). */
  foreground<T>(work: () => Promise<T>): Promise<T>;
  /** Resolves when a background work may start: now if no API request is in flight, else at its turn. */
  turn(): Promise<void>;
  /** True while an API request is in flight. */
  busy(): boolean;
}

/** How often a waiting background work gets a turn while the front is never idle (ms), unless set otherwise. */
export const BACKGROUND_TRICKLE_MS = 200;

/** A lane for one local system. */
export function makeBackgroundLane(trickleMs = BACKGROUND_TRICKLE_MS): BackgroundLane {
  let inFlight = 0;
  const waiting: Array<() => void> = [];
  let timer: NodeJS.Timeout | undefined;
  const stopTrickle = (): void => {
    if (timer) clearInterval(timer);
    timer = undefined;
  };
  const releaseAll = (): void => {
    stopTrickle();
    waiting.splice(0).forEach((resolve) => resolve());
  };
  const trickle = (): void => {
    timer ??= setInterval(() => {
      waiting.shift()?.();
      if (!waiting.length) stopTrickle();
    }, trickleMs);
    timer.unref();
  };
  return {
    async foreground(work) {
      inFlight += 1;
      try {
        return await work();
      } finally {
        inFlight -= 1;
        if (inFlight === 0) releaseAll();
      }
    },
    turn() {
      if (inFlight === 0) return Promise.resolve();
      return new Promise<void>((resolve) => {
        waiting.push(resolve);
        trickle();
      });
    },
    busy: () => inFlight > 0,
  };
}
