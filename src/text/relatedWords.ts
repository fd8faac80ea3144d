import table from './relatedWords.json' with { type: 'json' };

const RELATED: Readonly<Record<string, readonly string[]>> = table;

/**
 * The search terms WordNet gives the same meaning as a term in its commonest senses
 * ("start" → `begin`, `commenc`); `npm run build:related` writes the table.
 */
export function relatedTerms(term: string): readonly string[] {
  return Object.hasOwn(RELATED, term) ? (RELATED[term] ?? []) : [];
}
