import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { log } from '../log';

/**
 * CloudWatch metrics in the embedded metric format (EMF) through Powertools' Metrics (issue 15): namespace
 * `Gongkai` (`POWERTOOLS_METRICS_NAMESPACE`), dimension `service` (`POWERTOOLS_SERVICE_NAME`). The handlers' middy
 * chain (`observability.ts`) flushes what an invocation counted; counts per agency are written at once as their own
 * EMF line with the dimension `agency`. Locally the EMF lines go where the logs go (`.gongkai/logs/gongkai.log`).
 */

/** What gongkai counts. */
export type GongkaiMetric =
  /** An application registered (online or on paper), per agency. */
  | 'ApplicationsReceived'
  /** A reply recorded (any outcome), per agency. */
  | 'Replies'
  /** Open cases past their reply deadline, per agency, counted on each working day's digest. */
  | 'OverdueCases'
  /** An email handed to SES. */
  | 'EmailsSent'
  /** A failure that was absorbed and retried later (dimension `operation`: email, timeline-start, agency-job…). */
  | 'Failures';

/** Powertools' own warnings, minus the one every invocation that counted nothing would write. */
const quiet = {
  trace: () => undefined,
  debug: () => undefined,
  info: (message: string) => log.info(message),
  warn: (message: string) => {
    if (!message.startsWith('No application metrics to publish')) log.warn(message);
  },
  error: (message: string) => log.error(message),
};

export const metrics = new Metrics({
  namespace: process.env.POWERTOOLS_METRICS_NAMESPACE ?? 'Gongkai',
  logger: quiet,
});

/**
 * Counts `value` of a metric: with `agency` (or another dimension) as an EMF line of its own written now, otherwise
 * in the invocation's metrics, flushed when the handler returns.
 *
 * @example count('ApplicationsReceived', { agency: 'niedui-town' })
 */
export function count(name: GongkaiMetric, dimensions: { agency?: string; operation?: string } = {}, value = 1): void {
  const entries = Object.entries(dimensions).filter(([, v]) => typeof v === 'string' && v.length > 0) as [
    string,
    string,
  ][];
  if (entries.length === 0) {
    metrics.addMetric(name, MetricUnit.Count, value);
    return;
  }
  const single = metrics.singleMetric();
  for (const [dimension, v] of entries) single.addDimension(dimension, v);
  single.addMetric(name, MetricUnit.Count, value);
}
