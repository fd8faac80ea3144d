import type { SphinxSettings } from './sphinx/sphinxBackend.js';

/** Which search backend ranks paragraphs: minisearch in process (the default), or a Sphinx/Manticore cluster. */
export type BackendSettings = { kind: 'minisearch' } | ({ kind: 'sphinx' } & SphinxSettings);
