/**
 * Benchmark (issue 17): what each Lambda loads at a cold start, against a bare DynamoDB function bundled the
 * same way in the same run.
 *
 *   (a) baseline: a handler that creates a DynamoDB client and sends one GetItem, nothing else;
 *   (b) each gongkai function (every `functions/<name>/handler.ts`).
 *
 * Both are bundled with the options every `ServiceFunction` uses (`LAMBDA_BUNDLING`). Load time is measured in
 * fresh Node processes (`require` of the bundle, as Lambda's init does), rounds interleaved so the machine's
 * noise falls on both alike; the figures are medians and ratios to the baseline (aim: load ≤ 1.5×).
 *
 *   npx tsx bench/bundle.ts [--rounds N]
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { buildSync } from 'esbuild';
import { LAMBDA_BUNDLING } from '../lib/constructs/service-function';

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '15' } } });
const rounds = Number(values.rounds);
const root = path.join(__dirname, '..');
const out = mkdtempSync(path.join(tmpdir(), 'gongkai-bundle-'));

const BARE = `import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
const client = new DynamoDBClient({});
export const handler = async () => client.send(new GetItemCommand({ TableName: 't', Key: { pk: { S: 'x' } } }));
`;

function bundle(name: string, entry: string): string {
  const outfile = path.join(out, `${name}.js`);
  buildSync({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: LAMBDA_BUNDLING.target,
    minify: LAMBDA_BUNDLING.minify,
    mainFields: LAMBDA_BUNDLING.mainFields,
    external: LAMBDA_BUNDLING.externalModules,
    nodePaths: [path.join(root, 'node_modules')],
    logLevel: 'error',
  });
  return outfile;
}

/** Milliseconds to `require` a bundle in a fresh process (the process's own start is not counted). */
function loadMs(file: string): number {
  const script = `const t=process.hrtime.bigint();require(${JSON.stringify(file)});process.stdout.write(String(Number(process.hrtime.bigint()-t)/1e6));`;
  const env = {
    ...process.env,
    AWS_REGION: 'us-east-1',
    CASE_TABLE_NAME: 'cases',
    REPORT_BUCKET_NAME: 'reports',
    CASE_FILES_BUCKET_NAME: 'case-files',
    SEARCH_HASH_KEY: 'bench-search-hash-key-0123456789abcdef',
    SENDER_EMAIL: 'gongkai@example.gov.cn',
    TIMELINE_STATE_MACHINE_ARN: 'arn:aws:states:us-east-1:123456789012:stateMachine:t',
  };
  try {
    return Number(execFileSync(process.execPath, ['-e', script], { env, encoding: 'utf8', stdio: 'pipe' }));
  } catch (error) {
    // The bundle's own source is minified on one line: name only the error, not the line it points at.
    const stderr = String((error as { stderr?: unknown }).stderr ?? '');
    const reason = stderr.split('\n').find((line) => /^\w*Error\b/.test(line)) ?? 'unknown error';
    throw new Error(`${path.basename(file)} failed to load: ${reason}`);
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
};

function main(): void {
  const bareEntry = path.join(out, 'bare-entry.ts');
  writeFileSync(bareEntry, BARE);
  const bundles: Array<{ name: string; file: string }> = [{ name: 'bare DynamoDB', file: bundle('bare', bareEntry) }];
  for (const name of readdirSync(path.join(root, 'functions')).sort()) {
    const entry = path.join(root, 'functions', name, 'handler.ts');
    if (existsSync(entry)) bundles.push({ name, file: bundle(name, entry) });
  }
  const times = new Map<string, number[]>(bundles.map((b) => [b.name, []]));
  for (let round = 0; round < rounds; round++) {
    for (const b of bundles) times.get(b.name)?.push(loadMs(b.file));
  }
  const base = bundles[0];
  if (!base) throw new Error('no baseline');
  const baseSize = statSync(base.file).size;
  const baseLoad = median(times.get(base.name) ?? []);
  console.log(`rounds: ${rounds} (median load time of each, fresh process per load)`);
  console.log('function            | size KB | gzip KB | size × bare | load ms | load × bare');
  for (const b of bundles) {
    const size = statSync(b.file).size;
    const gz = gzipSync(readFileSync(b.file)).length;
    const load = median(times.get(b.name) ?? []);
    console.log(
      `${b.name.padEnd(19)} | ${(size / 1024).toFixed(0).padStart(7)} | ${(gz / 1024).toFixed(0).padStart(7)} | ${(size / baseSize).toFixed(2).padStart(11)} | ${load.toFixed(1).padStart(7)} | ${(load / baseLoad).toFixed(2).padStart(11)}`,
    );
  }
  rmSync(out, { recursive: true, force: true });
}

main();
