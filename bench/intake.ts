/**
 * Benchmark (issue 17): the online application path against a bare write to the same local DynamoDB, in one run.
 *
 *   (a) baseline: one PutItem of an item of a case's size to the local DynamoDB through the SDK client;
 *   (b) intake: `POST /v1/requests` through the local HTTP front (validation, receipt number, the case and its
 *       notices in one conditional write, the timeline started; emails are sent after the answer).
 *
 * Latency: sequential requests, (a) and (b) interleaved, p50 and p90 of each and the p50 ratio (aim ≤ 3×).
 * Throughput: N requests at concurrency C for each (aim: intake ≥ 200/s at 16).
 *
 *   npx tsx bench/intake.ts [--requests N] [--concurrency C]
 */
import '../local/esm-interop';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { routeLogsToFile } from '../local/log-file';
import { startLocalSystem } from '../local/runtime';
import { sampleApplication } from '../test/support/local-system';

const { values } = parseArgs({
  options: { requests: { type: 'string', default: '400' }, concurrency: { type: 'string', default: '16' } },
});
const requests = Number(values.requests);
const concurrency = Number(values.concurrency);

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) * p)] ?? NaN;

async function main(): Promise<void> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'gongkai-bench-intake-'));
  // The handlers' log lines go to the data folder's log file, as with `npm start`.
  const logs = routeLogsToFile(dataDir);
  const say = logs.say;
  const system = await startLocalSystem({ dataDir, port: 0, staffToken: 'bench-admin' });
  const base = (system.urls.web ?? '').replace(/\/$/, '');
  let n = 0;
  const submit = async () => {
    const response = await fetch(`${base}/v1/requests`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(sampleApplication()),
    });
    await response.text();
    if (response.status !== 201) throw new Error(`intake answered ${response.status}`);
  };
  const filler = 'x'.repeat(1500); // about the size of a new case item with its event and notices
  const put = async () => {
    n++;
    await system.clients.document.send(
      new PutCommand({
        TableName: system.tableName,
        Item: { pk: `BENCH#${n}`, sk: 'CASE', data: filler },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  };
  const timed = async (fn: () => Promise<void>) => {
    const t = performance.now();
    await fn();
    return performance.now() - t;
  };
  try {
    for (let i = 0; i < 20; i++) {
      await put();
      await submit();
    } // warm-up: connections, JIT, first-use caches
    const bare: number[] = [];
    const intake: number[] = [];
    for (let i = 0; i < requests; i++) {
      bare.push(await timed(put));
      intake.push(await timed(submit));
    }
    const b50 = pct(bare, 0.5);
    const i50 = pct(intake, 0.5);
    say(
      `sequential, ${requests} each: PutItem p50 ${b50.toFixed(1)} ms p90 ${pct(bare, 0.9).toFixed(1)} ms;` +
        ` intake p50 ${i50.toFixed(1)} ms p90 ${pct(intake, 0.9).toFixed(1)} ms; p50 ratio ${(i50 / b50).toFixed(2)}×`,
    );
    const rate = async (fn: () => Promise<void>) => {
      let next = 0;
      const t = performance.now();
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          while (next++ < requests) await fn();
        }),
      );
      return (requests / (performance.now() - t)) * 1000;
    };
    const putRate = await rate(put);
    const intakeRate = await rate(submit);
    say(
      `concurrency ${concurrency}, ${requests} each: PutItem ${putRate.toFixed(0)}/s; intake ${intakeRate.toFixed(0)}/s; ratio ${(putRate / intakeRate).toFixed(2)}×`,
    );
    // What the answers did not wait for: the receipts' Word files and the emails, queued for the local senders.
    const t = performance.now();
    const pending = await system.drainOutbox();
    say(
      `after the load: the outbox delivered its queue (documents and emails) in ${((performance.now() - t) / 1000).toFixed(1)} s${pending ? `, ${pending} still pending` : ''}`,
    );
  } finally {
    await system.stop();
    await logs.restore();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
