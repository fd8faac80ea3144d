/**
 * People, places, organisations and nationalities of a sentence, read from wink-nlp's
 * part-of-speech tags (runs of proper nouns) and the country table (names, demonyms and
 * capitals as one country), and the role phrases that link a person to what they lead or
 * speak for ("the head of the Cuban delegation, Deputy Foreign Minister Dagoberto
 * Rodriguez"; "Josefina Vidal, director of the USA desk at the Cuban Foreign Ministry").
 */
import { countryOf, LONGEST_COUNTRY_FORM, mayStartCountryForm } from './countries.js';

export type { RoleKind, RoleLink } from './entityTypes.js';
import type { Entity, RoleKind, RoleLink } from './entityTypes.js';
import { stem } from './tokens.js';
import type { TaggedToken } from './tagger.js';

/** Role words and what they say. */
export const ROLE_KINDS: ReadonlyMap<string, RoleKind> = new Map([
  ...['head', 'leader', 'chief', 'chair', 'chairman', 'chairwoman', 'chairperson', 'director', 'commander'].map((word) => [word, 'lead'] as const),
  ...['spokesman', 'spokeswoman', 'spokesperson', 'representative', 'envoy', 'delegate', 'negotiator'].map((word) => [word, 'speak'] as const),
  ...['minister', 'secretary', 'president', 'ambassador', 'official', 'diplomat', 'governor', 'senator', 'mayor', 'undersecretary', 'premier', 'chancellor'].map((word) => [word, 'office'] as const),
]);
/** Verbs whose passive ("headed by", "represented by") names who leads or speaks for the subject. */
export const ROLE_VERBS: ReadonlyMap<string, RoleKind> = new Map([
  ['head', 'lead'],
  ['lead', 'lead'],
  ['chair', 'lead'],
  ['direct', 'lead'],
  ['represent', 'speak'],
]);
/** Words that may stand before a name as its title, and are not the name. */
const TITLES = new Set([
  ...['mr', 'mrs', 'ms', 'dr', 'sir', 'lord', 'lady', 'father', 'rev', 'reverend', 'bishop', 'cardinal', 'rabbi', 'imam', 'sheikh', 'prof', 'professor', 'sen', 'rep', 'gov', 'gen', 'col', 'capt', 'judge', 'justice', 'king', 'queen', 'prince', 'pope'],
  ...['vice', 'prime', 'deputy', 'foreign', 'assistant', 'acting', 'former', 'then', 'state', 'of', 'general', 'interior', 'defence', 'defense', 'finance', 'trade', 'attorney', 'congressman', 'congresswoman'],
  ...ROLE_KINDS.keys(),
]);
/** Words that make a run of proper nouns an organisation. */
const ORGANISATION_WORDS = new Set([
  ...['ministry', 'department', 'foundation', 'section', 'office', 'administration', 'committee', 'agency', 'council', 'party', 'government', 'bank', 'university', 'court'],
  ...['congress', 'parliament', 'senate', 'organization', 'organisation', 'union', 'association', 'institute', 'company', 'corporation', 'inc', 'corp', 'times', 'post', 'news', 'herald', 'press', 'army', 'navy', 'police', 'network', 'church', 'school', 'college'],
]);
/** Words that make a run of proper nouns a place. */
const PLACE_WORDS = new Set(['straits', 'strait', 'hemisphere', 'sea', 'ocean', 'island', 'islands', 'bay', 'river', 'city', 'county', 'province', 'coast', 'gulf', 'america', 'valley', 'mountains', 'lake', 'cave', 'street', 'avenue', 'square', 'district', 'region', 'peninsula', 'canal', 'airport', 'port']);
/** Prepositions after which a proper noun is where something happens. */
const LOCATIVE = new Set(['in', 'at', 'to', 'from', 'near', 'across', 'outside', 'inside', 'through', 'toward', 'towards', 'into', 'via', 'around', 'throughout', 'within']);

/** The people, places, organisations and nationalities of a sentence, and its role links. */
export interface NamedEntities {
  entities: Entity[];
  roles: RoleLink[];
}

/** A run of proper nouns: its first and last token (inclusive). */
interface Run {
  first: number;
  last: number;
}

/**
 * Reads the named entities of a tagged sentence. `knownPeople` holds the people named
 * earlier in the same paragraph, so that a surname alone ("Harf") is read as the person.
 */
export function findNamedEntities(sentence: string, tokens: TaggedToken[], knownPeople: Set<string>): NamedEntities {
  const entities: Entity[] = [];
  const roles: RoleLink[] = [];
  const personAt: Array<{ run: Run; name: string; titles: TaggedToken[] }> = [];
  for (const run of properNounRuns(tokens)) {
    const words = tokens.slice(run.first, run.last + 1);
    const span = (from: number, to: number) => ({ start: tokens[from]?.start ?? 0, end: tokens[to]?.end ?? 0 });
    const text = (from: number, to: number) => sentence.slice(span(from, to).start, span(from, to).end).toLowerCase();
    const leading = countryFormAt(tokens, run.first, run.last);
    const countryInRun = leading && leading.end < run.last ? leading.code : undefined;
    if (words.some((word) => ORGANISATION_WORDS.has(word.lower)) || isAcronym(words)) {
      entities.push({ type: 'org', text: text(run.first, run.last), ...span(run.first, run.last), ...(countryInRun ? { country: countryInRun } : {}) });
      continue;
    }
    // A name before a lower-case organisation word names the organisation: "the Obama administration", "the Castro government".
    const after = tokens[run.last + 1];
    if (after && after.pos === 'NOUN' && after.text === after.lower && ORGANISATION_WORDS.has(after.lower) && !(leading && leading.end === run.last)) {
      entities.push({ type: 'org', text: text(run.first, run.last + 1), ...span(run.first, run.last + 1), ...(leading ? { country: leading.code } : {}) });
      continue;
    }
    // Titles and nationalities before a name: "US Secretary of State", "Cuban President", "Deputy Foreign Minister".
    let first = run.first;
    for (;;) {
      const prefix = countryFormAt(tokens, first, run.last);
      if (prefix && prefix.end < run.last) first = prefix.end + 1;
      else if (first < run.last && TITLES.has(tokens[first]?.lower.replace(/\.$/, '') ?? '')) first++;
      else break;
    }
    const titles = tokens.slice(run.first, first);
    pushNations(tokens, { first: run.first, last: first - 1 }, entities);
    const name = text(first, run.last);
    if (TITLES.has(name)) continue;
    const form = countryFormAt(tokens, first, run.last);
    const whole = form && form.end === run.last ? form : undefined;
    const before = tokens[run.first - 1]?.lower ?? '';
    // "in New York", "at the New York talks".
    const locative = LOCATIVE.has(before) || (before === 'the' && LOCATIVE.has(tokens[run.first - 2]?.lower ?? ''));
    if (whole && titles.length === 0) {
      if (locative || whole.capital) entities.push({ type: 'place', text: name, ...span(first, run.last), country: whole.code });
      if (!locative) entities.push({ type: 'nation', text: name, ...span(first, run.last), country: whole.code, ...modifiedNoun(tokens, run.last) });
      continue;
    }
    if (tokens.slice(first, run.last + 1).some((_, offset) => countryFormAt(tokens, first + offset, run.last))) {
      // A nationality inside a longer name that is no country ("Latin American"): neither a person nor a country.
      continue;
    }
    const isPlace = words.some((word) => PLACE_WORDS.has(word.lower));
    if (titles.length === 0 && (isPlace || locative)) {
      entities.push({ type: 'place', text: name, ...span(first, run.last), ...(countryInRun ? { country: countryInRun } : {}) });
      continue;
    }
    const single = first === run.last;
    if (single && titles.length === 0 && !knownPeople.has(name)) continue;
    entities.push({ type: 'name', text: name, ...span(first, run.last) });
    personAt.push({ run, name, titles });
    knownPeople.add(name);
    if (!single) knownPeople.add(name.split(' ').at(-1) ?? name);
  }
  for (const { run, name, titles } of personAt) {
    for (const link of roleLinksOf(tokens, run, titles, entities)) roles.push({ person: name, ...link });
  }
  return { entities, roles };
}

/** Runs of proper nouns, joined across hyphens and initials ("Diaz-Balart", "George W. Bush") and across "of" inside a name ("Organization of American States", "Secretary of State"). */
function properNounRuns(tokens: TaggedToken[]): Run[] {
  const runs: Run[] = [];
  let index = 0;
  // The tagger sometimes reads a capitalised word of a name as a verb or noun ("Acme Works", "Peyton Manning"): beside a proper noun it still counts.
  const capitalised = (at: number) => at > 0 && /^\p{Lu}/u.test(tokens[at]?.text ?? '') && ['NOUN', 'VERB', 'ADJ', 'X'].includes(tokens[at]?.pos ?? '') && !CALENDAR_WORDS.has(tokens[at]?.lower ?? '');
  while (index < tokens.length) {
    if (!isProperNoun(tokens[index]) && !(capitalised(index) && isProperNoun(tokens[index + 1]))) {
      index++;
      continue;
    }
    const first = index;
    let last = index;
    for (;;) {
      const next = tokens[last + 1];
      const after = tokens[last + 2];
      if (isProperNoun(next) || capitalised(last + 1)) last++;
      else if (next && isProperNoun(after) && (next.text === '-' || next.text === '.') && next.start === tokens[last]?.end) last += 2;
      else if (next?.lower === 'of' && isProperNoun(after) && (ORGANISATION_WORDS.has(tokens[last]?.lower ?? '') || TITLES.has(tokens[last]?.lower ?? ''))) last += 2;
      else break;
    }
    runs.push({ first, last });
    index = last + 1;
  }
  return runs;
}

/** Month and day names, which the tagger reads as proper nouns but which name no one and no place. */
const CALENDAR_WORDS = new Set(['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday']);

function isProperNoun(token: TaggedToken | undefined): boolean {
  if (token === undefined) return false;
  // "US" in capitals is the country, whatever the tagger reads ("us").
  if (token.text === 'US' || token.text === 'U.S.' || token.text === 'U.S.A.') return true;
  return token.pos === 'PROPN' && !CALENDAR_WORDS.has(token.lower.replace(/\.$/, ''));
}

/** An acronym of two to six capitals that names no country ("OAS", "CANF"). */
function isAcronym(words: TaggedToken[]): boolean {
  return words.length === 1 && /^[A-Z]{2,6}$/.test(words[0]?.text ?? '') && countryOf(words[0]?.lower ?? '') === undefined && (words[0]?.text ?? '') !== 'US';
}

/** The longest country form starting at `index` and ending by `last`: its code and its last token. */
export function countryFormAt(tokens: TaggedToken[], index: number, last: number): { code: string; capital: boolean; end: number } | undefined {
  const first = tokens[index];
  if (first === undefined || index > last || !mayStartCountryForm(countryWord(first))) return undefined;
  for (let end = Math.min(last, index + LONGEST_COUNTRY_FORM - 1); end >= index; end--) {
    const form = tokens.slice(index, end + 1).map(countryWord).join(' ');
    const found = countryOf(form);
    if (found) return { ...found, end };
  }
  return undefined;
}

/** A token as written in a country form ("US" and "U.S." as `usa`). */
function countryWord(token: TaggedToken): string {
  return token.text === 'US' || token.text === 'U.S.' ? 'usa' : token.lower;
}

/** The first country named between two tokens (inclusive). */
function countryWithin(tokens: TaggedToken[], first: number, last: number): string | undefined {
  for (let index = first; index <= last; index++) {
    const found = countryFormAt(tokens, index, last);
    if (found) return found.code;
  }
  return undefined;
}

/** Adds a `nation` entity for each country form in a run of tokens. */
function pushNations(tokens: TaggedToken[], run: Run, entities: Entity[]): void {
  for (let index = run.first; index <= run.last; index++) {
    const found = countryFormAt(tokens, index, run.last);
    if (!found) continue;
    const start = tokens[index]?.start ?? 0;
    const end = tokens[found.end]?.end ?? start;
    entities.push({ type: 'nation', text: tokens.slice(index, found.end + 1).map((token) => token.lower).join(' '), start, end, country: found.code, ...modifiedNoun(tokens, found.end) });
    index = found.end;
  }
}

/**
 * The noun a nationality or country qualifies, as a search term: "Cuban delegation" →
 * `deleg`, "US and Cuban representatives" → `repres`, "Cuba's Foreign Ministry" → `ministri`.
 */
export function modifiedNoun(tokens: TaggedToken[], last: number): { of?: string } {
  let index = last + 1;
  if (tokens[index]?.lower === '’s' || tokens[index]?.lower === "'s") index++;
  let head: TaggedToken | undefined;
  for (; index < tokens.length; index++) {
    const token = tokens[index];
    if (!token) break;
    const nationality = isProperNoun(token) && countryFormAt(tokens, index, index) !== undefined;
    if (token.pos === 'NOUN' || (isProperNoun(token) && !nationality)) head = token;
    else if (token.pos === 'ADJ' || token.text === '-' || (nationality && head === undefined)) continue;
    else if (token.pos === 'CCONJ' && head === undefined) continue;
    else break;
  }
  return head ? { of: stem(head.lower) } : {};
}

/**
 * The roles a person's name is linked to: by its titles ("Deputy Foreign Minister"), the
 * words before it ("state department spokesman"), an apposition before or after it ("the
 * head of the Cuban delegation, …"; "…, director of … at the Cuban Foreign Ministry"),
 * or a passive role verb ("represented at the talks by …").
 */
function roleLinksOf(tokens: TaggedToken[], run: Run, titles: TaggedToken[], entities: Entity[]): Array<Omit<RoleLink, 'person'>> {
  const links: Array<Omit<RoleLink, 'person'>> = [];
  const add = (phrase: TaggedToken[], from: number, to: number) => {
    const role = roleIn(phrase);
    if (role) links.push({ role, ...roleCountry(entities, tokens, from, to) });
  };
  // Titles and the plain words just before the name: "US Secretary of State", "state department spokesman".
  let from = run.first;
  while (from > 0 && ['NOUN', 'ADJ', 'PROPN'].includes(tokens[from - 1]?.pos ?? '') && run.first - from < 4) from--;
  add([...tokens.slice(from, run.first), ...titles], from, run.first + titles.length - 1);
  // An apposition before: "The head of the Cuban delegation, [Deputy Foreign Minister] Dagoberto Rodriguez".
  if (tokens[run.first - 1]?.text === ',') {
    const end = run.first - 2;
    const start = clauseStart(tokens, end);
    add(tokens.slice(start, end + 1), start, end);
  }
  // An apposition after: "Josefina Vidal, director of the USA desk at the Cuban Foreign Ministry".
  if (tokens[run.last + 1]?.text === ',') {
    const start = run.last + 2;
    const end = clauseEnd(tokens, start);
    const phrase = tokens.slice(start, end + 1);
    if (phrase[0] && ['NOUN', 'ADJ', 'DET', 'VERB'].includes(phrase[0].pos)) add(phrase, start, end);
  }
  // A passive role verb: "Cuba was represented at the talks by Josefina Vidal", "Headed by Edward Alex Lee".
  const by = tokens[run.first - 1]?.lower === 'by' ? run.first - 1 : -1;
  if (by > 0) {
    for (let index = by - 1; index >= 0 && index >= by - 6; index--) {
      const token = tokens[index];
      const kind = token?.pos === 'VERB' ? ROLE_VERBS.get(token.lemma) : undefined;
      if (kind) {
        links.push({ role: kind, ...roleCountry(entities, tokens, 0, index - 1) });
        break;
      }
    }
  }
  return links;
}

/** The kind of the last role word in a phrase. */
function roleIn(phrase: TaggedToken[]): RoleKind | undefined {
  let kind: RoleKind | undefined;
  for (const token of phrase) kind = ROLE_KINDS.get(token.lower) ?? ROLE_KINDS.get(token.lemma) ?? kind;
  return kind;
}

/** The country a role phrase between two tokens is for: the last organisation's or nation's named in it. */
function roleCountry(entities: Entity[], tokens: TaggedToken[], from: number, to: number): { country?: string } {
  const start = tokens[from]?.start ?? 0;
  const end = tokens[to]?.end ?? 0;
  let country: string | undefined;
  for (const entity of entities) {
    if ((entity.type === 'nation' || entity.type === 'org') && entity.country && (entity.start ?? -1) >= start && (entity.end ?? Infinity) <= end) country = entity.country;
  }
  country ??= countryWithin(tokens, Math.max(0, from), Math.max(0, to));
  return country ? { country } : {};
}

/** The first token of the clause that ends at `end` (after the last comma or the sentence start). */
function clauseStart(tokens: TaggedToken[], end: number): number {
  let index = end;
  while (index > 0 && !isClauseMark(tokens[index - 1])) index--;
  return index;
}

/** The last token of the clause that starts at `start` (before the next comma or the sentence end). */
function clauseEnd(tokens: TaggedToken[], start: number): number {
  let index = start;
  while (index + 1 < tokens.length && !isClauseMark(tokens[index + 1])) index++;
  return index;
}

function isClauseMark(token: TaggedToken | undefined): boolean {
  return token !== undefined && token.pos === 'PUNCT' && /^[,;:—–()"“”]$/.test(token.text);
}
