/**
 * A tiny structured logger: one JSON line per call (`info` to stdout, `warn`/`error` to stderr),
 * with every value passed through `redactForLog` — the one place where logs are masked.
 */
import { redactForLog, redactText } from './privacy';

export type LogLevel = 'info' | 'warn' | 'error';

export interface Logger {
  info(msg: string, data?: Record<string, unknown>): void;
  warn(msg: string, data?: Record<string, unknown>): void;
  error(msg: string, data?: Record<string, unknown>): void;
}

export interface LoggerOptions {
  /** Receives each finished line (without the newline). Default: stdout for info, stderr otherwise. */
  write?: (level: LogLevel, line: string) => void;
  /** The clock for the `time` field. */
  now?: () => Date;
  /** Fields added to every line, e.g. `{ service: 'intake' }`. */
  base?: Record<string, unknown>;
}

function defaultWrite(level: LogLevel, line: string): void {
  (level === 'info' ? process.stdout : process.stderr).write(`${line}\n`);
}

/**
 * A logger writing `{"level","time","msg",...data}` lines, masked.
 *
 * @example makeLogger({ base: { service: 'intake' } }).info('received', { receiptNumber: 'GK-2024-000001' })
 */
export function makeLogger(options: LoggerOptions = {}): Logger {
  const write = options.write ?? defaultWrite;
  const now = options.now ?? (() => new Date());
  const emit = (level: LogLevel, msg: string, data?: Record<string, unknown>): void => {
    const fields = redactForLog({ ...options.base, ...data }) as Record<string, unknown>;
    const line = { level, time: now().toISOString(), msg: redactText(msg), ...fields };
    let text: string;
    try {
      text = JSON.stringify(line);
    } catch {
      text = JSON.stringify({ level, time: line.time, msg: line.msg, note: 'unserialisable data' });
    }
    write(level, text);
  };
  return {
    info: (msg, data) => emit('info', msg, data),
    warn: (msg, data) => emit('warn', msg, data),
    error: (msg, data) => emit('error', msg, data),
  };
}

/** The process-wide logger. */
export const log: Logger = makeLogger();
