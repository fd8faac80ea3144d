/**
 * The qualifiers a follow-up takes from the question before it: the date that said which
 * one was meant ("at the 2009 talks"), and the side a bare "and the US?" swaps in for the
 * previous one ("Cuba" → "the US").
 */
import { countryFormAt } from '../text/namedEntities.js';
import { tagTokens, type TaggedToken } from '../text/tagger.js';

/** Nouns for events a date or a place can qualify ("the 2009 talks", "the New York meeting"). */
export const EVENT_NOUNS = new Set([
  'meeting',
  'meetings',
  'talks',
  'round',
  'rounds',
  'session',
  'sessions',
  'visit',
  'trip',
  'conference',
  'summit',
  'negotiations',
  'discussions',
  'encounter',
  'dialogue',
  'gathering',
]);

/** A date as a question writes it: a year, with its month when given ("July 2013", "2010"). */
export const YEAR = /(?:\b(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+)?\b(?:1[6-9]|20)\d\d\b/i;
/** Prepositions that say where or when ("in New York", "at the 2009 talks"), not where to or from. */
const PREPOSITIONS = new Set(['in', 'at', 'during', 'on']);

/**
 * The date of a question that says which one it means, as the phrase that carries it: the
 * phrase after "in", "at", "during" or "on" around it ("at the 2009 talks", "in fiscal
 * year 2012"), else, when it qualifies an event, "in" and the date ("Where were the 2009
 * talks held?" → "in 2009"). Undefined when it has none, or only a condition on a date
 * ("before 2009").
 */
function datePhraseOf(question: string): string | undefined {
  const year = YEAR.exec(question);
  if (!year) return undefined;
  const tokens = tagTokens(question);
  const [start, end] = [year.index, year.index + year[0].length];
  return phraseAround(question, tokens, start, end) ?? (qualifiesEvent(tokens, end) ? `in ${year[0]}` : undefined);
}

/** Whether the words after `end` are an event noun ("2009 talks", "the New York meeting"). */
function qualifiesEvent(tokens: TaggedToken[], end: number): boolean {
  const next = tokens.find((token) => token.start >= end);
  return next !== undefined && EVENT_NOUNS.has(next.lower);
}

/** The prepositional phrase holding the span `start`–`end`: the preposition, the noun phrase around it, up to its last noun. */
function phraseAround(question: string, tokens: TaggedToken[], start: number, end: number): string | undefined {
  let first = tokens.findIndex((token) => token.end > start);
  let last = tokens.findLastIndex((token) => token.start < end);
  if (first < 0 || last < 0) return undefined;
  while (first > 0 && ['DET', 'ADJ', 'NUM', 'PROPN', 'NOUN'].includes(tokens[first - 1]?.pos ?? '') && !PREPOSITIONS.has(tokens[first - 1]?.lower ?? '')) first--;
  while (last + 1 < tokens.length && ['NOUN', 'PROPN', 'NUM'].includes(tokens[last + 1]?.pos ?? '')) last++;
  const preposition = tokens[first - 1];
  const lastToken = tokens[last];
  if (!preposition || !lastToken || !PREPOSITIONS.has(preposition.lower)) return undefined;
  return question.slice(preposition.start, lastToken.end);
}

/** A question that asks for a date: a date it kept would be the answer it asks for ("and when did they resume?"). */
const ASKS_WHEN = /\b(?:when|what (?:year|date|month|day)|which (?:year|date|month|day)|how long ago)\b/i;

/**
 * The phrase of the previous question's date that a follow-up keeps, when the follow-up
 * asks for no date and names none of its own ("and who spoke for the State Department?"
 * after "… at the 2009 talks?" → "at the 2009 talks"). A place is not kept: its name
 * matches too many sentences that merely mention it ("the meeting in New York came amid
 * …"), and so outweighs what the follow-up asks.
 */
export function keptDatePhrase(followUp: string, previousQuestion: string): string | undefined {
  if (YEAR.test(followUp) || ASKS_WHEN.test(followUp)) return undefined;
  return datePhraseOf(previousQuestion);
}

/** A question with a phrase added before its closing mark: "Who spoke for the State Department" + "at the 2009 talks". */
export function withPhrase(question: string, phrase: string): string {
  return `${question.replace(/[?.!\s]+$/, '')} ${phrase}?`;
}

/**
 * The previous question with another side in place of its own, when the addition names
 * only a country ("and the US?", "and for Cuba?", "what about the American one?"): "Who
 * represented Cuba at the Washington talks?" → "Who represented the US at the Washington
 * talks?". Undefined when either names no side, or both name the same.
 */
export function swapSide(previousQuestion: string, addition: string): string | undefined {
  const bare = addition
    .trim()
    .replace(/^(?:for|of|from|by|on)\s+/i, '')
    .replace(/^the\s+/i, '')
    .replace(/\s+(?:one|ones|side)$/i, '');
  const additionTokens = tagTokens(bare);
  const form = countryFormAt(additionTokens, 0, additionTokens.length - 1);
  if (!form || form.capital || form.end !== additionTokens.length - 1) return undefined;
  const tokens = tagTokens(previousQuestion);
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index];
    if (!token || ['VERB', 'PRON', 'ADP', 'AUX'].includes(token.pos)) continue;
    const previous = countryFormAt(tokens, index, tokens.length - 1);
    const end = previous ? tokens[previous.end] : undefined;
    if (!previous || !end) continue;
    // A capital says where ("the Washington meeting"), not whose side.
    if (previous.capital) {
      index = previous.end;
      continue;
    }
    if (previous.code === form.code) return undefined;
    // "the US delegation" keeps its article for "Cuban"; "for the US" takes the addition's own ("for Cuba", "for the United States").
    const article = tokens[index - 1]?.pos === 'DET' ? tokens[index - 1] : undefined;
    const modifies = ['NOUN', 'PROPN'].includes(tokens[previous.end + 1]?.pos ?? '');
    const from = article && !modifies ? article.start : token.start;
    const side = !modifies && /^(?:\w+\s+)?the\s/i.test(addition.trim()) ? `the ${bare}` : bare;
    return previousQuestion.slice(0, from) + side + previousQuestion.slice(end.end);
  }
  return undefined;
}
