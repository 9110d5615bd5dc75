import Module from 'node:module';
import * as path from 'node:path';

/**
 * `@middy/*` is ESM-only (its `exports` has only an `import` condition), while the project's TypeScript runs
 * as CommonJS under tsx. Node 22 can `require` an ES module, so resolving `@middy/<pkg>` to its entry file is
 * all that is needed — the same mapping the Jest config makes (toolchain notes). Lambda bundles with esbuild
 * and needs none of this.
 */
const middy = /^@middy\/([^/]+)$/;
const root = path.resolve(__dirname, '..');
type Resolve = (request: string, ...rest: unknown[]) => string;
const moduleWithResolve = Module as unknown as { _resolveFilename: Resolve };
const original = moduleWithResolve._resolveFilename;
moduleWithResolve._resolveFilename = function resolveMiddy(this: unknown, request: string, ...rest: unknown[]): string {
  const match = middy.exec(request);
  if (match) return path.join(root, 'node_modules', '@middy', match[1] as string, 'index.js');
  return original.call(this, request, ...rest);
};
