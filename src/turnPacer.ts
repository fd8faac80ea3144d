/**
 * Lets work start at most once per event-loop turn. A burst of questions (200 arriving
 * at once) then runs one question per turn, with timers and I/O served in between,
 * instead of as one long synchronous stretch that would stall a chat connection.
 * Work that awaits real I/O (a remote search backend) still overlaps: only starts are paced.
 */
export function createTurnPacer(): () => Promise<void> {
  const waiting: Array<() => void> = [];
  let scheduled = false;
  const startNext = () => {
    waiting.shift()?.();
    // Microtasks of the job just started run before the next immediate: the next job waits for a later turn.
    if (waiting.length > 0) setImmediate(startNext);
    else scheduled = false;
  };
  return () =>
    new Promise<void>((resolve) => {
      waiting.push(resolve);
      if (!scheduled) {
        scheduled = true;
        setImmediate(startNext);
      }
    });
}
