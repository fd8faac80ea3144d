import { describe, expect, it } from 'vitest';
import { createDedupe } from '../../../adapters/slack/dedupe.js';
import { createRateLimiter } from '../../../adapters/slack/rateLimit.js';

describe('per-person rate limit', () => {
  it('GIVEN a limit of 2 a minute THEN the third question within the minute is refused, and allowed again a minute later', () => {
    let now = 0;
    const limiter = createRateLimiter({ limit: 2, now: () => now });
    expect([limiter.take('U1'), limiter.take('U1'), limiter.take('U1'), limiter.take('U2')]).toEqual([true, true, false, true]);
    now = 60_001;
    expect(limiter.take('U1')).toBe(true);
  });

  it('GIVEN a limit of 0 THEN nobody is limited', () => {
    const limiter = createRateLimiter({ limit: 0 });
    expect(Array.from({ length: 100 }, () => limiter.take('U1')).every(Boolean)).toBe(true);
  });
});

describe('redelivery dedupe', () => {
  it('GIVEN the same event id twice THEN only the first counts, until it expires', () => {
    let now = 0;
    const dedupe = createDedupe({ ttlMs: 1000, now: () => now });
    expect([dedupe.firstTime('Ev1'), dedupe.firstTime('Ev1'), dedupe.firstTime('Ev2')]).toEqual([true, false, true]);
    now = 1001;
    expect(dedupe.firstTime('Ev1')).toBe(true);
  });

  it('GIVEN more keys than the cap THEN the oldest are forgotten first', () => {
    const dedupe = createDedupe({ maxKeys: 2 });
    dedupe.firstTime('a');
    dedupe.firstTime('b');
    dedupe.firstTime('c');
    expect(dedupe.firstTime('c')).toBe(false);
    expect(dedupe.firstTime('a')).toBe(true);
  });
});
