/**
 * The structured logger (issue 15): Powertools for AWS Lambda's Logger, with the project's own line shape — one
 * JSON line per call (`info` to stdout, `warn`/`error` to stderr) `{"level","time","msg",…}` — and every value
 * passed through `redactForLog`, the one place where logs are masked. Inside an invocation (the handlers'
 * `injectLambdaContext` middleware, `aws/observability.ts`) each line also names the Lambda request id, the
 * function and the X-Ray trace.
 */
import { LogFormatter, LogItem, Logger as PowertoolsLogger } from '@aws-lambda-powertools/logger';
import type { LogAttributes, UnformattedAttributes } from '@aws-lambda-powertools/logger/types';
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

/** The key under which a call's data travels to the formatter (Powertools would drop reserved keys such as `service`). */
const DATA = '__gongkaiData';

const asLevel = (name: string): LogLevel => {
  const level = name.toUpperCase();
  if (level === 'WARN') return 'warn';
  return level === 'INFO' || level === 'DEBUG' || level === 'TRACE' ? 'info' : 'error';
};

/** Powertools' default service name when `POWERTOOLS_SERVICE_NAME` is not set (then no `service` is written). */
const NO_SERVICE = 'service_undefined';

/** Builds gongkai's line: level, time, msg, the invocation (request id, function, trace), then the masked data. */
class MaskingFormatter extends LogFormatter {
  constructor(
    private readonly now: () => Date,
    private readonly base: Record<string, unknown>,
  ) {
    super();
  }

  override formatAttributes(attributes: UnformattedAttributes, additional: LogAttributes): LogItem {
    const { [DATA]: data, ...keys } = additional;
    const context = attributes.lambdaContext;
    const invocation: Record<string, unknown> = {};
    if (attributes.serviceName && attributes.serviceName !== NO_SERVICE) invocation.service = attributes.serviceName;
    if (context) {
      invocation.requestId = context.awsRequestId;
      invocation.function = context.functionName;
      invocation.coldStart = context.coldStart;
    }
    if (attributes.xRayTraceId) invocation.xrayTraceId = attributes.xRayTraceId;
    const fields = redactForLog({ ...invocation, ...this.base, ...keys, ...(data as object | undefined) }) as Record<
      string,
      unknown
    >;
    const head = {
      level: asLevel(attributes.logLevel),
      time: this.now().toISOString(),
      msg: redactText(String(attributes.message)),
    };
    // The data never overrides the line's own level, time and message.
    return new LogItem({ attributes: Object.assign({ ...head }, fields, head) });
  }
}

/** Powertools' Logger writing gongkai's lines through `write` (no empty-key pruning: a `null` stays in the line). */
class GongkaiLogger extends PowertoolsLogger {
  constructor(
    private readonly write: (level: LogLevel, line: string) => void,
    formatter: MaskingFormatter,
  ) {
    super({ logFormatter: formatter });
  }

  protected override printLog(_logLevel: number, item: LogItem): void {
    const line = item.getAttributes();
    const level = line.level as LogLevel;
    let text: string;
    try {
      text = JSON.stringify(line);
    } catch {
      text = JSON.stringify({ level, time: line.time, msg: line.msg, note: 'unserialisable data' });
    }
    this.write(level, text);
  }
}

/** A gongkai logger and the Powertools Logger under it (for `injectLambdaContext`). */
export interface MaskingLogger extends Logger {
  readonly powertools: PowertoolsLogger;
}

/**
 * A logger writing `{"level","time","msg",...data}` lines, masked.
 *
 * @example makeLogger({ base: { service: 'intake' } }).info('received', { receiptNumber: 'GK-2024-000001' })
 */
export function makeLogger(options: LoggerOptions = {}): MaskingLogger {
  const powertools = new GongkaiLogger(
    options.write ?? defaultWrite,
    new MaskingFormatter(options.now ?? (() => new Date()), options.base ?? {}),
  );
  const emit = (level: LogLevel, msg: string, data?: Record<string, unknown>): void => {
    if (data === undefined) powertools[level](msg);
    else powertools[level](msg, { [DATA]: data });
  };
  return {
    powertools,
    info: (msg, data) => emit('info', msg, data),
    warn: (msg, data) => emit('warn', msg, data),
    error: (msg, data) => emit('error', msg, data),
  };
}

/** The process-wide logger. */
export const log: MaskingLogger = makeLogger();
