import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/** Every TypeScript file under `dir`, as paths relative to the checkout. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .map((file) => path.join(dir, file));
}

/** The relative modules a file imports or re-exports, resolved to their `.ts` paths. */
function localImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/(?:import|export)[^'"]*?from\s+['"](\.{1,2}\/[^'"]+)['"]/g)].map((match) => match[1] ?? '');
  return specifiers.map((specifier) => path.normalize(path.join(path.dirname(file), specifier.replace(/\.js$/, '.ts'))));
}

/** The strongly connected groups of more than one module (Tarjan), each sorted. */
function importCircles(graph: Map<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const circles: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, index.size);
    low.set(node, index.get(node)!);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!graph.has(next)) continue;
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node)!, index.get(next)!));
    }
    if (low.get(node) !== index.get(node)) return;
    const group: string[] = [];
    for (let member = stack.pop()!; ; member = stack.pop()!) {
      onStack.delete(member);
      group.push(member);
      if (member === node) break;
    }
    if (group.length > 1) circles.push(group.sort());
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return circles;
}

describe('the layers of the house', () => {
  const core = sourceFiles('src');

  it('GIVEN the core THEN no module imports itself back through others (no import circle)', () => {
    const graph = new Map(core.map((file) => [path.normalize(file), localImports(file)]));
    expect(importCircles(graph)).toEqual([]);
  });

  it('GIVEN the core THEN it never imports an adapter or a chat platform', () => {
    const offenders = core.filter((file) => /from\s+['"](?:@slack\/|discord\.js|(?:\.\.\/)+adapters)/.test(readFileSync(file, 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('GIVEN the adapters THEN each reaches the core through src/index.ts only, and a chat adapter never reaches another face', () => {
    /** The face an adapter file belongs to; the CLI and the REPL are one terminal face and share its formatting. */
    const faceOf = (file: string): string | undefined => {
      const folder = file.split(path.sep)[1];
      return folder === 'repl' || folder === 'cli' ? 'terminal' : folder;
    };
    const offenders = sourceFiles('adapters').flatMap((file) => {
      return localImports(file)
        .filter((target) => (target.startsWith(`src${path.sep}`) && target !== path.join('src', 'index.ts')) || (target.startsWith(`adapters${path.sep}`) && faceOf(target) !== faceOf(file)))
        .map((target) => `${file} → ${target}`);
    });
    expect(offenders).toEqual([]);
  });
});
