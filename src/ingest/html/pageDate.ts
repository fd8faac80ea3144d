/** A date a page gives for its article, as written (an ISO-8601 date or date-time). */
export type DateCandidate = string | null | undefined;

/** An article's date in a URL's path: `/2019/11/19/`, `/2019-11-19-slug`, `/20191119/`. */
const URL_DATE = /\/((?:19|20)\d{2})([/-]?)(\d{2})\2(\d{2})(?=[/\-_.]|$)/;

/**
 * The day of publication, `YYYY-MM-DD`, from candidates given best first: the first that is
 * a real date wins. A time given in UTC ("…Z") is replaced by a later candidate that names
 * the same moment (within a day) in the publisher's own time zone, so the day is the one
 * the publisher printed (`2017-02-24T01:18:13Z` and `2017-02-23T17:18:13-08:00` give the 23rd).
 */
export function publicationDay(candidates: readonly DateCandidate[]): string | null {
  const dated = candidates.flatMap((value) => {
    const day = isoDate(value);
    return day === null || value == null ? [] : [{ value: value.trim(), day }];
  });
  const [first] = dated;
  if (first === undefined) return null;
  if (!isUtc(first.value)) return first.day;
  const moment = Date.parse(first.value);
  const local = dated.find(({ value }) => hasOffset(value) && !isUtc(value) && Math.abs(Date.parse(value) - moment) <= 24 * 3600 * 1000);
  return local?.day ?? first.day;
}

/** The day a URL's path names, `YYYY-MM-DD`, or null. */
export function urlDay(url: string | null | undefined): string | null {
  if (!url) return null;
  let pathname: string;
  try {
    pathname = new URL(url).pathname;
  } catch {
    return null;
  }
  const match = URL_DATE.exec(pathname);
  return match ? isoDate(`${match[1]}-${match[3]}-${match[4]}`) : null;
}

/** `YYYY-MM-DD` from an ISO-8601 date or date-time, as written (no time-zone shift); null unless it is a real date. */
export function isoDate(value: DateCandidate): string | null {
  const match = /^\s*(\d{4})-?(\d{2})-?(\d{2})(?:$|[T\s])/.exec(value ?? '');
  if (!match) return null;
  const [, year, month, day] = match;
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  return date.getUTCMonth() === Number(month) - 1 && date.getUTCDate() === Number(day) ? `${year}-${month}-${day}` : null;
}

function hasOffset(value: string): boolean {
  return /T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:Z|[+-]\d{2}:?\d{2})$/i.test(value) && !Number.isNaN(Date.parse(value));
}

function isUtc(value: string): boolean {
  return hasOffset(value) && /(?:Z|[+-]00:?00)$/i.test(value);
}
