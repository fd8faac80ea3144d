/**
 * Whether a sentence is about the one the question means: a nationality, year or place
 * the question names that the sentence contradicts with another of the same kind ("the
 * head of the Cuban delegation" for "who headed the US delegation?"), or simply omits
 * (in a report dated another year, when it writes no year: a report speaks of its own);
 * and, for a who-question, whether the sentence links a person to the asked role for the
 * asked country.
 */
import type { PlacedEntity, StoredSentence } from '../search/storedParagraph.js';
import type { RoleLink } from '../text/namedEntities.js';
import { samePlace, type QuestionQualifiers } from './questionQualifiers.js';

/** The qualifier features of a sentence, each in [0, 1]. */
export interface QualifierEvidence {
  qualifierConflict: number;
  qualifierMissing: number;
  roleMatch: number;
  articleYearConflict: number;
}

/** What a sentence's context tells: the entities of the sentence before it and the year of its article's date. */
export interface QualifierContext {
  previous: readonly PlacedEntity[];
  articleYear: string | undefined;
  /** An undated report of its own day: the year it is about is unknown, so an asked year counts neither missing nor contradicted by omission. */
  yearsUnknown?: boolean;
}

const NONE: QualifierEvidence = { qualifierConflict: 0, qualifierMissing: 0, roleMatch: 0, articleYearConflict: 0 };

/**
 * Measures a sentence against the question's qualifiers. A contradiction counts in full
 * when the sentence qualifies the same noun or the asked role otherwise ("Cuban
 * delegation" for "US delegation"), and by half when the sentence and the one before it
 * name only other countries, years or places of that kind; an omission counts in
 * `qualifierMissing` instead, and in `articleYearConflict` when an asked year is omitted
 * by a report dated another year.
 */
export function qualifierEvidence(sentence: StoredSentence, context: QualifierContext, qualifiers: QuestionQualifiers, asksWho: boolean): QualifierEvidence {
  const { nations, years, places } = qualifiers;
  if (nations.length === 0 && years.length === 0 && places.length === 0 && !asksWho) return NONE;
  const entities = sentence.entities;
  const roles = sentence.roles ?? [];
  let conflict = 0;
  let asked = 0;
  let missing = 0;
  // The roles contradict only when every role link names its country and none is an asked one (a link without a country may be it;
  // "who was US secretary of state when Cuba accepted?" asks of both countries).
  const askedCountries = new Set(nations.map((nation) => nation.country));
  const askedRoles = roles.filter((link) => qualifiers.role === undefined || link.role === qualifiers.role);
  const rolesContradict = askedRoles.length > 0 && roles.every((link) => link.country !== undefined && !askedCountries.has(link.country));
  for (const nation of nations) {
    asked++;
    const named = (list: readonly PlacedEntity[]) => list.filter((entity) => entity.country !== undefined && (entity.type === 'nation' || entity.type === 'org' || entity.type === 'place'));
    const here = named(entities);
    const around = [...here, ...named(context.previous)];
    const countries = new Set([...around.map((entity) => entity.country), ...roles.map((link) => link.country)].filter(Boolean));
    if (!countries.has(nation.country)) missing++;
    const attached = nation.of === undefined ? [] : here.filter((entity) => entity.of === nation.of);
    if ((attached.length > 0 && attached.every((entity) => entity.country !== nation.country)) || rolesContradict) conflict = 1;
    else if (countries.size > 0 && !countries.has(nation.country)) conflict = Math.max(conflict, 0.5);
  }
  let articleYearConflict = 0;
  for (const year of years) {
    asked++;
    const yearsOf = (list: readonly PlacedEntity[]) => list.filter((entity) => entity.type === 'date').flatMap((entity) => entity.text.match(/\b\d{4}\b/g) ?? []);
    const here = yearsOf(entities);
    const written = [...here, ...yearsOf(context.previous)];
    const around = new Set([...written, ...(context.articleYear ? [context.articleYear] : [])]);
    if (!around.has(year) && context.yearsUnknown !== true) missing++;
    if (here.length > 0 && !here.includes(year) && !around.has(year)) conflict = 1;
    // Writing no year, a report speaks of its own year: another one than the asked.
    if (written.length === 0 && context.articleYear !== undefined && context.articleYear !== year) articleYearConflict = 1;
  }
  for (const place of places) {
    asked++;
    const placesOf = (list: readonly PlacedEntity[]) => list.filter((entity) => entity.type === 'place');
    const here = placesOf(entities);
    const around = [...here, ...placesOf(context.previous)];
    if (!around.some((entity) => samePlace(entity, place))) {
      missing++;
      if (here.length > 0) conflict = 1;
    }
  }
  return { qualifierConflict: conflict, qualifierMissing: asked > 0 ? missing / asked : 0, roleMatch: asksWho ? roleMatch(roles, qualifiers) : 0, articleYearConflict };
}

/** How well a sentence's role links answer a who-question: the asked role, for the asked country. */
function roleMatch(roles: readonly RoleLink[], qualifiers: QuestionQualifiers): number {
  let best = 0;
  for (const link of roles) {
    const kind = qualifiers.role === undefined || link.role === qualifiers.role ? 1 : link.role === 'office' ? 0.5 : 0.3;
    const countries = qualifiers.nations.map((nation) => nation.country);
    const country = countries.length === 0 ? 1 : link.country === undefined ? 0.6 : countries.includes(link.country) ? 1 : 0;
    best = Math.max(best, kind * country);
  }
  return best;
}
