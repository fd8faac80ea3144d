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
  if (form === 'usa' || form === 'u.s.' || form === 'u.s' || form === 'u.s.a.') return { code: 'US', capital: false };
  if (!Object.hasOwn(FORMS, form)) return undefined;
  const value = FORMS[form] ?? '';
  return value.startsWith('@') ? { code: value.slice(1), capital: true } : { code: value, capital: false };
}

/** Longest country form, in words ("united states of america"). */
export const LONGEST_COUNTRY_FORM = Math.max(...Object.keys(FORMS).map((form) => form.split(' ').length));
