/**
 * The training data of `npm run fit`: every training question with its ranked candidates
 * and their feature rows. SQuAD `tune` (never `holdout`), the news training questions over
 * the seeds, the real-page development set's `train` split over the train sites' pages
 * only (never a held-out page, not even as a distractor), and off-topic questions (SQuAD
 * `tune` questions asked of the news corpora). Each news question carries its fold for
 * cross-validation: by article for the seeds, by site for the real pages.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { prepareQuestion, rankCandidates, toAnswer, type AnswerContext, type Candidate } from '../src/answer/answerQuestion.js';
import { DEFAULT_MODEL } from '../src/answer/scoring.js';
import { readCorpus, type CorpusEntry } from '../src/ingest/readCorpus.js';
import { silentLogger } from '../src/logger.js';
import { buildCorpus } from '../src/search/buildIndex.js';
import type { CorpusStore } from '../src/search/corpusStore.js';
import { servedStore } from '../src/search/storeSource.js';
import type { SentenceFeatures } from '../src/answer/sentenceFeatures.js';
import { vector } from './fitFeatures.js';
import { isCorrect, loadSquad } from './squadData.js';

/** The news sets a fit learns from besides SQuAD. */
export type NewsSet = 'seeds' | 'realpages';

/** One training question: its ranked candidates, which of them are right, whether it has an answer, how much it counts. */
export interface Example {
  candidates: Candidate[];
  /** Each candidate's features as a vector (computed once: every fit reads them). */
  rows: number[][];
  right: (candidate: Candidate) => boolean;
  answerable: boolean;
  weight: number;
  kind: 'squad' | 'news' | 'off-topic';
  /** For a SQuAD question: whether it is a v1.1 ranking question (else a v2.0 abstention one). */
  ranking?: boolean;
  /** For a news or off-topic question: its set. */
  set?: NewsSet;
  /** For a news question: its cross-validation fold (its article's for the seeds, its site's for the real pages). */
  fold?: number;
}

/** A news question: expected substrings, or `abstain`; a real-page one also its site and split. */
interface NewsQuestion {
  q: string;
  any?: string[];
  abstain?: boolean;
  site?: string;
  split?: 'train' | 'holdout';
  near_page?: string;
}

/** Where the training data is, and how much of SQuAD to read. */
export interface DataSettings {
  news: string;
  newsCorpus: string;
  realpages: string;
  realpagesSplits: string;
  realpagesCorpus: string;
  /** Read every `squadSample`-th `tune` title only (1: all), for quick trials. */
  squadSample: number;
  folds: number;
  /** Features read as 0 everywhere (to measure a fit without them). */
  drop: ReadonlySet<keyof SentenceFeatures>;
}

/** Every training question with its candidates. */
export async function trainingExamples(settings: DataSettings): Promise<Example[]> {
  const benchmark = await loadSquad();
  const tune = new Set(benchmark.splits.tune.filter((_, index) => index % settings.squadSample === 0));
  const squad = await openContext(await readCorpus(benchmark.corpusFile, silentLogger), settings.drop);
  const squadRight = (question: (typeof benchmark.questions)[number]) => (candidate: Candidate) => isCorrect(toAnswer(candidate, 0), question, benchmark.sentences);
  const examples: Example[] = [];
  for (const question of benchmark.questions) {
    if (tune.has(question.title)) examples.push({ ...(await candidatesOf(squad, question.question)), right: squadRight(question), answerable: true, weight: 1, kind: 'squad', ranking: true });
  }
  const byId = new Map(benchmark.questions.map((question) => [question.id, question]));
  for (const [questions, answerable] of [[benchmark.answerable, true], [benchmark.unanswerable, false]] as const) {
    for (const item of questions) {
      const gold = byId.get(item.id);
      if (!tune.has(item.title)) continue;
      examples.push({ ...(await candidatesOf(squad, item.question)), right: answerable && gold ? squadRight(gold) : () => false, answerable, weight: 1, kind: 'squad', ranking: false });
    }
  }
  const offTopic = benchmark.questions.filter((question) => tune.has(question.title)).map((question) => question.question);

  const seeds = await openContext(await readCorpus(settings.newsCorpus, silentLogger), settings.drop);
  const seedArticles = new Map<number, number>();
  for (const question of await readQuestions(settings.news)) {
    const { candidates, rows } = await candidatesOf(seeds, question.q);
    const article = articleOf(seeds, question, candidates);
    if (!seedArticles.has(article)) seedArticles.set(article, seedArticles.size);
    examples.push({ candidates, rows, right: holds(question), answerable: question.abstain !== true, weight: 1, kind: 'news', set: 'seeds', fold: article });
  }
  // Folds by article: articles numbered in order of first question, then dealt round the folds.
  for (const example of examples) if (example.set === 'seeds' && example.fold !== undefined) example.fold = (seedArticles.get(example.fold) ?? 0) % settings.folds;
  for (const question of offTopic) examples.push({ ...(await candidatesOf(seeds, question)), right: () => false, answerable: false, weight: 1, kind: 'off-topic', set: 'seeds' });

  const splits = JSON.parse(await readFile(settings.realpagesSplits, 'utf8')) as { train: string[]; pages: Record<string, string> };
  const trainSites = new Set(splits.train);
  const trainPages = new Set(Object.entries(splits.pages).filter(([, site]) => trainSites.has(site)).map(([page]) => page));
  const pages = (await readCorpus(settings.realpagesCorpus, silentLogger)).filter((entry) => trainPages.has(path.parse(entry.key).name));
  const realpages = await openContext(pages, settings.drop);
  // Folds by site: the train sites in alphabetical order dealt round the folds (an off-topic question has no site and goes to fold 0).
  const siteFold = new Map([...trainSites].sort().map((site, index) => [site, index % settings.folds]));
  for (const question of (await readQuestions(settings.realpages)).filter((each) => each.split === 'train')) {
    const site = question.site ?? splits.pages[question.near_page ?? ''];
    examples.push({ ...(await candidatesOf(realpages, question.q)), right: holds(question), answerable: question.abstain !== true, weight: 1, kind: 'news', set: 'realpages', fold: siteFold.get(site ?? '') ?? 0 });
  }
  for (const question of offTopic) examples.push({ ...(await candidatesOf(realpages, question)), right: () => false, answerable: false, weight: 1, kind: 'off-topic', set: 'realpages' });
  return examples;
}

/** Whether a candidate holds one of a news question's expected strings. */
const holds = (question: NewsQuestion) => (candidate: Candidate) => (question.any ?? []).some((expected) => toAnswer(candidate, 0).text.includes(expected));

async function readQuestions(file: string): Promise<NewsQuestion[]> {
  return (await readFile(file, 'utf8'))
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as NewsQuestion);
}

/** A corpus to fit on: what answering reads, and its store (the fit looks up which article holds an expected answer). */
type FitCorpus = AnswerContext & { store: CorpusStore; drop: ReadonlySet<keyof SentenceFeatures> };

async function openContext(entries: CorpusEntry[], drop: ReadonlySet<keyof SentenceFeatures>): Promise<FitCorpus> {
  const built = await buildCorpus(entries, silentLogger);
  return { source: servedStore(built), store: built.store, model: DEFAULT_MODEL, readText: true, drop };
}

/** The article a news question is about: the one whose text holds its expected answer, or (unanswerable) the one its best candidate comes from. */
function articleOf(context: FitCorpus, question: NewsQuestion, candidates: Candidate[]): number {
  for (const paragraph of Object.values(context.store.paragraphs)) {
    if ((question.any ?? []).some((expected) => paragraph.text.includes(expected))) return paragraph.article;
  }
  return candidates[0]?.paragraph.article ?? -1;
}

async function candidatesOf(context: FitCorpus, question: string): Promise<{ candidates: Candidate[]; rows: number[][] }> {
  const candidates = await rankCandidates(context, prepareQuestion(context.source.statistics, question));
  for (const candidate of candidates) for (const name of context.drop) candidate.features[name] = 0;
  return { candidates, rows: candidates.map((candidate) => vector(candidate.features)) };
}
