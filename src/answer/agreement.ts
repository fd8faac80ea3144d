import type { Answer, SourceAgreement } from '../types.js';

/** An answer, the article it comes from, and the date or number it gives (if any). */
export interface ValuedAnswer {
  answer: Answer;
  value: string | undefined;
}

/** The parts of a date or number that two values can be compared on. */
interface ValueParts {
  year?: string;
  month?: string;
  day?: string;
  number?: string;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/**
 * How the other articles' answers relate to the best one when the question asks for a
 * date or a number: those giving a compatible value agree ("July 2009" and "2009"),
 * those giving another value differ ("2003" and "January 2004"). Each other article
 * counts once, by its first answer in `others`. Returns undefined when no other article
 * gives a comparable value.
 */
export function compareSources(best: ValuedAnswer, others: ValuedAnswer[]): SourceAgreement | undefined {
  if (best.value === undefined) return undefined;
  const bestParts = partsOf(best.value);
  const seen = new Set([best.answer.source.articleId]);
  const agreement: SourceAgreement = { value: best.value, agreeing: [], differing: [] };
  for (const { answer, value } of others) {
    if (value === undefined || seen.has(answer.source.articleId)) continue;
    const verdict = compare(bestParts, partsOf(value));
    if (verdict === 'incomparable') continue;
    seen.add(answer.source.articleId);
    if (verdict === 'same') agreement.agreeing.push(answer);
    else agreement.differing.push({ value, answer });
  }
  return agreement.agreeing.length + agreement.differing.length > 0 ? agreement : undefined;
}

function partsOf(value: string): ValueParts {
  const lower = value.toLowerCase();
  const year = /\b(?:1[5-9]|20)\d\d\b/.exec(lower)?.[0];
  const monthIndex = MONTHS.findIndex((month) => new RegExp(`\\b${month}`).test(lower));
  const withoutYear = year ? lower.replace(year, '') : lower;
  const digits = /\d+(?:[.,]\d+)*/.exec(withoutYear)?.[0]?.replace(/,/g, '');
  const parts: ValueParts = {};
  if (year) parts.year = year;
  if (monthIndex >= 0) parts.month = MONTHS[monthIndex] ?? '';
  if (digits !== undefined) {
    if (year || monthIndex >= 0) parts.day = String(Number(digits));
    else parts.number = String(Number(digits));
  }
  return parts;
}

/** Two values agree when every part both state is equal; they differ when one is not; they are incomparable when they share no part. */
function compare(a: ValueParts, b: ValueParts): 'same' | 'different' | 'incomparable' {
  const shared = (['year', 'month', 'day', 'number'] as const).filter((key) => a[key] !== undefined && b[key] !== undefined);
  if (shared.length === 0) return 'incomparable';
  return shared.every((key) => a[key] === b[key]) ? 'same' : 'different';
}
