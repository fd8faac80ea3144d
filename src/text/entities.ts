/**
 * Finds the kinds of things a question can ask for (dates, numbers, durations, names,
 * places, roles, reasons) in a sentence, with plain patterns. They are precomputed at
 * index time, so the answer stage never runs them over the corpus.
 */

/** What a question expects its answer to contain. */
export type EntityType = 'date' | 'number' | 'duration' | 'name' | 'place' | 'role' | 'reason';

/** One thing found in a sentence: its type and its lower-cased text. */
export interface Entity {
  type: EntityType;
  text: string;
}

const MONTH =
  '(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan\\.?|Feb\\.?|Mar\\.?|Apr\\.?|Jun\\.?|Jul\\.?|Aug\\.?|Sept?\\.?|Oct\\.?|Nov\\.?|Dec\\.?)';
const WEEKDAY = '(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)';
const NUMBER_WORD =
  '(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|billion|trillion|dozens?|half|a few|several)';
const UNIT = '(?:years?|months?|weeks?|days?|hours?|minutes?|decades?|centur(?:y|ies))';
const CAPITALISED = "[A-Z][\\p{L}'’.-]*";

const PATTERNS: Array<[EntityType, RegExp]> = [
  ['date', new RegExp(`\\b\\d{1,2}\\s+${MONTH}(?:,?\\s+\\d{4})?`, 'gu')],
  ['date', new RegExp(`\\b${MONTH}\\s+\\d{1,2}(?:st|nd|rd|th)?(?:,?\\s+\\d{4})?(?!\\d)`, 'gu')],
  ['date', new RegExp(`\\b${MONTH}\\s+(?:of\\s+)?\\d{4}\\b`, 'gu')],
  ['date', /\b(?:mid-|the\s+)?(?:1[6-9]|20)\d\d(?:s|s?\b)/gu],
  ['date', new RegExp(`\\b${WEEKDAY}\\b`, 'gu')],
  ['date', new RegExp(`\\b(?:in|since|until|by|early|late|last|next|this|earlier this|later this)\\s+${MONTH}\\b`, 'gu')],
  ['date', /\b(?:today|yesterday|tomorrow|tonight)\b/giu],
  ['date', /\b(?:last|next|this|earlier this|later this)\s+(?:week|month|year|spring|summer|autumn|fall|winter|weekend)\b/giu],
  ['date', new RegExp(`\\b(?:\\d+|${NUMBER_WORD})\\s+${UNIT}\\s+(?:ago|earlier|later|after)\\b`, 'giu')],
  ['duration', new RegExp(`\\b(?:\\d+(?:\\s*[½¼¾])?|${NUMBER_WORD})(?:[- ]${UNIT}|\\s+${UNIT})\\b`, 'giu')],
  ['duration', /\b(?:for|over)\s+(?:decades|years|months|weeks|centuries)\b/giu],
  ['duration', /\bhalf\s+a\s+century\b/giu],
  ['number', /(?<![\d.])\d+(?:[.,]\d+)*(?:\s*(?:%|percent|per cent))?/gu],
  ['number', new RegExp(`\\b${NUMBER_WORD}\\b`, 'giu')],
  ['place', new RegExp(`\\b(?:in|at|to|from|near|across|outside|inside)\\s+(?:the\\s+)?(?!${MONTH}\\b|${WEEKDAY}\\b)(${CAPITALISED}(?:\\s+(?:of\\s+)?${CAPITALISED}){0,3})`, 'gu')],
  [
    'role',
    /\b(?:director|spokes(?:man|woman|person)|minister|secretary|president|head|chair(?:man|woman)?|leader|official|ambassador|expert|author|editor|correspondent|reporter|member|chief|deputy|governor|senator|commander|professor|founder|analyst|diplomat|subcontractor|coach|manager)s?\b/giu,
  ],
  ['reason', /\b(?:because|since|due to|owing to|in order to|so that|so as to|after|alleging|arguing|saying|citing|as a result|to (?:promote|avoid|prevent|ensure|help|improve|discuss|stop|end|bring|facilitate|reduce|protect|support))\b/giu],
];

/** Words that make a capitalised run an institution rather than a place ("the Cuban Foreign Ministry"). */
const INSTITUTION = /\b(?:ministry|department|foundation|section|office|administration|committee|agency|council|party|government|bank|university|court|times|post|news|herald)\b/;

/** Capitalised runs (two words or more, or one after a title) read as names. */
const NAME = new RegExp(`(?<![.!?]\\s|^)\\b(${CAPITALISED}(?:\\s+${CAPITALISED}){1,3})`, 'gu');
const TITLED_NAME = new RegExp(`\\b(?:Mr|Mrs|Ms|Dr|President|Minister|Secretary|spokes(?:man|woman)|Senator|Governor)\\.?\\s+(${CAPITALISED}(?:\\s+${CAPITALISED}){0,2})`, 'gu');
const NOT_NAME_START = new RegExp(`^(?:${MONTH}|${WEEKDAY}|The|A|An|In|On|At|But|And|However|After|When|This|That|It)\\b`, 'u');

/**
 * The entities in one sentence, in order of the patterns above (duplicates allowed).
 * Years count as dates, not as numbers; a name is two or more capitalised words not
 * opening the sentence, or one after a title ("Mr Kelly").
 */
export function findEntities(sentence: string): Entity[] {
  const found: Entity[] = [];
  const years = new Set<string>();
  for (const [type, pattern] of PATTERNS) {
    for (const match of sentence.matchAll(pattern)) {
      const text = (match[1] ?? match[0]).toLowerCase().replace(/\.$/, '');
      if (type === 'date' && /^\d{4}s?$/.test(text)) years.add(text);
      if (type === 'number' && years.has(text)) continue;
      if (type === 'place' && INSTITUTION.test(text)) continue;
      found.push({ type, text });
    }
  }
  for (const pattern of [NAME, TITLED_NAME]) {
    for (const match of sentence.matchAll(pattern)) {
      const name = match[1] ?? '';
      if (pattern === NAME && NOT_NAME_START.test(name)) continue;
      found.push({ type: 'name', text: name.toLowerCase().replace(/\.$/, '') });
    }
  }
  return found;
}

/** Whether a found date is only known from the day it was written: no year and no day of the month ("today", "Monday", "in may", "last week"), or counted back from it ("six years ago"). */
export function isRelativeDate(type: EntityType, text: string): boolean {
  return type === 'date' && (!/\d/.test(text) || /\b(?:ago|earlier|later|after)$/.test(text));
}
