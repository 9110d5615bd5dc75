/**
 * Benchmark (issue 17): what each Lambda loads at a cold start, against a bare DynamoDB function bundled the
 * same way in the same run.
 *
 *   (a) baseline: `bench/bare-handler.ts`, a handler that creates a DynamoDB client and sends one GetItem;
 *   (b) each gongkai function (every `functions/<name>/handler.ts`).
 *
 * Both are bundled by `bundleFunction`, the function `ServiceFunction` bundles with (an ES module split into
 * chunks). Load time is measured in fresh Node processes (`await import()` of `index.mjs`, as Lambda's init does,
 * with the functions' `NODE_OPTIONS`), each load right after a load of the baseline, so that a pair shares the
 * machine's moment; the figures are medians, and the ratio is the median of the pairs' ratios (aim: load ≤ 1.5×).
 * Sizes: `init` is the entry and the chunks it imports statically (what init reads), `all` every chunk (what the
 * zip holds, source maps aside).
 *
 * The main figure is a load without tracing (outside Lambda, or with `gongkai:tracing=false`). The last columns
 * load the same bundles as a traced function would (`AWS_LAMBDA_FUNCTION_NAME` and `AWS_EXECUTION_ENV` set): the
 * entry then awaits the Tracer's chunk at init (`functions/shared/aws/tracer.ts`), the baseline's too.
 *
 *   npx tsx bench/bundle.ts [--rounds N]
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { bundleFunction, coldStartFiles } from '../lib/constructs/service-function';

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '15' } } });
const rounds = Number(values.rounds);
const root = path.join(__dirname, '..');
const out = mkdtempSync(path.join(tmpdir(), 'gongkai-bundle-'));

interface Bundle {
  name: string;
  index: string;
  /** Bytes of the entry and every chunk it imports statically (read at init). */
  initBytes: number;
  /** Bytes of every JavaScript file of the bundle. */
  allBytes: number;
  chunks: number;
}

/** Bundles `entry` (relative to the repository root) as deployed, and measures what a cold start reads of it. */
function bundle(name: string, entry: string): Bundle {
  const dir = path.join(out, name);
  const metafile = bundleFunction(entry, dir);
  const all = Object.entries(metafile.outputs).filter(([file]) => file.endsWith('.mjs'));
  const init = [...coldStartFiles(metafile).values()];
  return {
    name,
    index: path.join(dir, 'index.mjs'),
    initBytes: init.reduce((sum, output) => sum + output.bytes, 0),
    allBytes: all.reduce((sum, [, output]) => sum + output.bytes, 0),
    chunks: all.length,
  };
}

const ENVIRONMENT = {
  AWS_REGION: 'us-east-1',
  NODE_OPTIONS: '--enable-source-maps',
  TZ: 'UTC',
  CASE_TABLE_NAME: 'cases',
  REPORT_BUCKET_NAME: 'reports',
  CASE_FILES_BUCKET_NAME: 'case-files',
  SEARCH_HASH_KEY: 'bench-search-hash-key-0123456789abcdef',
  SENDER_EMAIL: 'gongkai@example.gov.cn',
  TIMELINE_STATE_MACHINE_ARN: 'arn:aws:states:us-east-1:123456789012:stateMachine:t',
};

/** Milliseconds to `await import()` a bundle in a fresh process (the process's own start is not counted). */
function loadMs(file: string, tracing: boolean): number {
  const script = `const t=process.hrtime.bigint();await import(${JSON.stringify(pathToFileURL(file).href)});process.stdout.write(String(Number(process.hrtime.bigint()-t)/1e6));`;
  const env: NodeJS.ProcessEnv = { ...process.env, ...ENVIRONMENT };
  delete env.AWS_LAMBDA_FUNCTION_NAME;
  delete env.AWS_EXECUTION_ENV;
  delete env.POWERTOOLS_TRACE_ENABLED;
  // What the Lambda runtime sets: the entry then awaits the Tracer's chunk, and Powertools' Tracer traces.
  if (tracing) Object.assign(env, { AWS_LAMBDA_FUNCTION_NAME: 'bench', AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x' });
  try {
    return Number(
      execFileSync(process.execPath, ['--input-type=module', '-e', script], { env, encoding: 'utf8', stdio: 'pipe' }),
    );
  } catch (error) {
    // The bundle's own source is minified on one line: name only the error, not the line it points at.
    const stderr = String((error as { stderr?: unknown }).stderr ?? '');
    const reason = stderr.split('\n').find((line) => /^\w*Error\b/.test(line)) ?? 'unknown error';
    throw new Error(`${path.relative(out, file)} failed to load: ${reason}`);
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
};

function main(): void {
  const bundles: Bundle[] = [bundle('bare DynamoDB', 'bench/bare-handler.ts')];
  for (const name of readdirSync(path.join(root, 'functions')).sort()) {
    const entry = path.join('functions', name, 'handler.ts');
    if (existsSync(path.join(root, entry))) bundles.push(bundle(name, entry));
  }
  // Each load of a function is paired with a load of the bare bundle just before it, and the ratio is taken per
  // pair: the machine's load drifts over a run, and a pair shares its moment (the median of the pairs' ratios).
  type Pairs = { fn: number[]; bare: number[] };
  const times = new Map<string, { plain: Pairs; traced: Pairs }>(
    bundles.map((b) => [b.name, { plain: { fn: [], bare: [] }, traced: { fn: [], bare: [] } }]),
  );
  const base = bundles[0];
  if (!base) throw new Error('no baseline');
  for (let round = 0; round < rounds; round++)
    for (const tracing of [false, true])
      for (const b of bundles) {
        const pairs = times.get(b.name)?.[tracing ? 'traced' : 'plain'];
        pairs?.bare.push(loadMs(base.index, tracing));
        pairs?.fn.push(loadMs(b.index, tracing));
      }
  const ratio = (pairs: Pairs | undefined) => median((pairs?.fn ?? []).map((fn, i) => fn / (pairs?.bare[i] ?? NaN)));
  console.log(
    `rounds: ${rounds} (fresh process per load; each load paired with a load of the bare bundle just before it: ` +
      "load ms is the median, × bare the median of the pairs' ratios)",
  );
  console.log('function            | init KB | all KB | files | load ms | load × bare | traced ms | traced × bare');
  for (const b of bundles) {
    const measured = times.get(b.name);
    const kb = (bytes: number, width: number) => (bytes / 1024).toFixed(0).padStart(width);
    console.log(
      [
        b.name.padEnd(19),
        kb(b.initBytes, 7),
        kb(b.allBytes, 6),
        String(b.chunks).padStart(5),
        median(measured?.plain.fn ?? [])
          .toFixed(1)
          .padStart(7),
        ratio(measured?.plain).toFixed(2).padStart(11),
        median(measured?.traced.fn ?? [])
          .toFixed(1)
          .padStart(9),
        ratio(measured?.traced).toFixed(2).padStart(13),
      ].join(' | '),
    );
  }
  rmSync(out, { recursive: true, force: true });
}

main();
