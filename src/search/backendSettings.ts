import type { SphinxSettings } from './sphinx/clusterClient.js';

/** Which search backend ranks paragraphs: the embedded index in process (the default; it ranks exactly as minisearch), or a Sphinx/Manticore cluster. */
export type BackendSettings = { kind: 'embedded' } | ({ kind: 'sphinx' } & SphinxSettings);
