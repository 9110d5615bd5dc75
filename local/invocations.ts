import { AsyncLocalStorage } from 'node:async_hooks';
import { InvokeStore } from '@aws/lambda-invoke-store';

/**
 * Locally every function runs in one process, and requests overlap: the way Lambda runs several invocations at once
 * in one environment (Lambda Managed Instances). Lambda then gives each invocation its own scope in the runtime's
 * InvokeStore (`globalThis.awslambda.InvokeStore`, with `AWS_LAMBDA_MAX_CONCURRENCY` set), and Powertools keeps its
 * per-invocation state there — the Lambda context its Logger writes in each line (request id), the metrics an
 * invocation counted. The local system provides the same store, so a log line names the request that wrote it and
 * each invocation flushes only its own metrics.
 */
type Context = Record<string | symbol, unknown>;

/** The runtime's key of the request id in an invocation's scope (`InvokeStoreBase.PROTECTED_KEYS`). */
const REQUEST_ID = Symbol.for('_AWS_LAMBDA_REQUEST_ID');
const X_RAY_TRACE_ID = Symbol.for('_AWS_LAMBDA_X_RAY_TRACE_ID');

/**
 * An InvokeStore with one scope per invocation on AsyncLocalStorage (what the runtime's multi-concurrency store
 * is; built here because the package makes its own through a dynamic import, which Jest's VM cannot run).
 */
class LocalInvokeStore {
  private readonly als = new AsyncLocalStorage<Context>();
  getContext = (): Context | undefined => this.als.getStore();
  hasContext = (): boolean => this.als.getStore() !== undefined;
  get = <T>(key: string | symbol): T | undefined => this.als.getStore()?.[key] as T | undefined;
  set = (key: string | symbol, value: unknown): void => {
    const store = this.als.getStore();
    if (!store) throw new Error('No context available');
    store[key] = value;
  };
  run = <T>(context: Context, fn: () => T): T => this.als.run(context, fn);
  getRequestId = (): string => this.get<string>(REQUEST_ID) ?? '-';
  getXRayTraceId = (): string | undefined => this.get<string>(X_RAY_TRACE_ID);
  getTenantId = (): undefined => undefined;
  getTraceparent = (): undefined => undefined;
  getTracestate = (): undefined => undefined;
  getBaggage = (): undefined => undefined;
}

let scopes: LocalInvokeStore | undefined;

/** Turns per-invocation scopes on for this process (before any handler runs); idempotent. */
export async function useInvocationScopes(): Promise<void> {
  if (scopes) return;
  // The SDK's own handle on the store is made first, without scopes (it only reads trace headers from it).
  const concurrency = process.env.AWS_LAMBDA_MAX_CONCURRENCY;
  delete process.env.AWS_LAMBDA_MAX_CONCURRENCY;
  await InvokeStore.getInstanceAsync();
  if (concurrency !== undefined) process.env.AWS_LAMBDA_MAX_CONCURRENCY = concurrency;
  scopes = new LocalInvokeStore();
  const global = globalThis as { awslambda?: { InvokeStore?: unknown } };
  global.awslambda = { ...global.awslambda, InvokeStore: scopes };
  process.env.AWS_LAMBDA_MAX_CONCURRENCY ??= '64';
}

/** Runs one local invocation in its own scope, named by its request id. */
export function inInvocation<T>(context: unknown, run: () => Promise<T>): Promise<T> {
  if (!scopes) return run();
  const requestId = (context as { awsRequestId?: unknown } | undefined)?.awsRequestId;
  return scopes.run({ [REQUEST_ID]: typeof requestId === 'string' ? requestId : 'local' }, run);
}
