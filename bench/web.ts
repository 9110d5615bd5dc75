/**
 * Benchmark (issue 17): the web pages' scripts and the form's first render, against baselines in the same run.
 *
 *   sizes: each page's scripts (its entry and the chunks it imports), raw and gzip (aim: the form ≤ 40 KB gzip),
 *   and with the chunks its code imports later (the checks, zod, loaded when the applicant starts on the form);
 *   first render: Chromium opens the form page and waits until the application form is in the DOM, against
 *   the same DOM saved as a static page without scripts (aim: ≤ 2×). Rounds are interleaved, each in a fresh
 *   browser context (no cache), and the figures are medians; `/v1/agencies` is answered by the benchmark.
 *
 *   npx tsx bench/web.ts [--rounds N]
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../test/e2e/browser';
import { buildWeb, WEB_ENTRY_POINTS } from '../web/build';

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '15' } } });
const rounds = Number(values.rounds);
const AGENCIES = [
  { agencyId: 'niedui-town', name: '聂堆镇人民政府' },
  { agencyId: 'xihua-county', name: '西华县人民政府办公室' },
];
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };

/**
 * The scripts a page loads: its entry and, transitively, the chunks it imports. With `lazy`, also the chunks
 * its code imports later (`import("./chunk.js")`: the form's checks, loaded when the applicant starts).
 */
function scriptsOf(dir: string, entry: string, lazy = false): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const code = readFileSync(path.join(dir, file), 'utf8');
    for (const m of code.matchAll(/from\s*"\.\/([\w.-]+\.js)"|import\s*"\.\/([\w.-]+\.js)"/g))
      visit(m[1] ?? m[2] ?? '');
    if (lazy) for (const m of code.matchAll(/import\(\s*"\.\/([\w.-]+\.js)"\s*\)/g)) visit(m[1] ?? '');
  };
  visit(entry);
  return [...seen];
}

async function firstRenderMs(browser: Browser, url: string): Promise<number> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.route('**/v1/agencies', (route) =>
    route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(AGENCIES) }),
  );
  await page.goto(url, { waitUntil: 'commit' });
  await page.waitForSelector('#app form', { state: 'attached' });
  const ms = await page.evaluate(() => performance.now());
  await context.close();
  return ms;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'gongkai-web-'));
  await buildWeb(dir);
  console.log('page     | scripts | KB    | gzip KB | with lazy chunks: scripts | KB    | gzip KB');
  const measure = (files: string[]) => {
    const bytes = files.map((f) => readFileSync(path.join(dir, f)));
    const raw = bytes.reduce((n, b) => n + b.length, 0);
    const gz = bytes.reduce((n, b) => n + gzipSync(b).length, 0);
    return `${String(files.length).padStart(7)} | ${(raw / 1024).toFixed(1).padStart(5)} | ${(gz / 1024).toFixed(1).padStart(7)}`;
  };
  for (const entry of WEB_ENTRY_POINTS) {
    const first = scriptsOf(dir, `${entry}.js`);
    const all = scriptsOf(dir, `${entry}.js`, true);
    console.log(`${entry.padEnd(8)} | ${measure(first)} |                   ${measure(all)}`);
  }
  const server = createServer((request, response) => {
    const name = (request.url ?? '/').split('?')[0]?.replace(/^\/$/, '/index.html').slice(1) ?? '';
    if (!readdirSync(dir).includes(name)) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': TYPES[path.extname(name)] ?? 'application/octet-stream' });
    response.end(readFileSync(path.join(dir, name)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const browser = await launchChromium();
  try {
    // The baseline: the form page's DOM as the script leaves it, saved without scripts.
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.route('**/v1/agencies', (route) =>
      route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(AGENCIES) }),
    );
    await page.goto(`${base}/index.html`);
    await page.waitForSelector('#app form');
    const html = await page.evaluate(() => {
      document.querySelectorAll('script').forEach((s) => s.remove());
      return `<!doctype html>\n${document.documentElement.outerHTML}`;
    });
    writeFileSync(path.join(dir, 'static-form.html'), html);
    await context.close();
    const dynamic: number[] = [];
    const still: number[] = [];
    for (let round = 0; round < rounds; round++) {
      still.push(await firstRenderMs(browser, `${base}/static-form.html`));
      dynamic.push(await firstRenderMs(browser, `${base}/index.html`));
    }
    const d = median(dynamic);
    const s = median(still);
    console.log(
      `first render of the form (median of ${rounds}): ${d.toFixed(1)} ms; static DOM ${s.toFixed(1)} ms; ratio ${(d / s).toFixed(2)}×`,
    );
  } finally {
    await browser.close();
    server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
