import '../local/esm-interop';
import { ListExecutionsCommand, type ExecutionStatus } from '@aws-sdk/client-sfn';
import { parseArgs } from 'node:util';
import { sampleApplication, startTestSystem, type TestSystem } from '../test/support/local-system';
import { prng } from './prng';

/**
 * Durability of the local timelines under load in real time (issue #10, acceptance 5): N submissions
 * through the HTTP front at concurrency C on the real-time clock, each followed by the office's notice to
 * supplement (a case's own timeline waits for the applicant's supplement reminder and the lapse; the
 * office's reminders are in the daily digest), then M minutes of real time, then the timelines are counted
 * by status through the local Step Functions API. Every case must have one RUNNING timeline, none FAILED.
 * Prints submission throughput, latency percentiles, and memory (RSS, heap) after the load and after the wait.
 *
 *   npm run bench:timelines -- [--submissions 10000] [--concurrency 50] [--minutes 3]
 */
const { values } = parseArgs({
  options: {
    submissions: { type: 'string', default: '10000' },
    concurrency: { type: 'string', default: '50' },
    minutes: { type: 'string', default: '3' },
  },
});
const submissions = Number(values.submissions);
const concurrency = Number(values.concurrency);
const minutes = Number(values.minutes);

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const memory = () => {
  global.gc?.();
  const { rss, heapUsed } = process.memoryUsage();
  return `RSS ${mb(rss)}, heap ${mb(heapUsed)}`;
};

async function countByStatus(t: TestSystem): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const status of ['RUNNING', 'SUCCEEDED', 'FAILED', 'ABORTED', 'TIMED_OUT'] as ExecutionStatus[]) {
    let nextToken: string | undefined;
    let count = 0;
    do {
      const page = await t.system.clients.sfn.send(
        new ListExecutionsCommand({ stateMachineArn: t.system.timelineArn, statusFilter: status, nextToken }),
      );
      count += page.executions?.length ?? 0;
      nextToken = page.nextToken;
    } while (nextToken);
    counts[status] = count;
  }
  return counts;
}

async function main(): Promise<void> {
  const t = await startTestSystem();
  const random = prng(20241029);
  console.log(`local system started (real-time clock ${t.system.clock.now().toISOString()}); ${memory()}`);
  try {
    const latencies: number[] = [];
    const failures: string[] = [];
    let next = 0;
    const started = Date.now();
    const worker = async () => {
      while (next < submissions) {
        const i = next++;
        const body = sampleApplication({
          clientToken: `bench-timelines-${i.toString().padStart(6, '0')}`,
          agencyId: random() < 0.5 ? 'niedui-town' : 'xihua-county',
        });
        const t0 = performance.now();
        const { status, body: answer } = await t.api<{ caseId: string }>('POST', '/v1/requests', { body });
        latencies.push(performance.now() - t0);
        if (status !== 201) failures.push(`${status} ${JSON.stringify(answer).slice(0, 200)}`);
        const supplement = await t.api('POST', `/v1/cases/${answer.caseId}/actions`, {
          token: t.tokens[String(body.agencyId)],
          body: {
            type: 'request_supplement',
            items: '请写明所需信息的文号',
            periodWorkingDays: 15,
            expectedVersion: 1,
          },
        });
        if (supplement.status !== 200)
          failures.push(`${supplement.status} ${JSON.stringify(supplement.body).slice(0, 200)}`);
        if ((i + 1) % 1000 === 0) console.log(`  ${i + 1} submitted (${((Date.now() - started) / 1000).toFixed(0)} s)`);
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    const loadSeconds = (Date.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    const percentile = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? 0;
    console.log(
      `${submissions} submissions (each with a notice to supplement) at concurrency ${concurrency}: ${loadSeconds.toFixed(0)} s ` +
        `(${(submissions / loadSeconds).toFixed(0)}/s), p50 ${percentile(0.5).toFixed(0)} ms, ` +
        `p99 ${percentile(0.99).toFixed(0)} ms, ${failures.length} not 201${failures.length ? `: ${failures[0]}` : ''}`,
    );
    console.log(`after the load: ${JSON.stringify(await countByStatus(t))}; ${memory()}`);

    const waitUntil = Date.now() + minutes * 60_000;
    while (Date.now() < waitUntil) await new Promise((resolve) => setTimeout(resolve, 5_000));
    const counts = await countByStatus(t);
    console.log(`after ${minutes} min of real time: ${JSON.stringify(counts)}; ${memory()}`);
    console.log(`engine: ${JSON.stringify(t.system.stepFunctions.stats())}`);
    console.log(
      counts.RUNNING === submissions && !counts.FAILED
        ? `OK: ${counts.RUNNING} RUNNING timelines, none FAILED`
        : `NOT OK: expected ${submissions} RUNNING and none FAILED`,
    );
    process.exitCode = counts.RUNNING === submissions && !counts.FAILED ? 0 : 1;
  } finally {
    await t.stop();
  }
}

main().then(
  () => process.exit(),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
