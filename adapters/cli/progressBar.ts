import cliProgress from 'cli-progress';
import type { IndexProgress } from '../../src/index.js';

/** What the bar says in each phase of a build. */
const PHASE_LABELS: Partial<Record<IndexProgress['phase'], string>> = { reading: 'reading articles', indexing: 'indexing paragraphs' };

/**
 * A progress callback for index builds: a bar on stderr when it is a terminal, nothing
 * otherwise. It follows the files through reading (the page reader, most of the time for
 * web pages) and then indexing. Call `stop` when the build is done.
 */
export function terminalProgress(stream: NodeJS.WriteStream = process.stderr): { onProgress?: (progress: IndexProgress) => void; stop: () => void } {
  if (!stream.isTTY) return { stop: () => {} };
  const bar = new cliProgress.SingleBar(
    { stream, format: 'Indexing {bar} {value}/{total} files | {phase}', hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    onProgress: ({ phase, done, total }) => {
      const label = PHASE_LABELS[phase];
      // A phase already complete when first heard of (the files listed, a saved index loaded) has nothing to show.
      if (label === undefined || total < 2 || (!started && done >= total)) return;
      if (!started) bar.start(total, 0, { phase: label });
      started = true;
      bar.setTotal(total);
      bar.update(done, { phase: label });
      // Reading is heard of once per batch of pages, seconds apart: each one is drawn at once rather than at the bar's next tick, which may come after the phase is over.
      if (phase === 'reading') bar.render();
    },
    stop: () => {
      if (started) bar.stop();
    },
  };
}
