/**
 * Follow-up questions in a conversation: a question that leans on the one before it
 * ("and when were they suspended?", "who led it?", "what about the 2010 round?") is read
 * with the previous question's subject, and says which reading it used ("Taking 'they'
 * as the migration talks"). A question that stands on its own starts a new topic.
 */
import { tagSentence } from '../text/entities.js';
import { tagTokens, type TaggedToken } from '../text/tagger.js';
import type { Conversation, FollowUpReading } from '../types.js';

/** Pronouns that stand for a person. */
type PronounForm = 'subject' | 'object' | 'possessive';
const PERSON_PRONOUNS: ReadonlyMap<string, PronounForm> = new Map([
  ['he', 'subject'],
  ['she', 'subject'],
  ['him', 'object'],
  ['her', 'object'],
  ['his', 'possessive'],
  ['hers', 'possessive'],
] as const);
/** Pronouns that stand for a thing (or a group). */
const THING_PRONOUNS: ReadonlyMap<string, PronounForm> = new Map([
  ['it', 'subject'],
  ['they', 'subject'],
  ['them', 'object'],
  ['its', 'possessive'],
  ['their', 'possessive'],
] as const);
/** Determiners that point back ("that trip", "those talks"). */
const POINTING = new Set(['that', 'this', 'these', 'those']);
/** Question words: a follow-up by ellipsis has none of its own ("and in 2010?", "what about the fourth round?"). */
const QUESTION_WORDS = new Set(['who', 'whom', 'whose', 'what', 'which', 'when', 'where', 'why', 'how']);
const ELLIPSIS = /^(?:(?:and|but|so|ok|okay)[,\s]+)?(?:(?:what|how) about|and)\s+(.+?)[?.!\s]*$/i;

/** What a question is read as, and, when it leans on the previous one, the reading it used. */
export interface ReadQuestion {
  /** The question to answer: the question itself, or its reading with the previous subject in place of its pronouns. */
  text: string;
  reading?: FollowUpReading;
}

/**
 * Reads a question in the light of the conversation so far. Pronouns (he, she, it, they,
 * their, …) and pointing phrases ("that trip") take the previous question's person or
 * subject; a question that is only a new qualifier ("what about the 2010 round?", "and in
 * July 2013?") asks the previous question again with it. Any other question is a new topic.
 */
export function readFollowUp(question: string, previous: Conversation | undefined): ReadQuestion {
  if (!previous) return { text: question };
  const ellipsis = ELLIPSIS.exec(question.trim());
  if (ellipsis?.[1] && !wordsOf(ellipsis[1]).some((word) => QUESTION_WORDS.has(word))) {
    const addition = resolvePointing(ellipsis[1], previous);
    const text = replaceQualifier(previous, addition);
    return { text, reading: { phrase: question.trim(), as: text, note: `Reading this as: ${text}` } };
  }
  const tokens = tagTokens(question);
  let text = '';
  let cursor = 0;
  let person = 0;
  let thing = 0;
  const replaced: Array<{ phrase: string; as: string }> = [];
  let skip = -1;
  tokens.forEach((token, index) => {
    if (index <= skip) return;
    const role = PERSON_PRONOUNS.get(token.lower);
    const thingRole = THING_PRONOUNS.get(token.lower);
    let referent: string | undefined;
    let form: PronounForm | undefined;
    // After a who-question, "they" and "their" are the people its answer names; "them" is more often what they acted on.
    const plural = token.lower === 'they' || token.lower === 'their';
    if (role && previous.people[person] !== undefined) {
      referent = previous.people[Math.min(person++, previous.people.length - 1)];
      form = role;
    } else if (thingRole && plural && previous.askedWho === true && previous.people.length > 0) {
      referent = previous.people[0];
      form = thingRole;
    } else if (thingRole && previous.subjects.length > 0) {
      referent = previous.subjects[Math.min(thing++, previous.subjects.length - 1)];
      form = thingRole;
    } else if (POINTING.has(token.lower) && isNounAfter(tokens, index) && previous.people.length + previous.subjects.length > 0) {
      // "that accord": the previous subject with the same noun ("the migration accord"), else the noun of the previous person or subject ("Hillary Clinton's trip").
      const noun = tokens[index + 1];
      if (!noun) return;
      const same = previous.subjects.find((subject) => subject.toLowerCase().split(/\s+/).at(-1) === noun.lower);
      const owner = previous.people[0] ?? previous.subjects[0] ?? '';
      const as = same ?? `${possessive(owner)} ${noun.text}`;
      replaced.push({ phrase: `${token.text} ${noun.text}`, as });
      text += question.slice(cursor, token.start) + as;
      cursor = noun.end;
      skip = index + 1;
      return;
    }
    if (referent === undefined || form === undefined) return;
    const written = form === 'possessive' ? possessive(referent) : referent;
    replaced.push({ phrase: token.text, as: referent });
    text += question.slice(cursor, token.start) + written;
    cursor = token.end;
  });
  if (replaced.length === 0) return { text: question };
  text += question.slice(cursor);
  const note = `Taking ${replaced.map(({ phrase, as }) => `'${phrase}' as ${as}`).join(', ')}`;
  return { text, reading: { phrase: replaced.map(({ phrase }) => phrase).join(', '), as: text, note } };
}

/**
 * What a conversation remembers after a question (as read): its noun phrases that are not
 * people (the subject "it" and "they" stand for, common nouns first) and its people, then
 * the people the answer names (`answerPeople`), for "he" and "she".
 */
export function conversationAfter(readQuestion: string, answerPeople: readonly string[]): Conversation {
  const tokens = tagTokens(readQuestion);
  const named = tagSentence(readQuestion, new Set(), tokens).entities.filter((entity) => entity.type === 'name').map((entity) => readQuestion.slice(entity.start ?? 0, entity.end ?? 0));
  const isPerson = (chunk: Chunk) => named.some((name) => chunk.text.endsWith(name));
  const chunks = nounChunks(tokens, readQuestion).filter((chunk) => !isPerson(chunk));
  const common = chunks.filter((chunk) => !chunk.proper).map((chunk) => chunk.text);
  const proper = chunks.filter((chunk) => chunk.proper).map((chunk) => chunk.text);
  const asksWho = /^\s*(?:who|whom|whose)\b|\b(?:which|what) (?:person|people|official|officials|president|minister|spokesman|spokeswoman|lawmakers?|members?)\b/i.test(readQuestion);
  const people = asksWho ? [...answerPeople, ...named] : [...named, ...answerPeople];
  return { question: readQuestion, subjects: [...common, ...proper], people: [...new Set(people)], ...(asksWho ? { askedWho: true } : {}) };
}

/** A noun phrase of a question: its text, and whether it is a run of proper nouns. */
interface Chunk {
  text: string;
  proper: boolean;
}

/** Noun phrases ("the migration talks", "the latest round of talks", "Alan Gross"), without question words, possessive pronouns or pronouns. */
function nounChunks(tokens: TaggedToken[], text: string): Chunk[] {
  const chunks: Chunk[] = [];
  let index = 0;
  while (index < tokens.length) {
    const token = tokens[index];
    if (!token || !startsChunk(token)) {
      index++;
      continue;
    }
    let first = index;
    let last = -1;
    let proper = true;
    for (let at = index; at < tokens.length; at++) {
      const each = tokens[at];
      if (!each) break;
      if (each.pos === 'NOUN' || each.pos === 'PROPN') {
        last = at;
        if (each.pos === 'NOUN') proper = false;
      } else if (each.lower === 'of' && last === at - 1 && ['NOUN', 'PROPN', 'DET', 'ADJ', 'NUM'].includes(tokens[at + 1]?.pos ?? '')) continue;
      else if (!['DET', 'ADJ', 'NUM', 'PART'].includes(each.pos) || (each.pos === 'DET' && at > index && last >= 0)) break;
    }
    // The phrase a question word asks about ("which president", "how many visas") is the unknown, not the subject.
    const asked = QUESTION_WORDS.has(token.lower) || ['many', 'much'].includes(token.lower);
    while (first <= last && tokens[first]?.pos === 'PRON') first++;
    if (!asked && last >= first) {
      const startToken = tokens[first];
      const endToken = tokens[last];
      if (startToken && endToken) {
        chunks.push({ text: text.slice(startToken.start, endToken.end).replace(/(?:’s|'s)$/, ''), proper });
      }
    }
    index = Math.max(index + 1, last + 1);
  }
  return chunks;
}

/** Whether a chunk can start here: a determiner, adjective, number or noun (a question word starts the phrase it asks about). */
function startsChunk(token: TaggedToken): boolean {
  return (['DET', 'ADJ', 'NUM', 'NOUN', 'PROPN'].includes(token.pos) || ['what', 'which', 'whose', 'how'].includes(token.lower)) && !THING_PRONOUNS.has(token.lower) && !PERSON_PRONOUNS.has(token.lower);
}

/** Whether the token after `index` is a noun (a pointing determiner, not a pronoun). */
function isNounAfter(tokens: TaggedToken[], index: number): boolean {
  const next = tokens[index + 1];
  return next !== undefined && (next.pos === 'NOUN' || next.pos === 'PROPN');
}

/** "Alan Gross" → "Alan Gross's", "the migration talks" → "the migration talks'" (a plural common noun takes the apostrophe alone). */
function possessive(phrase: string): string {
  return /\b[a-z]\w*s$/.test(phrase) ? `${phrase}'` : `${phrase}'s`;
}

/** "that year" in an added qualifier stands for the previous question's year. */
function resolvePointing(addition: string, previous: Conversation): string {
  const year = /\b(?:1[6-9]|20)\d\d\b/.exec(previous.question)?.[0];
  return year ? addition.replace(/\b(?:that|this|the same) year\b/i, year) : addition;
}

/** A date as a question writes it: a year, with its month when given ("July 2013", "2010"). */
const DATE = /(?:\b(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+)?\b(?:1[6-9]|20)\d\d\b/i;

/**
 * The previous question asked again with a new qualifier: a date replaces its date ("what
 * about July 2013?"), a noun phrase replaces its subject ("what about the fourth round?"),
 * anything else is added to it.
 */
function replaceQualifier(previous: Conversation, addition: string): string {
  const base = previous.question.replace(/[?.!\s]+$/, '');
  const newDate = DATE.exec(addition)?.[0];
  if (newDate && DATE.test(base)) {
    const rest = addition.replace(newDate, '').replace(/\b(?:in|on|at|for|during|of|the|year|fiscal)\b/gi, ' ').replace(/\s+/g, ' ').trim();
    return `${withSubject(base.replace(DATE, newDate), previous, rest)}?`;
  }
  if (/^(?:in|on|at|for|during|from|to|by|with)\b/i.test(addition)) return `${base} ${addition}?`;
  return `${withSubject(base, previous, addition)}?`;
}

/**
 * A question with a new noun phrase in place of the previous subject: the one with the same
 * head noun ("visitor visas" for "US visas"), else the first; added when the question does
 * not write it.
 */
function withSubject(base: string, previous: Conversation, phrase: string): string {
  if (phrase === '') return base;
  const head = phrase.toLowerCase().split(/\s+/).at(-1);
  const subject = previous.subjects.find((each) => each.toLowerCase().split(/\s+/).at(-1) === head) ?? previous.subjects[0];
  return subject !== undefined && base.includes(subject) ? base.replace(subject, phrase) : `${base} (${phrase})`;
}

function wordsOf(text: string): string[] {
  return text.toLowerCase().match(/\p{L}+/gu) ?? [];
}
