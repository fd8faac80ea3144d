import { spawn } from 'node:child_process';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openArchivist, type Archivist, type Logger } from '../src/index.js';

/** The repository's seeds folder. */
export const SEEDS = path.resolve(import.meta.dirname, '..', 'seeds');

/** The HTML fixtures: seed articles in three publishers' page chrome, a page with meta tags only, a Windows-1252 page (`expected.json` says what each holds). */
export const HTML_FIXTURES = path.resolve(import.meta.dirname, 'fixtures', 'html');

/** A logger that keeps warnings, for assertions. */
export function recordingLogger(): Logger & { warnings: string[] } {
  const warnings: string[] = [];
  return { warnings, error() {}, info() {}, debug() {}, warn: (message: string) => void warnings.push(message) };
}

/** A fresh temporary folder, removed by the returned cleanup. */
export async function temporaryFolder(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'archivist-test-'));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** An archivist over one web page written to a fresh folder as `fileName`, and a cleanup that closes it and removes the folder. */
export async function archivistOverPage(fileName: string, html: string): Promise<{ archivist: Archivist; cleanup: () => Promise<void> }> {
  const folder = await temporaryFolder();
  await writeFile(path.join(folder.dir, fileName), html);
  const archivist = await openArchivist({ corpus: folder.dir, indexDir: null });
  return {
    archivist,
    cleanup: async () => {
      await archivist.close();
      await folder.cleanup();
    },
  };
}

/** A temporary copy of the seeds (tests that change files never touch the real ones). */
export async function copyOfSeeds(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const folder = await temporaryFolder();
  await cp(SEEDS, path.join(folder.dir, 'corpus'), { recursive: true });
  return { dir: path.join(folder.dir, 'corpus'), cleanup: folder.cleanup };
}

/** The built `archivist` command. */
export const ARCHIVIST_BIN = path.resolve(import.meta.dirname, '..', 'dist', 'bin', 'archivist.js');

/** Runs the built command to its end without blocking this process (a page server in the test can answer it); resolves with its exit code and output. */
export function runArchivist(args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [ARCHIVIST_BIN, ...args], options);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
