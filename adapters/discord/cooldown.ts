/**
 * A per-user cooldown: one `/ask` per person every few seconds, so nobody floods a channel.
 */

/** Remembers when each user last used a rate-limited command. */
export class Cooldown {
  readonly #milliseconds: number;
  readonly #now: () => number;
  readonly #lastUse = new Map<string, number>();

  /**
   * @param seconds - Seconds between two uses by one person; `0` turns the cooldown off.
   * @param now - The clock, in milliseconds (injectable for tests).
   */
  constructor(seconds: number, now: () => number = Date.now) {
    this.#milliseconds = seconds * 1000;
    this.#now = now;
  }

  /**
   * Records a use by `userId` unless that person is still cooling down.
   *
   * @returns `0` when the use is allowed (and recorded), otherwise the whole seconds left to wait.
   */
  take(userId: string): number {
    if (this.#milliseconds <= 0) return 0;
    const now = this.#now();
    const last = this.#lastUse.get(userId);
    if (last !== undefined && now - last < this.#milliseconds) {
      return Math.max(1, Math.ceil((last + this.#milliseconds - now) / 1000));
    }
    this.#forgetExpired(now);
    this.#lastUse.set(userId, now);
    return 0;
  }

  /** Drops users whose cooldown is over, so the map stays as small as the active crowd. */
  #forgetExpired(now: number): void {
    for (const [userId, last] of this.#lastUse) {
      if (now - last >= this.#milliseconds) this.#lastUse.delete(userId);
    }
  }
}
