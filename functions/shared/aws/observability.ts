import type { MiddlewareObj } from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { log } from '../log';
import { metrics } from './metrics';
import { tracedHandler } from './tracer';

/**
 * Powertools' middy middlewares for every handler (issue 15), first in the chain: the Lambda context in every log
 * line (request id, function, cold start; keys added during an invocation are dropped after it), the invocation's
 * metrics flushed as EMF when it ends, and (where it traces, `tracer.ts`) an X-Ray subsegment for the handler. The
 * handler's response is not put in the trace (it may carry personal data).
 *
 * @example middy().use(observed()).use(apiErrors()).handler(…)
 */
export function observed(): MiddlewareObj[] {
  return [
    injectLambdaContext(log.powertools, { resetKeys: true }),
    logMetrics(metrics),
    tracedHandler(),
  ] as MiddlewareObj[];
}
