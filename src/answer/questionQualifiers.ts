/**
 * What a question says about which one it means: the nationalities, years and places that
 * qualify what it asks about ("the US delegation", "the 2009 round", "the New York
 * meeting"), the events it asks the date of, and the role it asks who holds.
 */
import { countryOf } from '../text/countries.js';
import { tagSentence } from '../text/entities.js';
import { countryFormAt, modifiedNoun, ROLE_KINDS, ROLE_VERBS, type RoleKind } from '../text/namedEntities.js';
import { tagTokens, type TaggedToken } from '../text/tagger.js';
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
/** Nouns of events that a place name before them locates ("the New York talks", "the Washington round"). */
const EVENT_NOUNS = new Set(['talk', 'talks', 'round', 'meeting', 'session', 'summit', 'conference', 'negotiation', 'negotiations', 'encounter']);
/** Verbs that only carry the question. */
const LIGHT_VERBS = new Set(['do', 'be', 'have', 'happen', 'take', 'get', 'make', 'say', 'tell', 'mention', 'know']);

/** Reads a question's qualifiers (the question as typed; lower case is fine). */
export function questionQualifiers(question: string, tokens: TaggedToken[] = tagTokens(question)): QuestionQualifiers {
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
    // "2009", or "the 2009" of "the 2009 round".
    const year = entity.type === 'date' ? /^(?:the\s+)?(\d{4})$/.exec(entity.text)?.[1] : undefined;
    if (year === undefined) return [];
    const before = question.slice(0, entity.start ?? 0).trim().split(/\s+/).at(-1)?.toLowerCase() ?? '';
    return CONDITIONS.has(before) ? [] : [year];
  });
  const places: QuestionQualifiers['places'] = [];
  for (const entity of tagged.entities) {
    const nextIndex = tokens.findIndex((token) => token.start >= (entity.end ?? Infinity));
    const next = tokens[nextIndex];
    const previous = tokens[(nextIndex < 0 ? tokens.length : nextIndex) - (entity.text.split(' ').length + 1)];
    // A name before an event noun says where it was held ("the New York talks"), even when the tagger reads a person.
    const wherePlace = entity.type === 'name' && next !== undefined && EVENT_NOUNS.has(next.lemma);
    if (entity.type !== 'place' && !wherePlace) continue;
    // A capital as the subject acts for its country ("what did Havana promise?", "Havana said"): it says who, not where.
    const actor = entity.country !== undefined && countryOf(entity.text)?.capital === true && (next?.pos === 'VERB' || next?.pos === 'AUX' || previous?.pos === 'AUX');
    if (actor && entity.country !== undefined) nations.push({ country: entity.country });
    else places.push({ text: entity.text, ...(entity.country ? { country: entity.country } : {}) });
  }
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
