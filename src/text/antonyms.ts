import table from './antonyms.json' with { type: 'json' };

const ANTONYMS: Readonly<Record<string, readonly string[]>> = table;

/** A question term that has antonyms: the term's forms and its antonyms' forms (comparatives and superlatives included). */
export interface Opposition {
  forms: readonly string[];
  opposites: readonly string[];
}

/** The search terms that mean the opposite of a term, from WordNet ("increas" → ["decreas"]); `npm run build:antonyms` writes the table. */
function antonymsOf(term: string): readonly string[] {
  return Object.hasOwn(ANTONYMS, term) ? (ANTONYMS[term] ?? []) : [];
}

/**
 * The oppositions of a question's terms, read once per question: each term with an
 * antonym, and the antonyms the question does not use itself. A comparative or
 * superlative counts as its base ("largest" opposes "small", "smaller", "smallest"),
 * which the Porter stemmer keeps apart.
 */
export function oppositionsOf(terms: readonly string[]): Opposition[] {
  const asked = new Set(terms.flatMap((term) => comparisonForms(comparisonBase(term))));
  return terms.flatMap((term) => {
    const base = comparisonBase(term);
    const opposites = antonymsOf(base).flatMap(comparisonForms).filter((opposite) => !asked.has(opposite));
    return opposites.length > 0 ? [{ forms: comparisonForms(base), opposites }] : [];
  });
}

/** 1 when `context` (a sentence's terms) lacks a question term and holds one of its opposites: "decreased" for "increase". */
export function saysOpposite(oppositions: readonly Opposition[], context: Pick<ReadonlySet<string>, 'has'>): number {
  for (const { forms, opposites } of oppositions) {
    if (!forms.some((form) => context.has(form)) && opposites.some((opposite) => context.has(opposite))) return 1;
  }
  return 0;
}

/** A term and its comparative and superlative terms: "larg" → "larger", "largest"; "earli" → "earlier", "earliest"; "big" → "bigger". */
function comparisonForms(term: string): string[] {
  const forms = [term, `${term}er`, `${term}est`];
  if (term.endsWith('e')) forms.push(`${term}r`, `${term}st`);
  if (/[^aeiou][aeiou][bdglmnpt]$/.test(term)) forms.push(`${term}${term.at(-1)}er`, `${term}${term.at(-1)}est`);
  return forms;
}

/** The base of a comparative or superlative term that has antonyms ("largest" → "larg", "bigger" → "big"); else the term itself. */
function comparisonBase(term: string): string {
  const match = /^(\w{2,}?)(?:est|er)$/.exec(term);
  if (!match?.[1]) return term;
  const stem = match[1];
  const candidates = [stem, `${stem}e`, stem.replace(/(\w)\1$/, '$1')];
  return candidates.find((candidate) => antonymsOf(candidate).length > 0) ?? term;
}
