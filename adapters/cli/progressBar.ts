import cliProgress from 'cli-progress';
import type { IndexProgress } from '../../src/index.js';

/**
 * A progress callback for index builds: a bar on stderr when it is a terminal, nothing otherwise.
 * Call `stop` when the build is done.
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
      if (phase !== 'indexing' || total < 2) return;
      if (!started) bar.start(total, 0, { phase });
      started = true;
      bar.update(done, { phase });
    },
    stop: () => {
      if (started) bar.stop();
    },
  };
}
