/** Remembers keys for a while, so a redelivered Slack event is handled once. */
export interface Dedupe {
  /** True the first time `key` is seen within the time to live, false afterwards. */
  firstTime(key: string): boolean;
}

/** Options of {@link createDedupe}. */
export interface DedupeOptions {
  /** How long a key is remembered. Slack retries within about 5 minutes. @default 3600000 */
  ttlMs?: number;
  /** Most keys kept; the oldest are forgotten first. @default 10000 */
  maxKeys?: number;
  /** Clock, replaceable in tests. @default Date.now */
  now?: () => number;
}

/** Creates an in-memory dedupe set with a time to live and a size cap. */
export function createDedupe({ ttlMs = 3_600_000, maxKeys = 10_000, now = Date.now }: DedupeOptions = {}): Dedupe {
  const seen = new Map<string, number>();
  return {
    firstTime(key) {
      const at = now();
      const expires = seen.get(key);
      if (expires !== undefined && expires > at) return false;
      seen.delete(key);
      seen.set(key, at + ttlMs);
      for (const [oldKey, oldExpires] of seen) {
        if (seen.size <= maxKeys && oldExpires > at) break;
        seen.delete(oldKey);
      }
      return true;
    },
  };
}
