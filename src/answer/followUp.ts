/**
 * Follow-up questions in a conversation: a question that leans on the one before it
 * ("and when were they suspended?", "who led it?", "what about the 2010 round?") is read
 * with the previous question's subject, and says which reading it used ("Taking 'they'
 * as the migration talks"). A question that stands on its own starts a new topic.
 */
import { tagSentence } from '../text/entities.js';
import { tagTokens, type TaggedToken } from '../text/tagger.js';
import { EVENT_NOUNS, keptDatePhrase, swapSide, withPhrase, YEAR } from './followUpQualifiers.js';
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
  /** Set when it opens with "and", "but", … and continues the previous question though nothing in it was read anew ("and who led the US side?"). */
  continues?: true;
}

/** A question that opens with a conjunction continues the one before it ("and who spoke for …", "but why …"). */
const CONTINUING = /^(?:and|but|also|so)\b[,\s]*/i;
/** A bare question word ("and when?", "why?"): the previous question asked again with it. */
const BARE_QUESTION_WORD = /^(?:(?:and|but|so)[,\s]+)?(when|where|why|how)(?:\s+(?:then|exactly))?[?.!\s]*$/i;
/** "Why did it do that?": the previous question's action asked again with another question word. */
const DOING_THAT = /^(?:(?:and|but|so)[,\s]+)?(when|where|why|how)\s+(?:did|does|do|would|will|could)\s+\S+\s+do\s+(?:that|so|this|it)[?.!\s]*$/i;
/** A question word followed by its auxiliary ("When did …", "How many visas were …"): the part a new question word can replace. */
const ASKED_WITH_AUXILIARY = /^\s*(?:what|when|where|why|who|how(?:\s+(?:many|much|long)(?:\s+\w+)?)?|which\s+\w+)\s+((?:did|does|do|is|are|was|were|will|would|has|have|had|can|could)\b.*)$/i;

/**
 * Reads a question in the light of the conversation so far. Pronouns (he, she, it, they,
 * their, …) and pointing phrases ("that trip") take the previous question's person or
 * subject; a question that is only a new qualifier ("what about the 2010 round?", "and in
 * July 2013?", "and the US?") or a bare question word ("and when?", "why did it do that?")
 * asks the previous question again with it. A follow-up, or a question that opens with
 * "and" or "but", keeps the previous question's date when it names none ("and who spoke
 * for the State Department?" after a question about the 2009 talks). Any other question
 * is a new topic.
 */
export function readFollowUp(question: string, previous: Conversation | undefined): ReadQuestion {
  if (!previous) return { text: question };
  const trimmed = question.trim();
  const asked = BARE_QUESTION_WORD.exec(trimmed)?.[1] ?? DOING_THAT.exec(trimmed)?.[1];
  const again = asked === undefined ? undefined : askedAgain(previous, asked);
  if (again !== undefined) return { text: again, reading: { phrase: trimmed, as: again, note: `Reading this as: ${again}` } };
  const ellipsis = ELLIPSIS.exec(trimmed);
  if (ellipsis?.[1] && !wordsOf(ellipsis[1]).some((word) => QUESTION_WORDS.has(word))) {
    const addition = resolvePointing(ellipsis[1], previous);
    const text = swapSide(previous.question, addition) ?? replaceQualifier(previous, addition);
    return { text, reading: { phrase: trimmed, as: text, note: `Reading this as: ${text}` } };
  }
  const resolved = resolvePronouns(question, previous);
  const continuing = CONTINUING.test(trimmed);
  if (!resolved && !continuing) return { text: question };
  const base = resolved?.text ?? question;
  const kept = keptDatePhrase(base, previous.question);
  if (!resolved && kept === undefined) return { text: question, continues: true };
  const text = kept === undefined ? base : withPhrase(capitalise(base.trim().replace(CONTINUING, '')), kept);
  if (!resolved) return { text, reading: { phrase: trimmed, as: text, note: `Reading this as: ${text}` } };
  const taking = `Taking ${resolved.replaced.map(({ phrase, as }) => `'${phrase}' as ${as}`).join(', ')}`;
  const note = kept === undefined ? taking : `${taking}, still '${kept}'`;
  return { text, reading: { phrase: resolved.replaced.map(({ phrase }) => phrase).join(', '), as: text, note } };
}

/**
 * The previous question asked with another question word: "When did the OAS suspend
 * Cuba?" + why → "Why did the OAS suspend Cuba?"; "Who suspended the talks?", answered
 * with George W Bush, + why → "Why did George W Bush suspend the talks?". Undefined when
 * the previous question has neither shape.
 */
function askedAgain(previous: Conversation, asked: string): string | undefined {
  const word = capitalise(asked.toLowerCase());
  const rest = ASKED_WITH_AUXILIARY.exec(previous.question)?.[1];
  if (rest !== undefined) return `${word} ${rest}`;
  const tokens = tagTokens(previous.question);
  const verb = tokens[1];
  if (tokens[0]?.lower !== 'who' || verb?.pos !== 'VERB' || previous.people.length === 0) return undefined;
  return `${word} did ${listed(previous.people)} ${verb.lemma}${previous.question.slice(verb.end)}`;
}

/** "and who …" → "Who …". */
function capitalise(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
}

/**
 * The question with its pronouns and pointing phrases replaced by what they stand for in
 * the previous question, and what each was taken as; undefined when it has none that the
 * previous question can fill.
 */
function resolvePronouns(question: string, previous: Conversation): { text: string; replaced: Array<{ phrase: string; as: string }> } | undefined {
  const tokens = tagTokens(question);
  let text = '';
  let cursor = 0;
  let person = 0;
  let thing = 0;
  const replaced: Array<{ phrase: string; as: string }> = [];
  let skip = -1;
  const named = tagSentence(question, new Set(), tokens).entities.filter((entity) => entity.type === 'name');
  tokens.forEach((token, index) => {
    if (index <= skip || hasAntecedentWithin(tokens, index, named)) return;
    const role = PERSON_PRONOUNS.get(token.lower);
    const thingRole = THING_PRONOUNS.get(token.lower);
    let referent: string | undefined;
    let form: PronounForm | undefined;
    // After a who-question, "they" and "their" are the people its answer names (all of them when several); "them" is more often what they acted on.
    const plural = token.lower === 'they' || token.lower === 'their';
    const acted = token.lower === 'it' || token.lower === 'them' ? objectIn(previous.answer, tokens[index - 1]) : undefined;
    if (acted !== undefined) {
      referent = acted;
      form = thingRole;
    } else if (role && previous.people[person] !== undefined) {
      referent = previous.people[Math.min(person++, previous.people.length - 1)];
      form = role;
    } else if (thingRole && plural && previous.askedWho === true && previous.people.length > 0) {
      referent = listed(previous.people);
      form = thingRole;
    } else if (thingRole && previous.subjects.length > 0) {
      referent = agreeingSubject(previous.subjects, token.lower, thing++);
      form = thingRole;
    } else if (POINTING.has(token.lower) && isNounAfter(tokens, index) && previous.people.length + previous.subjects.length > 0) {
      // "that accord": the previous subject with the same noun ("the migration accord"); "that meeting": the previous event ("the fourth round"); else the noun of the previous person or subject ("Hillary Clinton's trip").
      const noun = tokens[index + 1];
      if (!noun) return;
      const headOf = (subject: string) => subject.toLowerCase().split(/\s+/).at(-1) ?? '';
      const same = previous.subjects.find((subject) => headOf(subject) === noun.lower);
      const event = EVENT_NOUNS.has(noun.lower) ? previous.subjects.find((subject) => subject.toLowerCase().split(/\s+/).some((word) => EVENT_NOUNS.has(word))) : undefined;
      const owner = previous.people[0] ?? previous.subjects[0] ?? '';
      const as = same ?? event ?? `${possessive(owner)} ${noun.text}`;
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
  if (replaced.length === 0) return undefined;
  return { text: text + question.slice(cursor), replaced };
}

/**
 * The `index`-th subject that agrees in number with a thing pronoun: "they", "them" and
 * "their" take a plural ("the talks", not "the US side"), "it" and "its" a singular ("the
 * latest round of talks"); the `index`-th subject when none agrees.
 */
function agreeingSubject(subjects: readonly string[], pronoun: string, index: number): string | undefined {
  const plural = pronoun === 'they' || pronoun === 'them' || pronoun === 'their';
  const agreeing = subjects.filter((subject) => {
    // The head noun: the last before "of" ("the latest round of talks" is one round).
    const tokens = tagTokens(subject);
    const of = tokens.findIndex((token) => token.lower === 'of');
    const head = (of > 0 ? tokens.slice(0, of) : tokens).at(-1);
    return head !== undefined && (head.pos !== 'NOUN' || (head.lemma !== head.lower) === plural);
  });
  const pool = agreeing.length > 0 ? agreeing : subjects;
  return pool[Math.min(index, pool.length - 1)];
}

/**
 * What the previous answer says was done with the verb before a pronoun: "cancel it" after
 * "calls to cancel the meeting" → "the meeting". Undefined when the pronoun follows no
 * verb, or the answer does not use that verb with a noun phrase after it.
 */
function objectIn(answer: string | undefined, verb: TaggedToken | undefined): string | undefined {
  if (answer === undefined || verb === undefined || verb.pos !== 'VERB') return undefined;
  const tokens = tagTokens(answer);
  for (const [index, token] of tokens.entries()) {
    if (token.pos !== 'VERB' || token.lemma !== verb.lemma) continue;
    const chunk = nounChunks(tokens.slice(index + 1), answer)[0];
    const next = tokens[index + 1];
    if (chunk && next && answer.slice(next.start).startsWith(chunk.text)) return chunk.text;
  }
  return undefined;
}

/**
 * Whether the pronoun at `index` stands for something named earlier in the same question,
 * so that the question stands on its own: "its" for a singular noun before it ("Cuba … its
 * willingness"), "their" for a plural noun or a name ("the Cuban delegates … their talks"),
 * "his" or "her" for a person; a subject or object pronoun only across a clause boundary
 * ("what did Alan Gross deliver, and why was he convicted?"), since within one clause it
 * cannot stand for that clause's own subject.
 */
function hasAntecedentWithin(tokens: TaggedToken[], index: number, people: ReadonlyArray<{ start?: number }>): boolean {
  const pronoun = tokens[index];
  if (!pronoun) return false;
  const personBefore = (offset: number) => people.some((person) => (person.start ?? Infinity) < offset);
  const isPlural = (token: TaggedToken) => token.pos === 'NOUN' && token.lemma !== token.lower;
  const singular = ['it', 'its'].includes(pronoun.lower);
  const plural = ['they', 'them', 'their'].includes(pronoun.lower);
  // "the outcome of its meeting": the noun before "of" is what is asked about, not who owns it.
  const agrees = (token: TaggedToken, at: number) => {
    if (tokens[at + 1]?.lower === 'of') return false;
    if (singular) return (token.pos === 'NOUN' && !isPlural(token)) || token.pos === 'PROPN';
    return plural && (isPlural(token) || token.pos === 'PROPN');
  };
  const isPerson = PERSON_PRONOUNS.has(pronoun.lower);
  const possessive = THING_PRONOUNS.get(pronoun.lower) === 'possessive' || PERSON_PRONOUNS.get(pronoun.lower) === 'possessive' || (pronoun.lower === 'her' && tokens[index + 1]?.pos === 'NOUN');
  if (possessive) return isPerson ? personBefore(pronoun.start) : tokens.slice(0, index).some(agrees);
  const boundary = tokens.slice(0, index).findLastIndex((token) => token.pos === 'CCONJ' || token.pos === 'SCONJ' || token.text === ',');
  const boundaryToken = tokens[boundary];
  if (boundary < 0 || !boundaryToken) return false;
  return isPerson ? personBefore(boundaryToken.start) : tokens.slice(0, boundary).some(agrees);
}

/** "A", "A and B", "A, B and C". */
function listed(names: readonly string[]): string {
  return names.length < 2 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1) ?? ''}`;
}

/** Subjects a conversation keeps: a follow-up's own, then those of the questions before it. */
const KEPT_SUBJECTS = 4;

/**
 * What a conversation remembers after a question (as read): its noun phrases that are not
 * people (the subject "it" and "they" stand for, common nouns first), then, when the
 * question leaned on the one before (`previous`), that one's subjects ("why did Bush
 * suspend them?" after "and who led the US side?" after "when did talks resume?"); and its
 * people, then the people the answer names (`answerPeople`), for "he" and "she".
 */
export function conversationAfter(readQuestion: string, answerPeople: readonly string[], previous?: Conversation): Conversation {
  const tokens = withMainVerb(tagTokens(readQuestion));
  const names = tagSentence(readQuestion, new Set(), tokens).entities.filter((entity) => entity.type === 'name');
  const isPerson = (chunk: Chunk) => names.some((name) => chunk.text.endsWith(readQuestion.slice(name.start ?? 0, name.end ?? 0)));
  // A name before a common noun qualifies it ("the New York meeting"): no one for "he" or "she".
  const named = names.filter((name) => tokens.find((token) => token.start >= (name.end ?? 0))?.pos !== 'NOUN').map((name) => readQuestion.slice(name.start ?? 0, name.end ?? 0));
  const chunks = nounChunks(tokens, readQuestion).filter((chunk) => !isPerson(chunk));
  const common = chunks.filter((chunk) => !chunk.proper).map((chunk) => chunk.text);
  const proper = chunks.filter((chunk) => chunk.proper).map((chunk) => chunk.text);
  const asksWho = /^\s*(?:who|whom|whose)\b|\b(?:which|what) (?:person|people|official|officials|president|minister|spokesman|spokeswoman|lawmakers?|members?)\b/i.test(readQuestion);
  const people = asksWho ? [...answerPeople, ...named] : [...named, ...answerPeople];
  const subjects = [...new Set([...common, ...proper, ...(previous?.subjects ?? [])])].slice(0, KEPT_SUBJECTS);
  return { question: readQuestion, subjects, people: [...new Set(people)], ...(asksWho ? { askedWho: true } : {}) };
}

/**
 * A question with "did", "does" or "do" has its subject, then its main verb, after it:
 * when the tagger reads two verbs in a row there, the first is the subject ("when did
 * talks resume?"); when it reads none, the last word is that verb ("What calls did the
 * ship seizure trigger?"), not the end of a noun phrase.
 */
function withMainVerb(tokens: TaggedToken[]): TaggedToken[] {
  const auxiliary = tokens.findIndex((token) => ['do', 'does', 'did'].includes(token.lower) && token.pos === 'AUX');
  if (auxiliary >= 0 && tokens[auxiliary + 1]?.pos === 'VERB' && tokens[auxiliary + 2]?.pos === 'VERB') {
    return tokens.map((token, index) => (index === auxiliary + 1 ? { ...token, pos: 'NOUN' } : token));
  }
  if (auxiliary < 0 || tokens.slice(auxiliary + 1).some((token) => token.pos === 'VERB')) return tokens;
  const last = tokens.findLastIndex((token) => token.pos !== 'PUNCT');
  const word = tokens[last];
  return last > auxiliary + 1 && word?.pos === 'NOUN' ? tokens.map((token, index) => (index === last ? { ...token, pos: 'VERB' } : token)) : tokens;
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

/**
 * The previous question asked again with a new qualifier: a date replaces its date ("what
 * about July 2013?"), a noun phrase replaces its subject ("what about the fourth round?"),
 * anything else is added to it.
 */
function replaceQualifier(previous: Conversation, addition: string): string {
  const base = previous.question.replace(/[?.!\s]+$/, '');
  const newDate = YEAR.exec(addition)?.[0];
  if (newDate && YEAR.test(base)) {
    const rest = addition.replace(newDate, '').replace(/\b(?:in|on|at|for|during|of|the|year|fiscal)\b/gi, ' ').replace(/\s+/g, ' ').trim();
    return `${withSubject(base.replace(YEAR, newDate), previous, rest)}?`;
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
  if (phrase === '' || wordsOf(phrase).every((word) => wordsOf(base).includes(word))) return base;
  const head = phrase.toLowerCase().split(/\s+/).at(-1);
  const subject = previous.subjects.find((each) => each.toLowerCase().split(/\s+/).at(-1) === head) ?? previous.subjects[0];
  return subject !== undefined && base.includes(subject) ? base.replace(subject, phrase) : `${base} (${phrase})`;
}

function wordsOf(text: string): string[] {
  return text.toLowerCase().match(/\p{L}+/gu) ?? [];
}
