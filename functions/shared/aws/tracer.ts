import { Tracer } from '@aws-lambda-powertools/tracer';

/**
 * X-Ray tracing through Powertools' Tracer (issue 15): one tracer per container; the SDK clients of this folder are
 * captured by it, so every DynamoDB, S3, SES and Step Functions call is a subsegment. Tracing is on only inside
 * Lambda with active tracing: outside Lambda (the local system, tests) Powertools disables it and
 * `captureAWSv3Client` hands the client back unchanged, so nothing needs an X-Ray daemon. Errors are not captured
 * into traces (`POWERTOOLS_TRACER_CAPTURE_ERROR=false`, set by the stack): their messages may quote personal data.
 */
export const tracer = new Tracer();

/** The client with its calls traced (unchanged when tracing is off). */
export function traced<T>(client: T): T {
  return tracer.captureAWSv3Client(client);
}
