/**
 * `npm run eval:realpages`: the development set over real news pages
 * (`test/eval/realpages/`, written blind from the pages' bodies; split by site) asked of an
 * index of `../shared/realpages/pages`. Per split: right and wrong confident answers,
 * hedges and "nothing" replies, the right sentence's rank (1, top 3) and whether it is in
 * what the reply shows (the answer, or the suggestions, each with its passage) and where it was lost, abstain questions never answered confidently, plain
 * BM25 beside it (the top paragraph, then its sentence sharing most terms with the
 * question), and the reliability of the confidence. The `holdout` split is
 * reported, never tuned on (`--split train` shows the training split alone). `--threshold X`
 * replaces the model's answer threshold; `--verbose` lists the wrong answers shown and, per
 * loss, the questions whose right sentence was lost there, for the training split only
 * (the held-out questions are listed only when asked for by name, `--split holdout`, so a
 * look at the training misses never shows them).
 */
import { parseArgs } from 'node:util';
import { readFile } from 'node:fs/promises';
import { analyseQuestion } from '../src/answer/question.js';
import { DEFAULT_MODEL } from '../src/answer/scoring.js';
import { loadCoreConfig, openArchivist, readScoringModel, shownPassages, silentLogger, type Answer, type Archivist } from '../src/index.js';
import { readCorpus } from '../src/ingest/readCorpus.js';
import { buildCorpus } from '../src/search/buildIndex.js';
import type { ParagraphSource } from '../src/search/paragraphSource.js';
import type { AnswerContext } from '../src/answer/answerQuestion.js';
import { servedStore } from '../src/search/storeSource.js';
import { formatReliability, type ScoredAnswer } from './calibration.js';
import { LOSSES, whereLost, type Loss } from './realpagesDiagnosis.js';

const QUESTIONS = 'test/eval/realpages/questions.jsonl';
const PAGES = '../shared/realpages/pages';
/** Thresholds at which the confident precision is listed. */
const SWEEP = [0.43, 0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9];
/** Ranked answers read per question for the rank figures. */
const RANKED = 5;

interface DevQuestion {
  id: string;
  q: string;
  any?: string[];
  abstain?: boolean;
  kind: string;
  split: 'train' | 'holdout';
  page?: string;
}

/** The figures of one split. */
interface SplitFigures {
  answerable: number;
  rightShown: number;
  wrongShown: number;
  hedged: number;
  nothing: number;
  rank1: number;
  top3: number;
  inShown: number;
  bm25: number;
  pageMissing: number;
  abstain: number;
  abstainNotConfident: number;
  abstainNothing: number;
  reliability: ScoredAnswer[];
  misses: string[];
  /** Per answerable question, where its right sentence was lost (or `shown`). */
  losses: Map<Loss, string[]>;
}

const holds = (answer: Answer | null | undefined, question: DevQuestion) => answer != null && (question.any ?? []).some((expected) => answer.text.includes(expected));

/** Plain BM25: the best paragraph for the question's terms, then its sentence sharing most of them (the first on a tie). */
async function plainBm25(source: ParagraphSource, question: string): Promise<string | undefined> {
  const terms = analyseQuestion(question).terms;
  const [hit] = (await source.retrieve(terms, 1)).hits;
  if (!hit) return undefined;
  const wanted = new Set(terms);
  let best: { shared: number; text: string } | undefined;
  for (const sentence of hit.paragraph.sentences) {
    const shared = new Set(sentence.terms.split(' ').filter((term) => wanted.has(term))).size;
    if (!best || shared > best.shared) best = { shared, text: hit.paragraph.text.slice(sentence.start, sentence.end) };
  }
  return best?.text;
}

async function figuresOf(archivist: Archivist, context: AnswerContext, questions: DevQuestion[], threshold: number | undefined, pages: ReadonlySet<string>): Promise<SplitFigures> {
  const figures: SplitFigures = { answerable: 0, rightShown: 0, wrongShown: 0, hedged: 0, nothing: 0, rank1: 0, top3: 0, inShown: 0, bm25: 0, pageMissing: 0, abstain: 0, abstainNotConfident: 0, abstainNothing: 0, reliability: [], misses: [], losses: new Map() };
  for (const question of questions) {
    const reply = await archivist.ask(question.q, threshold === undefined ? {} : { minConfidence: threshold });
    const ranked = await archivist.ask(question.q, { top: RANKED, minConfidence: 0 });
    const list = [...shownPassages(ranked), ...ranked.alternatives];
    if (question.abstain) {
      figures.abstain++;
      if (reply.answer === null) figures.abstainNotConfident++;
      if (reply.answer === null && !reply.suggestions) figures.abstainNothing++;
      figures.reliability.push({ confidence: ranked.answer?.confidence ?? 0, right: false });
      if (reply.answer) figures.misses.push(`${question.id} abstain, answered ${reply.answer.confidence}: ${question.q} → ${reply.answer.text.slice(0, 120)}`);
      continue;
    }
    figures.answerable++;
    if (question.page !== undefined && !pages.has(question.page)) figures.pageMissing++;
    const rank = list.findIndex((answer) => holds(answer, question)) + 1;
    if (rank === 1) figures.rank1++;
    if (rank >= 1 && rank <= 3) figures.top3++;
    figures.reliability.push({ confidence: ranked.answer?.confidence ?? 0, right: rank === 1 });
    const bm25 = await plainBm25(context.source, question.q);
    if (bm25 !== undefined && (question.any ?? []).some((expected) => bm25.includes(expected))) figures.bm25++;
    if (reply.answer) {
      if (holds(reply.answer, question)) figures.rightShown++;
      else {
        figures.wrongShown++;
        figures.misses.push(`${question.id} wrong at ${reply.answer.confidence}: ${question.q} → ${reply.answer.text.slice(0, 120)}`);
      }
    } else if (reply.suggestions) figures.hedged++;
    else figures.nothing++;
    const loss = await whereLost(context, question.q, question.any ?? [], reply);
    if (loss === 'shown') figures.inShown++;
    figures.losses.set(loss, [...(figures.losses.get(loss) ?? []), question.id]);
  }
  return figures;
}

function formatFigures(split: string, f: SplitFigures): string {
  const of = (part: number, whole: number) => `${part}/${whole} (${whole === 0 ? '—' : `${((100 * part) / whole).toFixed(0)}%`})`;
  return [
    `${split}: ${f.answerable} answerable, ${f.abstain} abstain${f.pageMissing > 0 ? ` (${f.pageMissing} answerable on pages the index lacks)` : ''}`,
    `  right answer shown (confident): ${of(f.rightShown, f.answerable)}; wrong shown: ${f.wrongShown} (and ${f.abstain - f.abstainNotConfident} abstain questions answered); confident precision ${of(f.rightShown, f.rightShown + f.wrongShown + f.abstain - f.abstainNotConfident)}`,
    `  not sure (suggestions): ${f.hedged}; nothing: ${f.nothing}`,
    `  right sentence ranked 1: ${of(f.rank1, f.answerable)}; top 3: ${of(f.top3, f.answerable)}; in what is shown: ${of(f.inShown, f.answerable)}`,
    `  where the right sentence is lost: ${LOSSES.map(([loss, label]) => `${label} ${f.losses.get(loss)?.length ?? 0}`).join('; ')}`,
    `  plain BM25 (top paragraph, then the sentence sharing most terms): ${of(f.bm25, f.answerable)}`,
    `  abstain questions not answered confidently: ${of(f.abstainNotConfident, f.abstain)}; told "nothing": ${of(f.abstainNothing, f.abstain)}`,
    `  confident precision by threshold: ${SWEEP.map((t) => { const shown = f.reliability.filter((each) => each.confidence >= t); return `${t.toFixed(2)} ${shown.filter((each) => each.right).length}/${shown.length}`; }).join(', ')}`,
    formatReliability(`${split}: confidence`, f.reliability),
  ].join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { threshold: { type: 'string' }, verbose: { type: 'boolean', default: false }, pages: { type: 'string', default: PAGES }, split: { type: 'string' } } });
  const threshold = values.threshold === undefined ? undefined : Number(values.threshold);
  const questions = (await readFile(QUESTIONS, 'utf8')).split('\n').filter((line) => line.trim() !== '').map((line) => JSON.parse(line) as DevQuestion);
  const { scoringModel } = loadCoreConfig(process.env);
  const model = scoringModel === undefined ? DEFAULT_MODEL : await readScoringModel(scoringModel);
  const archivist = await openArchivist({ corpus: values.pages, indexDir: null, model, logger: silentLogger });
  const built = await buildCorpus(await readCorpus(values.pages, silentLogger), silentLogger);
  const source = servedStore(built);
  const pages = new Set(archivist.sources().map((article) => article.articleId));
  process.stdout.write(`${values.pages}: ${pages.size} pages indexed; answer threshold ${threshold ?? model.answerThreshold}\n\n`);
  for (const split of (['train', 'holdout'] as const).filter((each) => values.split === undefined || each === values.split)) {
    const figures = await figuresOf(archivist, { source, model }, questions.filter((question) => question.split === split), threshold, pages);
    const lost = LOSSES.filter(([loss]) => loss !== 'shown').map(([loss, label]) => `  ${label}: ${(figures.losses.get(loss) ?? []).join(' ')}\n`);
    const listed = values.verbose === true && (split === 'train' || values.split === 'holdout');
    process.stdout.write(`${formatFigures(split, figures)}\n${listed ? [...figures.misses.map((miss) => `  ✗ ${miss}\n`), ...lost].join('') : ''}\n`);
  }
  await archivist.close();
}

await main();
