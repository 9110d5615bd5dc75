/**
 * Injected first into every page bundle (web/build.ts): zod must never probe whether it may compile parsers with
 * `new Function`, since the probe is a CSP violation the browser reports as a console error on every page (the
 * pages' policy has no 'unsafe-eval'). The schemas are `zod/mini`, whose objects have no compiled fast path (the
 * pages' bundles hold no `new Function`); the setting stays so that classic zod's JIT or `z.compile`, if ever
 * bundled, would not probe either. The interpreted path gives the same results and messages.
 */
import * as z from 'zod/mini';

z.config({ jitless: true });
