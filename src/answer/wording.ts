/**
 * How a question is worded, stop words included. Search terms drop "not", "first" or
 * "after" and stem every word; these cues keep them, because a question that says
 * "not" or "first" asks something a sentence without them does not answer.
 */
export interface QuestionWording {
  /** Lower-case word forms, minus question words, articles and auxiliaries. */
  words: string[];
  /** Every lower-case word form of the question. */
  forms: ReadonlySet<string>;
  /** Consecutive lower-case word forms of the whole question, as `a b`. */
  pairs: ReadonlySet<string>;
  /** Whether the question is negated ("not", "never", "didn't"). */
  negated: boolean;
  /** Degree and order words ("first", "most", "before", "largest"). */
  markers: string[];
  /** Per word of `words`: the forms a sentence may write it in. A question asking with "do" ("when did talks resume?") has its verb in the base form, which a sentence inflects: "resume", "resumed", …. */
  writtenForms: ReadonlyArray<readonly string[]>;
  /** The past forms of `words` when the question asks with "did" (the sentence that answers tells of the past: "resumed"), else none. */
  pastForms: readonly string[];
  /** Every form `wordingEvidence` looks up in a sentence: `writtenForms`, `markers` and `pastForms`. */
  soughtForms: ReadonlySet<string>;
}

/** Words of a question that only frame it. */
const FRAMING_WORDS = new Set(['what', 'which', 'who', 'whom', 'whose', 'when', 'where', 'why', 'how', 'the', 'a', 'an', 'of', 'is', 'was', 'did', 'does', 'do', 'are', 'were', 'in', 'to']);
const NEGATIONS = new Set(['not', 'no', 'never', 'without', 'none', 'nor', 'neither', 'cannot']);
const MARKERS = new Set([
  ...['before', 'after', 'until', 'since', 'over', 'under', 'above', 'below', 'same', 'other', 'only'],
  ...['most', 'least', 'more', 'less', 'fewer', 'few', 'first', 'last'],
]);
/** Pronouns by which a sentence refers to what the one before it named ("resumed them"). */
const REFERRING = new Set(['it', 'its', 'they', 'them', 'their', 'he', 'him', 'his', 'she', 'her', 'this', 'these', 'those']);
const DO_FORMS = new Set(['do', 'does', 'did', 'didn', 'doesn', 'don']);
/** Superlatives not covered by the list ("largest", "earliest"). */
const SUPERLATIVE = /^[a-z]{3,}est$/;

/** A run of letters or digits: the wording cues compare forms as written, so no number or abbreviation rules apply. */
const WORD = /[\p{L}\p{N}]+/gu;

/** The word forms of a text as written, in order (lower-case the text first to compare forms). */
export function wordsOf(text: string): string[] {
  return text.match(WORD) ?? [];
}

/** Whether words say "not": a negation word, or "n't" (split as `didn` `t`). */
export function isNegated(words: readonly string[]): boolean {
  return words.some((word, index) => NEGATIONS.has(word) || (word === 't' && (words[index - 1] ?? '').endsWith('n')));
}

/** Reads the wording cues of a question. */
export function questionWording(text: string): QuestionWording {
  const forms = wordsOf(text.toLowerCase());
  const pairs = new Set<string>();
  for (let index = 1; index < forms.length; index++) pairs.add(`${forms[index - 1]} ${forms[index]}`);
  const words = forms.filter((form) => !FRAMING_WORDS.has(form));
  const doSupport = forms.some((form) => DO_FORMS.has(form));
  const askedInPast = forms.includes('did') || forms.includes('didn');
  const markers = forms.filter((form) => MARKERS.has(form) || SUPERLATIVE.test(form));
  const writtenForms = words.map((word) => (doSupport ? [word, ...inflectionsOf(word)] : [word]));
  const pastForms = askedInPast ? words.flatMap(pastFormsOf) : [];
  return {
    words,
    forms: new Set(forms),
    pairs,
    negated: isNegated(forms),
    markers,
    writtenForms,
    pastForms,
    soughtForms: new Set([...writtenForms.flat(), ...markers, ...pastForms]),
  };
}

/**
 * What the sentence's wording (lower-case forms: `words`; `present`, those of them the
 * question seeks, as `soughtForms` picks them), and the one's before it (`before`, picked
 * alike), say about a question: shared words and pairs, negation, markers.
 */
export function wordingEvidence(question: QuestionWording, words: readonly string[], present: ReadonlySet<string>, before: ReadonlySet<string>) {
  let pairs = 0;
  for (let index = 1; index < words.length; index++) {
    const first = words[index - 1] ?? '';
    const second = words[index] ?? '';
    if (question.forms.has(first) && question.forms.has(second) && question.pairs.has(`${first} ${second}`)) pairs++;
  }
  const markerMisses = question.markers.filter((marker) => !present.has(marker) && !before.has(marker)).length;
  let inSentence = 0;
  let inContext = 0;
  for (const forms of question.writtenForms) {
    if (forms.some((form) => present.has(form))) {
      inSentence++;
      inContext++;
    } else if (forms.some((form) => before.has(form))) inContext++;
  }
  const wordOverlap = share(inSentence, question.words.length);
  const contextWordOverlap = share(inContext, question.words.length);
  return {
    wordOverlap,
    contextWordOverlap,
    referredWordOverlap: words.some((word) => REFERRING.has(word) && !question.forms.has(word)) ? contextWordOverlap : wordOverlap,
    wordPairs: Math.min(1, share(pairs, question.pairs.size)),
    negationMismatch: question.negated && !isNegated(words) ? 1 : 0,
    pastTense: question.pastForms.some((form) => present.has(form)) ? 1 : 0,
    markersMissing: Math.min(1, markerMisses / 2),
  };
}

/** The sentence-level wording features, as `wordingEvidence` returns them, all 0: for a model that does not weigh them. */
export const NO_SENTENCE_WORDING = { wordOverlap: 0, contextWordOverlap: 0, referredWordOverlap: 0, wordPairs: 0, negationMismatch: 0, pastTense: 0, markersMissing: 0 } as const;
/** The regular inflections of a base form: "resume" → "resumes", "resumed", "resuming"; "try" → "tried", "tries". */
function inflectionsOf(word: string): string[] {
  const forms = [`${word}s`, `${word}es`, `${word}ed`, `${word}d`, `${word}ing`];
  if (word.endsWith('e')) forms.push(`${word.slice(0, -1)}ing`);
  if (word.endsWith('y')) forms.push(`${word.slice(0, -1)}ied`, `${word.slice(0, -1)}ies`);
  return forms;
}

/** The regular past forms of a base form: "resume" → "resumed", "try" → "tried", "stop" → "stopped". */
function pastFormsOf(word: string): string[] {
  if (word.endsWith('e')) return [`${word}d`];
  if (/[^aeiou]y$/.test(word)) return [`${word.slice(0, -1)}ied`];
  const forms = [`${word}ed`];
  if (/[^aeiou][aeiou][bdglmnprt]$/.test(word)) forms.push(`${word}${word.at(-1)}ed`);
  return forms;
}

function share(part: number, whole: number): number {
  return whole > 0 ? part / whole : 0;
}
