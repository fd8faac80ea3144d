/**
 * Finds the kinds of things a question can ask for in a sentence: dates, numbers,
 * durations, role words and reasons with plain patterns; people, places, organisations and
 * nationalities from wink-nlp's part-of-speech tags and the country table
 * (`namedEntities.ts`); and the event each date belongs to (`dateEvents.ts`). They are
 * computed at index time, so the answer stage never runs them over the corpus.
 */
import { dateEvent } from './dateEvents.js';
import type { Entity, EntityType, RoleLink } from './entityTypes.js';
import { findNamedEntities } from './namedEntities.js';
import { tagTokens, type TaggedToken } from './tagger.js';

export type { Entity, EntityType } from './entityTypes.js';

/**
 * Version of what `tagSentence` finds in a sentence. Its results are saved with the index,
 * so bump this whenever the same text would be tagged differently: an index saved with
 * another version is rebuilt (with one warning) instead of answering from stale tags.
 */
export const TAGGING_VERSION = 4;

const MONTH =
  '(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan\\.?|Feb\\.?|Mar\\.?|Apr\\.?|Jun\\.?|Jul\\.?|Aug\\.?|Sept?\\.?|Oct\\.?|Nov\\.?|Dec\\.?)';
const WEEKDAY = '(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)';
const NUMBER_WORD =
  '(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|billion|trillion|dozens?|half|a few|several)';
const UNIT = '(?:years?|months?|weeks?|days?|hours?|minutes?|decades?|centur(?:y|ies))';
/**
 * What a sentence must hold for a pattern to match anywhere in it, tested once per sentence
 * so that most patterns are never run over a sentence they cannot match (the same entities,
 * found in fewer passes): an ASCII digit, a month's name, a unit of time, "day" (every weekday).
 */
const NEEDS = {
  digit: /\d/u,
  month: new RegExp(MONTH, 'u'),
  unit: new RegExp(UNIT, 'iu'),
  day: /day/u,
} as const;
type Need = keyof typeof NEEDS;
const PATTERNS: Array<[EntityType, RegExp, Need?]> = [
  ['date', new RegExp(`\\b\\d{1,2}\\s+${MONTH}(?:,?\\s+\\d{4})?`, 'gu'), 'month'],
  ['date', new RegExp(`\\b${MONTH}\\s+\\d{1,2}(?:st|nd|rd|th)?(?:,?\\s+\\d{4})?(?!\\d)`, 'gu'), 'month'],
  ['date', new RegExp(`\\b${MONTH}\\s+(?:of\\s+)?\\d{4}\\b`, 'gu'), 'month'],
  ['date', /\b(?:mid-|the\s+)?(?:1[6-9]|20)\d\d(?:s|s?\b)/gu, 'digit'],
  ['date', new RegExp(`\\b${WEEKDAY}\\b`, 'gu'), 'day'],
  ['date', new RegExp(`\\b(?:in|since|until|by|early|late|last|next|this|earlier this|later this)\\s+${MONTH}\\b`, 'gu'), 'month'],
  ['date', new RegExp(`\\bmid-?\\s*${MONTH}\\b`, 'gu'), 'month'],
  ['date', /\b(?:today|yesterday|tomorrow|tonight)\b/giu],
  ['date', /\b(?:last|next|this|earlier this|later this)\s+(?:week|month|year|spring|summer|autumn|fall|winter|weekend)\b/giu],
  ['date', new RegExp(`\\b(?:\\d+|${NUMBER_WORD})\\s+${UNIT}\\s+(?:ago|earlier|later|after)\\b`, 'giu'), 'unit'],
  ['duration', new RegExp(`\\b(?:\\d+(?:\\s*[½¼¾])?|${NUMBER_WORD})(?:[- ]${UNIT}|\\s+${UNIT})\\b`, 'giu'), 'unit'],
  ['duration', /\b(?:for|over)\s+(?:decades|years|months|weeks|centuries)\b/giu, 'unit'],
  ['duration', /\bhalf\s+a\s+century\b/giu, 'unit'],
  ['number', /(?<![\d.])\d+(?:[.,]\d+)*(?:\s*(?:%|percent|per cent))?/gu, 'digit'],
  ['number', new RegExp(`\\b${NUMBER_WORD}\\b`, 'giu')],
  [
    'role',
    /\b(?:director|spokes(?:man|woman|person)|minister|secretary|president|head|chair(?:man|woman)?|leader|official|ambassador|expert|author|editor|correspondent|reporter|member|chief|deputy|governor|senator|commander|professor|founder|analyst|diplomat|subcontractor|coach|manager)s?\b/giu,
  ],
  ['reason', /\b(?:because|since|due to|owing to|in order to|so that|so as to|after|alleging|arguing|saying|citing|as a result|to (?:promote|avoid|prevent|ensure|help|improve|discuss|stop|end|bring|facilitate|reduce|protect|support))\b/giu],
];
/**
 * "ſ" and the Kelvin sign, the only characters that a case-insensitive pattern with the `u`
 * flag reads as ASCII letters (s, k) or word characters and one without it does not. In a
 * sentence without them the patterns and tests above run without their `u` flag: the same
 * matches (all of them are ASCII or BMP characters), found about twice as fast.
 */
const FOLDS_TO_ASCII = /[\u017F\u212A]/;
const withoutUnicode = (pattern: RegExp) => new RegExp(pattern.source, pattern.flags.replace('u', ''));
const PLAIN_NEEDS: Record<Need, RegExp> = { digit: withoutUnicode(NEEDS.digit), month: withoutUnicode(NEEDS.month), unit: withoutUnicode(NEEDS.unit), day: withoutUnicode(NEEDS.day) };
const PLAIN_PATTERNS = PATTERNS.map(([type, pattern, need]): [EntityType, RegExp, Need?] => (need === undefined ? [type, withoutUnicode(pattern)] : [type, withoutUnicode(pattern), need]));

/** The entities of one sentence and its role links. */
export interface TaggedSentence {
  entities: Entity[];
  roles: RoleLink[];
}

/**
 * The entities of one sentence, with their offsets: dates, numbers, durations, role words
 * and reasons from the patterns above (years count as dates, not numbers), then people,
 * places, organisations and nationalities from the part-of-speech tags. Each date carries
 * the event it belongs to. `knownPeople` carries the people named earlier in the
 * paragraph (a surname alone then names them); `tagged`, the sentence's tokens when they
 * are already tagged.
 */
export function tagSentence(sentence: string, knownPeople: Set<string> = new Set(), tagged?: TaggedToken[]): TaggedSentence {
  const found: Entity[] = [];
  const years = new Set<string>();
  const unicode = FOLDS_TO_ASCII.test(sentence);
  const needs = unicode ? NEEDS : PLAIN_NEEDS;
  const held: Partial<Record<Need, boolean>> = {};
  const holds = (need: Need): boolean => (held[need] ??= needs[need].test(sentence));
  for (const [type, pattern, need] of unicode ? PATTERNS : PLAIN_PATTERNS) {
    if (need !== undefined && !holds(need)) continue;
    for (const match of sentence.matchAll(pattern)) {
      const raw = match[1] ?? match[0];
      const start = match.index + (match[1] === undefined ? 0 : match[0].indexOf(match[1]));
      const trimmed = raw.replace(/\.$/, '');
      const text = trimmed.toLowerCase();
      if (type === 'date' && /^\d{4}s?$/.test(text)) years.add(text);
      if (type === 'number' && years.has(text)) continue;
      found.push({ type, text, start, end: start + trimmed.length });
    }
  }
  const tokens = tagged ?? tagTokens(sentence);
  let previousEvent: string | undefined;
  for (const entity of [...found].filter((each) => each.type === 'date').sort((a, b) => (a.start ?? 0) - (b.start ?? 0))) {
    const event = dateEvent(tokens, entity.start ?? 0, entity.end ?? 0, previousEvent);
    if (event !== undefined) entity.event = event;
    previousEvent = event;
  }
  const named = findNamedEntities(sentence, tokens, knownPeople);
  return { entities: [...found, ...named.entities], roles: named.roles };
}

/** Whether a found date is only known from the day it was written: no year and no day of the month ("today", "Monday", "in may", "last week"), or counted back from it ("six years ago"). */
export function isRelativeDate(type: EntityType, text: string): boolean {
  return type === 'date' && (!/\d/.test(text) || /\b(?:ago|earlier|later|after)$/.test(text));
}
