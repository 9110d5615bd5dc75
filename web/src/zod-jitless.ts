/**
 * Injected first into every page bundle (web/build.ts): zod's fast path compiles parsers with `new Function`,
 * and merely probing whether it may do so is a CSP violation the browser reports as a console error on every
 * page (the pages' policy has no 'unsafe-eval'). The interpreted path gives the same results and messages.
 */
import * as z from 'zod/mini';

z.config({ jitless: true });
