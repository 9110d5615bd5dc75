/**
 * Where the local system's log lines go. The handlers log one JSON line per event to stdout/stderr, as in
 * Lambda (CloudWatch collects them there); in a terminal those lines would bury what `gongkai start` says.
 * So by default everything written to the process's stdout and stderr is appended to a log file in the data
 * folder, and the command speaks to the user through the writers this returns (`--verbose` skips this).
 */
import { createWriteStream, mkdirSync } from 'node:fs';
import * as path from 'node:path';

export interface LogRouting {
  /** The log file. */
  file: string;
  /** Writes to the terminal's stdout / stderr (what the user should read). */
  say(text: string): void;
  warn(text: string): void;
  /** Puts stdout and stderr back and closes the file. */
  restore(): Promise<void>;
}

type Write = typeof process.stdout.write;

/** Sends every later write to process.stdout/stderr into `<dataDir>/logs/gongkai.log` (appended). */
export function routeLogsToFile(dataDir: string): LogRouting {
  const dir = path.join(dataDir, 'logs');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'gongkai.log');
  const stream = createWriteStream(file, { flags: 'a', mode: 0o600 });
  const stdoutWrite: Write = process.stdout.write.bind(process.stdout);
  const stderrWrite: Write = process.stderr.write.bind(process.stderr);
  const toFile = ((chunk: string | Uint8Array, encoding?: unknown, callback?: unknown): boolean => {
    const done = typeof encoding === 'function' ? encoding : callback;
    return stream.write(chunk, typeof done === 'function' ? (done as () => void) : undefined);
  }) as Write;
  process.stdout.write = toFile;
  process.stderr.write = toFile;
  return {
    file,
    say: (text) => void stdoutWrite(`${text}\n`),
    warn: (text) => void stderrWrite(`${text}\n`),
    restore: () =>
      new Promise<void>((resolve) => {
        process.stdout.write = stdoutWrite;
        process.stderr.write = stderrWrite;
        stream.end(() => resolve());
      }),
  };
}
