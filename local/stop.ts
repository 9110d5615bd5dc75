/**
 * How `gongkai start` and `gongkai demo` end on Ctrl-C (SIGINT) or SIGTERM (issue 17: the README's "Ctrl-C stops it
 * cleanly"). Every stop ends the same way: background work stopped or awaited, the servers and the DynamoDB thread
 * closed, the data folder's in-use marker removed, "已停止。" said, exit code 0. A stop that cannot finish within
 * `STOP_TIMEOUT_MS` says so and exits with 1 (the next start then checks the DynamoDB indexes), never silently.
 *
 * The signal handlers stay installed until the process exits. One Ctrl-C in a terminal often reaches the process
 * more than once: the terminal signals the whole foreground process group, and a parent in that group forwards
 * the signal again (`npm run` does; tsx's CLI relays it and, when the child does not acknowledge it within 30 ms
 * twice, kills it with SIGKILL, which is why `npm start` runs `node --import tsx` with no parent of its own).
 * A second signal during the stop must not fall back to Node's default action (end the process at once, the
 * marker left behind): it is answered with a word that the stop is under way.
 */

/** How long a stop may take before the command gives up on it (ms), unless `GONGKAI_STOP_TIMEOUT_MS` says otherwise. */
export const STOP_TIMEOUT_MS = Number(process.env.GONGKAI_STOP_TIMEOUT_MS) || 30_000;

const STOP_SIGNALS = ['SIGINT', 'SIGTERM'] as const;

/** Resolves at the first SIGINT or SIGTERM; later ones only say (once) that the stop is under way. */
export function stopSignal(say: (text: string) => void): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    let received: NodeJS.Signals | undefined;
    let told = false;
    const onSignal = (signal: NodeJS.Signals): void => {
      if (!received) {
        received = signal;
        resolve(signal);
      } else if (!told) {
        told = true;
        say(`正在停止，请稍候（最多 ${Math.round(STOP_TIMEOUT_MS / 1000)} 秒）…`);
      }
    };
    for (const signal of STOP_SIGNALS) process.on(signal, onSignal);
  });
}

/**
 * Runs `stop` bounded by `timeoutMs`. Answers the exit code: 0 once it has finished; 1 if it failed or did not
 * finish in time (said through `warn`, with what the next start will do). A timer keeps the process alive while
 * the stop runs, so a stop waiting on work nothing else drives ends in the time-out, not in a silent exit.
 */
export async function boundedStop(
  stop: () => Promise<void>,
  warn: (text: string) => void,
  timeoutMs = STOP_TIMEOUT_MS,
): Promise<number> {
  // An unhandled rejection of background work ending during the stop is logged, not a crash of the stop.
  const onRejection = (reason: unknown): void => console.error('unhandled rejection during stop', reason);
  process.on('unhandledRejection', onRejection);
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  try {
    const outcome = await Promise.race([stop().then(() => 'stopped' as const), timedOut]);
    if (outcome === 'stopped') return 0;
    warn(`停止超时（${Math.round(timeoutMs / 1000)} 秒内未完成），强制退出；下次启动时将检查数据目录。`);
    return 1;
  } catch (error) {
    console.error('stop failed', error);
    warn(`停止时出错：${error instanceof Error ? error.message : String(error)}；下次启动时将检查数据目录。`);
    return 1;
  } finally {
    clearTimeout(timer);
    process.off('unhandledRejection', onRejection);
  }
}
