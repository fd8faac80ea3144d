import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * A worker's script: the compiled sibling of this module named `name`. Under a TypeScript
 * test runner this module runs from `src/`, and the worker (plain Node) runs the compiled
 * twin in `dist/`.
 */
export function workerScript(name: string): string {
  const here = fileURLToPath(import.meta.url);
  const sibling = path.join(path.dirname(here), name);
  if (existsSync(sibling)) return sibling;
  const root = path.resolve(path.dirname(here), '..', '..');
  return path.join(root, 'dist', path.relative(root, path.dirname(here)), name);
}
