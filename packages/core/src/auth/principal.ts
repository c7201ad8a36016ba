/**
 * The principal cache: who a credential stands for (a person with the offices held today, or a
 * machine key), kept in the warm process for at most `PRINCIPAL_SECONDS`, so an authenticated
 * read costs the one DynamoDB request of what it reads.
 *
 * Staleness is bounded three ways:
 * - an entry lives at most `PRINCIPAL_SECONDS` on the request clock, and only for the local date
 *   it was loaded on (offices are "held today");
 * - every change to who holds what, to a person's sessions or to an API key made in this process
 *   calls `invalidate(tenant)`, which bumps the task force's in-process epoch and so drops its
 *   entries at once;
 * - a change made in another process (another Lambda instance) is therefore seen here within
 *   `PRINCIPAL_SECONDS` at most: the bound stated in SECURITY.md.
 *
 * This module reads nothing itself (the loaders are passed in), so `Directory` can invalidate it
 * without importing `Auth`.
 */

/** The longest a cached principal is used without reading it again (configured; ≤ 60 s). */
export const PRINCIPAL_SECONDS = 60;
/** Entries kept at most; the oldest go first (a Lambda serves few people at once). */
const MAX_ENTRIES = 5_000;

interface Entry {
  tenant: string;
  epoch: number;
  date: string;
  at: number;
  value: unknown;
}

const entries = new Map<string, Entry>();
const epochs = new Map<string, number>();
/** Bumped by every invalidation, whatever the task force: a load that saw one is not kept. */
let generation = 0;

/** Drops every cached principal of `tenant` in this process (call after changing one). */
export function invalidate(tenant: string): void {
  epochs.set(tenant, (epochs.get(tenant) ?? 0) + 1);
  generation++;
}

/** Drops one entry, so its next use reads it afresh (e.g. when a session is opened). */
export function drop(key: string): void {
  entries.delete(key);
}

/** Empties the cache (tests, or a process that wants to be sure). */
export function clear(): void {
  entries.clear();
}

/** How many entries are held (for tests and benchmarks). */
export function size(): number {
  return entries.size;
}

/**
 * The cached value for `key` if it is fresh for `now` and `date`; otherwise `load()` it and keep
 * it under `tenant` (as `load` reports it: a key's tenant is known only once it is read), unless
 * `load` says not to `keep` it (e.g. an unknown API key: guesses must not fill the cache).
 */
export async function cached<T>(
  key: string,
  now: Date,
  date: string,
  load: () => Promise<{ tenant: string; value: T; keep?: boolean }>,
): Promise<T> {
  const t = now.getTime();
  const hit = entries.get(key);
  if (
    hit &&
    hit.epoch === (epochs.get(hit.tenant) ?? 0) &&
    hit.date === date &&
    t >= hit.at &&
    t - hit.at < PRINCIPAL_SECONDS * 1000
  ) {
    return hit.value as T;
  }
  entries.delete(key);
  const before = generation;
  const { tenant, value, keep = true } = await load();
  // An invalidation while loading may have changed what was read: use it once, keep nothing.
  if (generation !== before || !keep) return value;
  entries.set(key, { tenant, epoch: epochs.get(tenant) ?? 0, date, at: t, value });
  if (entries.size > MAX_ENTRIES) {
    const oldest = entries.keys().next().value;
    if (oldest !== undefined) entries.delete(oldest);
  }
  return value;
}
