/** A per-key sliding-window limit: at most `limit` takes in any `windowMs`. */
export interface RateLimiter {
  /** Records one take for `key`; false when the key is over its limit (the take is not recorded). */
  take(key: string): boolean;
}

/** Options of {@link createRateLimiter}. */
export interface RateLimiterOptions {
  /** Takes allowed per window; 0 means no limit. */
  limit: number;
  /** Window length in milliseconds. @default 60000 */
  windowMs?: number;
  /** Clock, replaceable in tests. @default Date.now */
  now?: () => number;
}

/**
 * Creates a sliding-window rate limiter kept in memory (one process; a restart forgets).
 */
export function createRateLimiter({ limit, windowMs = 60_000, now = Date.now }: RateLimiterOptions): RateLimiter {
  const takes = new Map<string, number[]>();
  return {
    take(key) {
      if (limit <= 0) return true;
      const at = now();
      const recent = (takes.get(key) ?? []).filter((time) => at - time < windowMs);
      if (recent.length >= limit) {
        takes.set(key, recent);
        return false;
      }
      recent.push(at);
      takes.set(key, recent);
      if (takes.size > 10_000) forgetIdle(takes, at, windowMs);
      return true;
    },
  };
}

function forgetIdle(takes: Map<string, number[]>, at: number, windowMs: number): void {
  for (const [key, times] of takes) {
    if (times.every((time) => at - time >= windowMs)) takes.delete(key);
  }
}
