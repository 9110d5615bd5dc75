/**
 * Benchmark (issue 17): the staff work list as an agency grows, in one run against its own small size.
 *
 * Seeds open cases into the local DynamoDB (the items the case repository writes) in steps of 1,000 → 5,000 →
 * 20,000, and at each size times `GET /v1/cases?agencyId=…` (the first page, 50 rows, soonest deadline first)
 * through the local HTTP front: p50 of the sequential requests, and the ratio of each size's p50 to the
 * 1,000-case p50 (aim: 20k ≤ 1.5×). The answer's size is printed too (a page, never the whole list).
 *
 *   npx tsx bench/worklist.ts [--requests N] [--sizes 1000,5000,20000]
 */
import '../local/esm-interop';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import type { LocalDate } from '../functions/shared/domain/model';
import { makeAgencyRepository } from '../functions/shared/store/agency-repository';
import { startLocalSystem } from '../local/runtime';
import { prng } from './prng';
import { AGENCY, batchWrite, itemBuilder, makeCase } from './seed';

const TODAY: LocalDate = '2024-12-31';
const TOKEN = 'bench-admin-token';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { requests: { type: 'string', default: '40' }, sizes: { type: 'string', default: '1000,5000,20000' } },
  });
  const requests = Number(values.requests);
  const sizes = (values.sizes ?? '').split(',').map(Number);
  const dataDir = mkdtempSync(path.join(tmpdir(), 'gongkai-bench-worklist-'));
  const system = await startLocalSystem({ dataDir, port: 0, staffToken: TOKEN, background: false });
  const base = (system.urls.web ?? '').replace(/\/$/, '');
  const client = system.clients.document;
  const random = prng(17);
  const build = itemBuilder(system.tableName, TODAY);
  const list = async () => {
    const response = await fetch(`${base}/v1/cases?agencyId=${AGENCY.agencyId}`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    const text = await response.text();
    if (response.status !== 200) throw new Error(`work list answered ${response.status}: ${text.slice(0, 200)}`);
    return text.length;
  };
  try {
    await makeAgencyRepository(client, system.tableName).createIfAbsent(AGENCY);
    let seeded = 0;
    let baseline = NaN;
    for (const size of sizes) {
      const items: Record<string, unknown>[] = [];
      for (let i = seeded + 1; i <= size; i++) items.push(await build(makeCase(i, random, TODAY, 1)));
      await batchWrite(client, system.tableName, items, 8);
      seeded = size;
      for (let i = 0; i < 5; i++) await list(); // warm-up
      const times: number[] = [];
      let bytes = 0;
      for (let i = 0; i < requests; i++) {
        const t = performance.now();
        bytes = await list();
        times.push(performance.now() - t);
      }
      const p50 = [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)] ?? NaN;
      if (Number.isNaN(baseline)) baseline = p50;
      console.log(
        `${String(size).padStart(6)} open cases: p50 ${p50.toFixed(1)} ms, ${(bytes / 1024).toFixed(0)} KB a page; × ${(p50 / baseline).toFixed(2)} the ${sizes[0]}-case p50`,
      );
    }
  } finally {
    await system.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
