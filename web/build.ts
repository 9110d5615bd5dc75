/**
 * Builds the static web front (form, status page, staff console) into `web/dist/`: bundles each page's
 * TypeScript entry with esbuild (zod and the intake schemas included, so the browser gives the server's
 * own messages; no CDN at run time) and copies the HTML and CSS beside it.
 *
 * Used by `gongkai start`, by the browser tests, and as a script: `npx tsx web/build.ts [outDir]`.
 */
import { build } from 'esbuild';
import { copyFile, mkdir, readdir, rm } from 'node:fs/promises';
import * as path from 'node:path';

/** One script per page, named after the page that loads it (`<script type="module" src="form.js">`). */
export const WEB_ENTRY_POINTS = ['form', 'status', 'console', 'reports'] as const;

const WEB_DIR = __dirname;

/** Bundles the page scripts and copies the static files of `web/` into `outDir` (emptied first). */
export async function buildWeb(outDir = path.join(__dirname, 'dist')): Promise<void> {
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  await build({
    entryPoints: Object.fromEntries(WEB_ENTRY_POINTS.map((name) => [name, path.join(WEB_DIR, 'src', `${name}.ts`)])),
    outdir: outDir,
    bundle: true,
    // An ES module per page (`<script type="module">`: deferred, nothing leaks into the global scope); what
    // the pages share (the field rules, the DOM helpers; zod for the console) goes into chunks the browser caches.
    format: 'esm',
    splitting: true,
    chunkNames: 'chunk-[hash]',
    // zod (the server's checks) is not in the form's or status page's first script: they import `src/checks.ts`
    // when first submitted, which like the console first imports `zod-jitless.ts` (no `eval` probe under the CSP).
    platform: 'browser',
    target: 'es2020',
    minify: true,
    sourcemap: 'linked',
    legalComments: 'none',
    logLevel: 'warning',
  });
  const statics = (await readdir(WEB_DIR)).filter((name) => /\.(html|css|svg|ico)$/.test(name));
  await Promise.all(statics.map((name) => copyFile(path.join(WEB_DIR, name), path.join(outDir, name))));
}

if (require.main === module) {
  const outDir = process.argv[2] ? path.resolve(process.argv[2]) : undefined;
  buildWeb(outDir).then(
    () => console.log(`web built into ${outDir ?? path.join(__dirname, 'dist')}`),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
