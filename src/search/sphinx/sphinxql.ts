/**
 * SphinxQL text helpers. Sphinx speaks the MySQL protocol but not server-side prepared
 * statements, so every value is written into the statement: strings through
 * {@link quoteString}, search terms through {@link toEngineToken}, numbers checked.
 */

/** A SphinxQL string literal: single-quoted, with backslashes and quotes escaped. */
export function quoteString(value: string): string {
  return `'${value.replace(/[\\']/g, (character) => `\\${character}`)}'`;
}

/** A SphinxQL identifier (index name), checked rather than escaped. */
export function identifier(name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`Not a valid Sphinx index name: ${name}`);
  return name;
}

/** A list of positive integer ids for `IN (…)`. */
export function idList(ids: readonly number[]): string {
  for (const id of ids) {
    if (!Number.isSafeInteger(id) || id <= 0) throw new Error(`Not a valid paragraph id: ${String(id)}`);
  }
  return ids.join(',');
}

/**
 * The engine's form of one analysed search term. Terms of ASCII letters and digits pass
 * unchanged; any other term (accents, other scripts, "3.5") becomes `_` and the hex of
 * its UTF-8 bytes, which no analysed term can equal (terms never hold `_`). The engine
 * therefore sees only `[a-z0-9_]` words: its own tokenizer cannot split or fold them
 * differently from ours, and no MATCH operator can appear in a query.
 */
export function toEngineToken(term: string): string {
  return /^[a-z0-9]+$/.test(term) ? term : `_${Buffer.from(term, 'utf8').toString('hex')}`;
}

/** A MATCH expression that ORs the terms (each a plain engine token, so nothing needs escaping). */
export function anyOf(terms: readonly string[]): string {
  return [...new Set(terms.map(toEngineToken))].join(' | ');
}
