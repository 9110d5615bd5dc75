import type { Tracer } from '@aws-lambda-powertools/tracer';
import type { MiddlewareObj } from '@middy/core';

/**
 * X-Ray tracing through Powertools' Tracer (issue 15): one tracer per container; the SDK clients of this folder are
 * captured by it, so every DynamoDB, S3, SES, Lambda and Step Functions call is a subsegment, and the handlers'
 * middy chain opens a segment per invocation (`observability.ts`). Errors are not captured into traces
 * (`POWERTOOLS_TRACER_CAPTURE_ERROR=false`, set by the stack): their messages may quote personal data.
 *
 * Tracing happens only inside Lambda with tracing on (the stack's default; `POWERTOOLS_TRACE_ENABLED=false` turns it
 * off). The Tracer and the X-Ray SDK under it are reached only through `import()` (issue 17: they are most of what
 * Powertools adds to a cold start), so they are a chunk of their own in the bundle: where tracing is on, the
 * bundle's entry awaits `loadTracer()` at the top level, so Lambda's init loads them as before, before the first
 * invocation; anywhere else (a function with tracing off, the local system, tests) they are never read, and the
 * clients stay as they are, so nothing needs an X-Ray daemon.
 */
const tracing =
  Boolean(process.env.AWS_LAMBDA_FUNCTION_NAME) && (process.env.POWERTOOLS_TRACE_ENABLED ?? 'true') !== 'false';

type TracerModules = [
  typeof import('@aws-lambda-powertools/tracer'),
  typeof import('@aws-lambda-powertools/tracer/middleware'),
];

/** The tracer of this container once loaded; undefined before, and always where nothing is traced. */
let tracer: Tracer | undefined;
let captureLambdaHandler: TracerModules[1]['captureLambdaHandler'] | undefined;
let loading: Promise<void> | undefined;
/** Clients made before the tracer was loaded (module scope), captured when it is. */
const waiting: object[] = [];

/**
 * Loads the Tracer where this container traces (once; later calls wait for the same load) and captures the clients
 * made so far. Where nothing is traced it resolves at once and loads nothing.
 */
export function loadTracer(): Promise<void> {
  if (!tracing) return Promise.resolve();
  loading ??= Promise.all([
    import('@aws-lambda-powertools/tracer'),
    import('@aws-lambda-powertools/tracer/middleware'),
  ] as const).then(([core, middleware]: TracerModules) => {
    const loaded = new core.Tracer();
    for (const client of waiting.splice(0)) loaded.captureAWSv3Client(client);
    captureLambdaHandler = middleware.captureLambdaHandler;
    tracer = loaded;
  });
  return loading;
}

/**
 * The client with its calls traced where this container traces: captured now if the tracer is loaded, else when
 * it is (X-Ray adds its middleware to the client's own middleware stack, so the same object is traced either way,
 * and so is a DynamoDB document client made from it).
 */
export function traced<T extends object>(client: T): T {
  if (!tracing) return client;
  if (tracer) return tracer.captureAWSv3Client(client);
  waiting.push(client);
  return client;
}

/**
 * Powertools' `captureLambdaHandler` middleware (an X-Ray subsegment per invocation, the cold-start annotation; no
 * response in the trace: it may carry personal data), made on first use from the loaded tracer. Where nothing is
 * traced it does nothing.
 */
export function tracedHandler(): MiddlewareObj {
  let inner: MiddlewareObj | undefined;
  const ready = async (): Promise<MiddlewareObj | undefined> => {
    await loadTracer();
    if (!inner && tracer && captureLambdaHandler)
      inner = captureLambdaHandler(tracer, { captureResponse: false }) as MiddlewareObj;
    return inner;
  };
  return {
    before: async (request) => (await ready())?.before?.(request),
    after: async (request) => (await ready())?.after?.(request),
    onError: async (request) => (await ready())?.onError?.(request),
  };
}
