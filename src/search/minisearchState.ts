/**
 * minisearch's in-memory state, saved and restored as is with v8's serializer: no JSON
 * string (whose ~536M-character limit a 500k-paragraph index approaches), and no rebuild
 * of its term tree on load, which makes loading about three times faster than `loadJSON`.
 * The fields are minisearch's private ones, so a saved state is valid only for the
 * minisearch version that wrote it (`MINISEARCH_VERSION`, checked by the manifest).
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import MiniSearch, { type Options } from 'minisearch';

/** The installed minisearch version, which a saved state must match. */
export const MINISEARCH_VERSION = installedVersion('minisearch');

/** The version of an installed package (its `package.json` is not in its exports, so it is found beside its entry point). */
function installedVersion(name: string): string {
  let folder = path.dirname(createRequire(import.meta.url).resolve(name));
  while (!existsSync(path.join(folder, 'package.json')) || path.basename(folder) !== name) {
    const parent = path.dirname(folder);
    if (parent === folder) return 'unknown';
    folder = parent;
  }
  return (JSON.parse(readFileSync(path.join(folder, 'package.json'), 'utf8')) as { version: string }).version;
}

/** The private fields of a minisearch index that hold its data (the rest is options and vacuum bookkeeping). */
const STATE_FIELDS = ['_documentCount', '_nextId', '_documentIds', '_idToShortId', '_fieldIds', '_fieldLength', '_avgFieldLength', '_storedFields', '_dirtCount'] as const;

interface EngineInternals {
  _index: { _tree: unknown };
  [field: string]: unknown;
}

/** The index's data as one buffer. */
export function saveEngineState<T>(engine: MiniSearch<T>): Buffer {
  const internals = engine as unknown as EngineInternals;
  const state: Record<string, unknown> = { tree: internals._index._tree };
  for (const field of STATE_FIELDS) state[field] = internals[field];
  return serialize(state);
}

/**
 * An index restored from `saveEngineState` output, with the options it was built with.
 * @throws Error when the buffer does not hold a minisearch state.
 */
export function loadEngineState<T>(buffer: Buffer, options: Options<T>): MiniSearch<T> {
  const state = deserialize(buffer) as Record<string, unknown>;
  if (!(state.tree instanceof Map) || !(state._documentIds instanceof Map)) throw new Error('not a minisearch state');
  const engine = new MiniSearch<T>(options);
  const internals = engine as unknown as EngineInternals;
  const SearchableMap = internals._index.constructor as new (tree: unknown) => EngineInternals['_index'];
  internals._index = new SearchableMap(state.tree);
  for (const field of STATE_FIELDS) internals[field] = state[field];
  return engine;
}
