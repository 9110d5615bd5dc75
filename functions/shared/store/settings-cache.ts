/**
 * Read-through caches for settings that change rarely and are read on every public request (issue 17: the
 * request path does only what the applicant needs): an agency's settings and the holiday notices in force.
 *
 * - An entry lives `SETTINGS_CACHE_SECONDS` (default 5 s) of real time, so a change made by an administrator
 *   reaches every Lambda container within seconds (design.md §9: a stored calendar year is used "within seconds").
 * - A write through this process's repositories (`agency-repository.ts`, `calendar-repository.ts`) forgets every
 *   cached entry at once, so in one process (the local system, a test) a change is read back immediately.
 */

/** Real time, not the system clock: a virtual clock that jumps a year must not keep or expire settings. */
const realNow = (): number => Date.now();

export function settingsCacheMs(): number {
  const seconds = Number(process.env.SETTINGS_CACHE_SECONDS);
  return (Number.isFinite(seconds) && seconds >= 0 ? seconds : 5) * 1000;
}

let generation = 0;

/** Forgets every cached setting of this process (called by the repositories' writes). */
export function forgetCachedSettings(): void {
  generation += 1;
}

/**
 * `load` memoised per key for `settingsCacheMs()`; a failed load is not kept. Concurrent misses share one load.
 */
export function cachedByKey<V>(load: (key: string) => Promise<V>): (key: string) => Promise<V> {
  const entries = new Map<string, { value: Promise<V>; until: number; generation: number }>();
  return (key) => {
    const now = realNow();
    const hit = entries.get(key);
    if (hit && hit.until > now && hit.generation === generation) return hit.value;
    const value = load(key);
    const entry = { value, until: now + settingsCacheMs(), generation };
    entries.set(key, entry);
    value.catch(() => {
      if (entries.get(key) === entry) entries.delete(key);
    });
    return value;
  };
}
