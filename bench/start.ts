/**
 * Benchmark (issue 17): `gongkai start` (what `npm start` runs) on a data folder with 5,000 open cases, against
 * the same start on a data folder with none, in one run.
 *
 * Both folders are made first (each started once, so both measured starts are restarts); the 5,000 cases are
 * written straight into the local DynamoDB (the items the case repository writes). Each round starts a fresh
 * `gongkai start` process on each folder, interleaved, and times it from spawn to the moment it prints its URL
 * ("started"); then stops it with Ctrl-C (SIGINT) and waits for it to exit. The reconcile that gives those cases
 * their timelines runs in the background after "started". Figures: medians and the ratio (aim ≤ 1.5×).
 *
 *   npx tsx bench/start.ts [--cases N] [--rounds N]
 */
import '../local/esm-interop';
import { spawn } from 'node:child_process';
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

const ROOT = path.join(__dirname, '..');
const TODAY: LocalDate = '2024-12-31';

/** Makes a data folder, with `cases` open cases of the bench agency written into its DynamoDB. */
async function prepare(cases: number): Promise<string> {
  const dataDir = mkdtempSync(path.join(tmpdir(), `gongkai-bench-start-${cases}-`));
  const system = await startLocalSystem({ dataDir, port: 0, background: false });
  try {
    const client = system.clients.document;
    await makeAgencyRepository(client, system.tableName).createIfAbsent(AGENCY);
    const build = itemBuilder(system.tableName, TODAY);
    const random = prng(17);
    const items: Record<string, unknown>[] = [];
    for (let i = 1; i <= cases; i++) items.push(await build(makeCase(i, random, TODAY, 1)));
    await batchWrite(client, system.tableName, items, 8);
  } finally {
    await system.stop();
  }
  return dataDir;
}

/** Milliseconds from spawning `gongkai start` on `dataDir` to its printed URL; the process is then stopped. */
function timedStart(dataDir: string): Promise<number> {
  const t = performance.now();
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'local/cli.ts', 'start', '--port', '0', '--data', dataDir],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  return new Promise((resolve, reject) => {
    let output = '';
    let ms = NaN;
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (Number.isNaN(ms) && /http:\/\/127\.0\.0\.1:\d+\//.test(output)) {
        ms = performance.now() - t;
        child.kill('SIGINT');
      }
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('exit', (code) => {
      if (Number.isNaN(ms))
        reject(new Error(`gongkai start exited (${code}) before it started:\n${output.slice(-2000)}`));
      else resolve(ms);
    });
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { cases: { type: 'string', default: '5000' }, rounds: { type: 'string', default: '3' } },
  });
  const cases = Number(values.cases);
  const rounds = Number(values.rounds);
  const empty = await prepare(0);
  const full = await prepare(cases);
  try {
    const none: number[] = [];
    const some: number[] = [];
    for (let round = 0; round < rounds; round++) {
      none.push(await timedStart(empty));
      some.push(await timedStart(full));
    }
    const a = median(none);
    const b = median(some);
    const list = (xs: number[]) => xs.map((x) => (x / 1000).toFixed(1)).join(', ');
    console.log(`start with no cases:    median ${(a / 1000).toFixed(1)} s (${list(none)})`);
    console.log(
      `start with ${cases} open: median ${(b / 1000).toFixed(1)} s (${list(some)}); ratio ${(b / a).toFixed(2)}×`,
    );
  } finally {
    rmSync(empty, { recursive: true, force: true });
    rmSync(full, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
