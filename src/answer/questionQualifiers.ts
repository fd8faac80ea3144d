/**
 * What a question says about which one it means: the nationalities, years and places that
 * qualify what it asks about ("the US delegation", "the 2009 round", "the New York
 * meeting"), the events it asks the date of, and the role it asks who holds.
 */
import { countryOf } from '../text/countries.js';
import { tagSentence } from '../text/entities.js';
import { countryFormAt, modifiedNoun, ROLE_KINDS, ROLE_VERBS, type RoleKind } from '../text/namedEntities.js';
import { tagTokens } from '../text/tagger.js';
import { stem } from '../text/tokens.js';

/** The question's qualifiers, events and asked role. */
export interface QuestionQualifiers {
  /** Nationalities and countries named as actors ("US", "Cuban", "for Cuba"), each with the noun it qualifies when it qualifies one. */
  nations: Array<{ country: string; of?: string }>;
  /** Years that say which one is meant ("the 2009 round"), not conditions ("before 2009"). */
  years: string[];
  /** Places that say which one is meant ("in New York", "the Washington round"). */
  places: Array<{ text: string; country?: string }>;
  /** Stems of the question's verbs (the events a when-question asks the date of). */
  events: string[];
  /** The role a who-question asks about: who led something, or who spoke for it. */
  role?: RoleKind;
}

/** Words before a year that make it a condition rather than a qualifier. */
const CONDITIONS = new Set(['before', 'after', 'since', 'until', 'till', 'by', 'between', 'prior', 'than']);
/** Verbs that only carry the question. */
const LIGHT_VERBS = new Set(['do', 'be', 'have', 'happen', 'take', 'get', 'make', 'say', 'tell', 'mention', 'know']);

/** Reads a question's qualifiers (the question as typed; lower case is fine). */
export function questionQualifiers(question: string): QuestionQualifiers {
  const tokens = tagTokens(question);
  const nations: QuestionQualifiers['nations'] = [];
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index];
    if (!token || ['VERB', 'PRON', 'ADP', 'DET', 'AUX'].includes(token.pos)) continue;
    const form = countryFormAt(tokens, index, tokens.length - 1);
    if (!form) continue;
    // A capital in a question says where, not who ("the Washington round").
    if (!form.capital) nations.push({ country: form.code, ...modifiedNoun(tokens, form.end) });
    index = form.end;
  }
  const tagged = tagSentence(question, new Set(), tokens);
  const years = tagged.entities.flatMap((entity) => {
    if (entity.type !== 'date' || !/^\d{4}$/.test(entity.text)) return [];
    const before = question.slice(0, entity.start ?? 0).trim().split(/\s+/).at(-1)?.toLowerCase() ?? '';
    return CONDITIONS.has(before) ? [] : [entity.text];
  });
  const places = tagged.entities.flatMap((entity) => (entity.type === 'place' ? [{ text: entity.text, ...(entity.country ? { country: entity.country } : {}) }] : []));
  const events = [...new Set(tokens.filter((token) => token.pos === 'VERB' && !LIGHT_VERBS.has(token.lemma)).map((token) => stem(token.lemma)))];
  let role: RoleKind | undefined;
  for (const token of tokens) {
    const kind = ROLE_VERBS.get(token.lemma) ?? (ROLE_KINDS.get(token.lower) === 'office' ? undefined : ROLE_KINDS.get(token.lower)) ?? (token.lemma === 'speak' ? 'speak' : undefined);
    if (kind) role = kind;
  }
  return { nations: dedupe(nations), years: [...new Set(years)], places, events, ...(role ? { role } : {}) };
}

function dedupe(nations: QuestionQualifiers['nations']): QuestionQualifiers['nations'] {
  const seen = new Set<string>();
  return nations.filter((nation) => {
    const key = `${nation.country} ${nation.of ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Whether two places can be the same: the same name, or a place of a country and that country. */
export function samePlace(a: { text: string; country?: string }, b: { text: string; country?: string }): boolean {
  if (a.text === b.text) return true;
  const aIsCountry = countryOf(a.text)?.capital === false;
  const bIsCountry = countryOf(b.text)?.capital === false;
  return (aIsCountry || bIsCountry) && a.country !== undefined && a.country === b.country;
}
