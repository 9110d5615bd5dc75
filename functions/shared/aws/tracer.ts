import type { Tracer } from '@aws-lambda-powertools/tracer';

/**
 * X-Ray tracing through Powertools' Tracer (issue 15): one tracer per container; the SDK clients of this folder are
 * captured by it, so every DynamoDB, S3, SES, Lambda and Step Functions call is a subsegment, and the handlers'
 * middy chain opens a segment per invocation (`observability.ts`). Errors are not captured into traces
 * (`POWERTOOLS_TRACER_CAPTURE_ERROR=false`, set by the stack): their messages may quote personal data.
 *
 * Tracing happens only inside Lambda with tracing on (the stack's default; `POWERTOOLS_TRACE_ENABLED=false` turns it
 * off). Anywhere else — the local system, tests — the Tracer and the X-Ray SDK under it are not even loaded (issue
 * 17: they are most of what Powertools adds to a cold start) and the clients stay as they are, so nothing needs an
 * X-Ray daemon.
 */
const tracing =
  Boolean(process.env.AWS_LAMBDA_FUNCTION_NAME) && (process.env.POWERTOOLS_TRACE_ENABLED ?? 'true') !== 'false';

// A conditional require, so that a bundle evaluates the Tracer's modules only where it traces.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const load = (): typeof import('@aws-lambda-powertools/tracer') => require('@aws-lambda-powertools/tracer');

/** The tracer of this container, or undefined where nothing is traced. */
export const tracer: Tracer | undefined = tracing ? new (load().Tracer)() : undefined;

/** The client with its calls traced (unchanged when tracing is off). */
export function traced<T>(client: T): T {
  return tracer ? tracer.captureAWSv3Client(client) : client;
}
