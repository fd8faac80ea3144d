/**
 * `npm run build:countries`: writes `src/text/countries.json`, the forms that name each
 * country, from the `world-countries` data (mledoze/countries): its common and official
 * names, longer alternative spellings, demonyms and capitals, lower-cased, each mapped to
 * the country's ISO 3166-1 alpha-2 code ("cuban", "havana", "republic of cuba" → `CU`;
 * "american", "washington", "united states of america" → `US`). The table is committed,
 * so that indexing never loads the 20 MB package; rerun this script only to change how the
 * forms are read.
 */
import { writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const OUT = 'src/text/countries.json';

interface Country {
  cca2: string;
  name: { common: string; official: string };
  altSpellings: string[];
  capital?: string[];
  demonyms?: { eng?: { f: string; m: string } };
  independent?: boolean | null;
}

/** Plain words of a form: letters, spaces, hyphens and apostrophes (other scripts and codes are left out). */
const PLAIN = /^[A-Za-z][A-Za-z '’-]+$/;

async function main(): Promise<void> {
  // Independent countries first, so that a demonym they share with a territory ("American") names them.
  const countries = (require('world-countries') as Country[]).sort((a, b) => Number(b.independent === true) - Number(a.independent === true));
  const forms: Record<string, string> = {};
  const claim = (form: string, code: string, kind: 'name' | 'capital') => {
    const clean = form.replace(/\s+D\.C\.$/, '').trim();
    if (!PLAIN.test(clean) || clean.length < 4) return;
    const key = clean.toLowerCase();
    // A name wins over a capital of the same spelling; the first country keeps a name two share.
    if (Object.hasOwn(forms, key) && (kind === 'capital' || !forms[key]?.startsWith('@'))) return;
    forms[key] = kind === 'capital' ? `@${code}` : code;
  };
  for (const country of countries) {
    const names = [country.name.common, country.name.official, ...country.altSpellings.filter((spelling) => spelling.length > 3)];
    const demonyms = country.demonyms?.eng ? [country.demonyms.eng.m, country.demonyms.eng.f] : [];
    for (const form of [...names, ...demonyms]) claim(form, country.cca2, 'name');
  }
  for (const country of countries) for (const capital of country.capital ?? []) claim(capital, country.cca2, 'capital');
  const sorted = Object.fromEntries(Object.entries(forms).sort(([a], [b]) => (a < b ? -1 : 1)));
  await writeFile(OUT, `${JSON.stringify(sorted, null, 0).replace(/,"/g, ',\n"')}\n`);
  process.stdout.write(`wrote ${OUT}: ${Object.keys(sorted).length} forms of ${countries.length} countries\n`);
}

await main();
