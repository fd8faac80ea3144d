import table from './countries.json' with { type: 'json' };

/**
 * Country forms as one: every name, demonym and capital of a country maps to its ISO
 * 3166-1 alpha-2 code ("Cuba", "Cuban", "Republic of Cuba" → `CU`; a capital such as
 * "Havana" also names its country's government). `npm run build:countries` writes the
 * table from the `world-countries` data.
 */
const FORMS: Readonly<Record<string, string>> = table;

/** What a form names: a country (by its code), and whether the form is the country's capital. */
export interface CountryForm {
  code: string;
  capital: boolean;
}

/**
 * The country a lower-case form names, if any. "us", "u.s." and "usa" (as written in upper
 * case; the word splitter turns them into `usa`) name the United States.
 */
export function countryOf(form: string): CountryForm | undefined {
  if (UNITED_STATES_FORMS.includes(form)) return { code: 'US', capital: false };
  if (!Object.hasOwn(FORMS, form)) return undefined;
  const value = FORMS[form] ?? '';
  return value.startsWith('@') ? { code: value.slice(1), capital: true } : { code: value, capital: false };
}

/** The United States' forms that `countryOf` knows besides the table's. */
const UNITED_STATES_FORMS = ['usa', 'u.s.', 'u.s', 'u.s.a.'];
/** The first words of every country form ("united" of "united states of america"). */
const FIRST_WORDS: ReadonlySet<string> = new Set([...UNITED_STATES_FORMS, ...Object.keys(FORMS).map((form) => form.split(' ')[0] ?? form)]);

/** Whether some country form (of one word or more) can start with the lower-case word `word`. */
export function mayStartCountryForm(word: string): boolean {
  return FIRST_WORDS.has(word) || word.includes(' ');
}

/** Longest country form, in words ("united states of america"). */
export const LONGEST_COUNTRY_FORM = Math.max(...Object.keys(FORMS).map((form) => form.split(' ').length));
