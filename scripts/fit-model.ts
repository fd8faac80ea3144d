/**
 * `npm run fit`: fits the answer stage's ranking weights and its confidence, prints what
 * they score on the data they were fitted on, and writes them, versioned, to `--out`
 * (default `src/answer/scoringModel.json`, the shipped model; another path plus
 * `ARCHIVIST_SCORING_MODEL` tries a model without shipping it; `--dry-run` prints without
 * writing). Fitted on two sets, never on an evaluation set:
 * - the SQuAD `tune` titles (never `holdout`): v1.1 questions for the ranking, v2.0
 *   answerable and unanswerable questions for the confidence;
 * - news questions over the seeds written for training (`test/eval/seed-questions-train.jsonl`,
 *   by someone who had not seen the evaluation sets), so that the weights also learn
 *   what SQuAD cannot teach: questions that do not copy the article's words, answers in
 *   the paragraph after the one that matched.
 *
 * Both fits start from the weights of `--start` (default the hand-set model,
 * `docs/quality/hand-set-2.json`, so that a refit reproduces the shipped model instead of
 * drifting from it) and are pulled towards them (`--prior-strength`; `--anchor a,b` holds
 * the named ranking weights there with `--anchor-strength`).
 * Ranking: a listwise (softmax) linear fit over each question's candidate sentences, the
 * right sentence being the target (`--ranking start` keeps the starting model's ranking
 * weights and fits the confidence only). Evidence for an answer keeps a non-negative
 * ranking weight and evidence against a non-positive one (`--free-ranking` lifts that),
 * so that no correlation between features can teach that more of the question's words
 * make a worse answer. By default `titleCoverage` is held out of the ranking: a
 * SQuAD title names the topic of its one-paragraph article, which a news headline does
 * not; the confidence still weighs it.
 * Confidence: a logistic fit on the best candidate's features, the squares of the graded
 * ones, and its lead, in two steps (`--confidence-label calibrated`, the default). First
 * the weights learn to tell SQuAD 2.0's answerable `tune` questions from its unanswerable
 * ones (what "I don't know" means, and what the benchmark's AUROC measures), a news
 * training question's right answer from a wrong one, and off-topic questions (the SQuAD
 * `tune` questions asked of the news articles) as wrong. Then a calibration σ(a·score + b)
 * is fitted on whether the answer shown is right, everywhere, and folded into the weights
 * (a·w, a·bias + b): it keeps the order of the scores, and makes the confidence mean
 * "probably right": among answers shown at confidence c, about c are right.
 * (`correct` labels every row by whether its answer is right in one step; `answerable`
 * is the old label.) The same signs hold for its weights.
 * Chat threshold: the confidence that does best on the news training questions, scored
 * by fits that never saw their article (cross-validated by article), when a wrong answer
 * shown costs `--wrong-cost` (1) right ones: an answer is shown when it is more likely right than wrong. The run prints reliability tables: the news
 * questions cross-validated by article, and SQuAD `tune`.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { bestPerParagraph, leadOver, prepareQuestion, rankCandidates, toAnswer, type AnswerContext, type Candidate } from '../src/answer/answerQuestion.js';
import { FEATURE_NAMES } from '../src/answer/sentenceFeatures.js';
import { readScoringModel } from '../src/answer/readScoringModel.js';
import { DEFAULT_MODEL, type ScoringModel } from '../src/answer/scoring.js';
import { readCorpus } from '../src/ingest/readCorpus.js';
import { silentLogger } from '../src/logger.js';
import { buildCorpus } from '../src/search/buildIndex.js';
import type { CorpusStore } from '../src/search/corpusStore.js';
import { servedStore } from '../src/search/storeSource.js';
import { formatReliability, thresholdForCost, type ScoredAnswer } from './calibration.js';
import { confidenceRow, confidenceSigns, confidenceWeightsOf, evidenceSign, monotoneSquares, round, vector, weightsByName } from './fitFeatures.js';
import { dot, fitListwise, fitLogistic, sigmoid, type LabelledRow, type RankingGroup } from './fitting.js';
import { auroc, isCorrect, loadSquad } from './squadData.js';

/** One training question: its ranked candidates, which of them are right, whether it has an answer, how much it counts. */
interface Example {
  candidates: Candidate[];
  /** Each candidate's features as a vector (computed once: every fit reads them). */
  rows: number[][];
  right: (candidate: Candidate) => boolean;
  answerable: boolean;
  weight: number;
  kind: 'squad' | 'news' | 'off-topic';
  /** For a news question: the article (index in the news store) it is about, for cross-validation by article. */
  article?: number;
}

/** A news question of the training file: expected substrings, or `abstain`. */
interface NewsQuestion {
  q: string;
  any?: string[];
  abstain?: boolean;
}

/** The settings of one fit. */
interface FitSettings {
  start: ScoringModel;
  newsShare: number;
  confidenceNewsShare: number;
  offTopicShare: number;
  priorStrength: number;
  anchored: ReadonlySet<string>;
  anchorStrength: number;
  ranking: 'fit' | 'start';
  freeRanking: boolean;
  label: 'calibrated' | 'correct' | 'answerable';
}

/** What one fit gives: its weights, and a scorer of any example (its top candidate, whether it is right, its confidence). */
interface Fitted {
  rankWeights: number[];
  confidenceWeights: number[];
  score: (example: Example) => ScoredAnswer & { top: Candidate | undefined };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'dry-run': { type: 'boolean', default: false },
      out: { type: 'string', default: 'src/answer/scoringModel.json' },
      start: { type: 'string', default: 'docs/quality/hand-set-2.json' },
      news: { type: 'string', default: 'test/eval/seed-questions-train.jsonl' },
      'news-corpus': { type: 'string', default: 'seeds' },
      'news-share': { type: 'string', default: '0.65' },
      'prior-strength': { type: 'string', default: '0.0001' },
      anchor: { type: 'string', default: 'titleCoverage' },
      'anchor-strength': { type: 'string', default: '10' },
      ranking: { type: 'string', default: 'fit' },
      'free-ranking': { type: 'boolean', default: false },
      'confidence-news-share': { type: 'string', default: '0.5' },
      'off-topic-share': { type: 'string', default: '0.2' },
      'confidence-label': { type: 'string', default: 'calibrated' },
      'wrong-cost': { type: 'string', default: '1' },
      'no-cv': { type: 'boolean', default: false },
    },
  });
  if (values.ranking !== 'fit' && values.ranking !== 'start') throw new Error(`--ranking is fit or start, not ${values.ranking}`);
  const label = values['confidence-label'];
  if (label !== 'calibrated' && label !== 'correct' && label !== 'answerable') throw new Error(`--confidence-label is calibrated, correct or answerable, not ${label}`);
  const settings: FitSettings = {
    start: await readScoringModel(values.start),
    newsShare: Number(values['news-share']),
    confidenceNewsShare: Number(values['confidence-news-share']),
    offTopicShare: Number(values['off-topic-share']),
    priorStrength: Number(values['prior-strength']),
    anchored: new Set(values.anchor.split(',').filter(Boolean)),
    anchorStrength: Number(values['anchor-strength']),
    ranking: values.ranking,
    freeRanking: values['free-ranking'],
    label,
  };
  const examples = await trainingExamples(values.news, values['news-corpus']);
  const news = examples.filter((example) => example.kind === 'news');

  const fitted = fitOn(examples, settings);
  // The news questions scored by fits that never saw their article: the reliability table and the chat threshold.
  // Each fold starts from the whole fit's weights (both fits are convex, so the start only saves iterations).
  const articles = [...new Set(news.map((example) => example.article ?? -1))].sort((a, b) => a - b);
  const heldOut: ScoredAnswer[] = [];
  for (const article of values['no-cv'] ? [] : articles) {
    const fold = fitOn(examples.filter((example) => example.kind !== 'news' || example.article !== article), settings, { rank: fitted.rankWeights, confidence: fitted.confidenceWeights });
    for (const example of news) if (example.article === article) heldOut.push(fold.score(example));
    process.stderr.write(`fold: article ${article} held out\n`);
  }
  // Without the cross-validation (--no-cv, for quick trials), the threshold is read from the fit's own news questions.
  const scoredNews = heldOut.length > 0 ? heldOut : news.map(fitted.score);
  const threshold = thresholdForCost(scoredNews, Number(values['wrong-cost']));
  const model: ScoringModel = {
    version: `fitted-${new Date().toISOString().slice(0, 10)}`,
    fittedOn:
      `SQuAD tune titles (${examples.filter((example) => example.kind === 'squad' && example.weight > 0 && isRanking(example)).length} v1.1 questions for the ranking, ${examples.filter((example) => example.kind === 'squad' && !isRanking(example)).length} v2.0 for the confidence) ` +
      `and ${news.length} news training questions over the seeds (${(100 * settings.newsShare).toFixed(0)}% of the ranking weight, ${(100 * settings.confidenceNewsShare).toFixed(0)}% of the confidence weight), ` +
      `and the tune questions asked of the news articles as off-topic (${(100 * settings.offTopicShare).toFixed(0)}% of the confidence weight); confidence labelled ${settings.label}; scripts/fit-model.ts`,
    rank: weightsByName(fitted.rankWeights),
    confidence: {
      ...weightsByName(fitted.confidenceWeights),
      margin: round(fitted.confidenceWeights[2 * FEATURE_NAMES.length] ?? 0),
      bias: round(fitted.confidenceWeights[2 * FEATURE_NAMES.length + 1] ?? 0),
    },
    confidenceSquared: weightsByName(fitted.confidenceWeights.slice(FEATURE_NAMES.length, 2 * FEATURE_NAMES.length)),
    answerThreshold: threshold,
    confidentThreshold: Math.max(settings.start.confidentThreshold, threshold),
  };
  process.stdout.write(`${JSON.stringify(model, null, 2)}\n`);
  process.stdout.write(`${report(examples, fitted, heldOut, threshold)}\n`);
  if (!values['dry-run']) {
    await mkdir(path.dirname(values.out), { recursive: true });
    await writeFile(values.out, `${JSON.stringify(model, null, 2)}\n`);
    process.stdout.write(`wrote ${values.out}; run npm run build to use it\n`);
  }
}

/** Whether a SQuAD example is a ranking one (v1.1) rather than an abstention one (v2.0). */
const rankingExamples = new WeakSet<Example>();
function isRanking(example: Example): boolean {
  return rankingExamples.has(example);
}

/** Every training question with its candidates: SQuAD `tune` (ranking and abstention), the news training questions, and the off-topic ones. */
async function trainingExamples(newsFile: string, newsCorpus: string): Promise<Example[]> {
  const benchmark = await loadSquad();
  const tune = new Set(benchmark.splits.tune);
  const squad = await openContext(benchmark.corpusFile);
  const news = await openContext(newsCorpus);
  const squadRight = (question: (typeof benchmark.questions)[number]) => (candidate: Candidate) => isCorrect(toAnswer(candidate, 0), question, benchmark.sentences);
  const examples: Example[] = [];
  for (const question of benchmark.questions) {
    if (!tune.has(question.title)) continue;
    const example: Example = { ...(await candidatesOf(squad, question.question)), right: squadRight(question), answerable: true, weight: 1, kind: 'squad' };
    rankingExamples.add(example);
    examples.push(example);
  }
  const byId = new Map(benchmark.questions.map((question) => [question.id, question]));
  for (const [questions, answerable] of [[benchmark.answerable, true], [benchmark.unanswerable, false]] as const) {
    for (const item of questions) {
      const gold = byId.get(item.id);
      if (!tune.has(item.title)) continue;
      examples.push({ ...(await candidatesOf(squad, item.question)), right: answerable && gold ? squadRight(gold) : () => false, answerable, weight: 1, kind: 'squad' });
    }
  }
  const newsQuestions = (await readFile(newsFile, 'utf8')).split('\n').filter((line) => line.trim() !== '').map((line) => JSON.parse(line) as NewsQuestion);
  for (const question of newsQuestions) {
    const { candidates, rows } = await candidatesOf(news, question.q);
    const right = (candidate: Candidate) => (question.any ?? []).some((expected) => toAnswer(candidate, 0).text.includes(expected));
    const answerable = question.abstain !== true;
    examples.push({ candidates, rows, right, answerable, weight: 1, kind: 'news', article: articleOf(news, question, candidates) });
  }
  for (const question of benchmark.questions) {
    if (tune.has(question.title)) examples.push({ ...(await candidatesOf(news, question.question)), right: () => false, answerable: false, weight: 1, kind: 'off-topic' });
  }
  return examples;
}

/** The article a news question is about: the one whose text holds its expected answer, or (unanswerable) the one its best candidate comes from. */
function articleOf(context: FitCorpus, question: NewsQuestion, candidates: Candidate[]): number {
  for (const paragraph of Object.values(context.store.paragraphs)) {
    if ((question.any ?? []).some((expected) => paragraph.text.includes(expected))) return paragraph.article;
  }
  return candidates[0]?.paragraph.article ?? -1;
}

/** Where a fit starts: the starting model's weights unless given (a fold starts from the whole fit's, and takes a third of the iterations). */
interface WarmStart {
  rank: number[];
  confidence: number[];
}

/** Fits the ranking and the confidence on some examples (the weights of news and off-topic examples set by the shares). */
function fitOn(examples: Example[], settings: FitSettings, warm?: WarmStart): Fitted {
  const squadRanking = examples.filter((example) => example.kind === 'squad' && isRanking(example));
  const squadAbstention = examples.filter((example) => example.kind === 'squad' && !isRanking(example));
  const news = examples.filter((example) => example.kind === 'news');
  const offTopic = examples.filter((example) => example.kind === 'off-topic');
  const weighNews = (against: number, share: number) => news.map((example) => ({ ...example, weight: (share / (1 - share)) * (against / Math.max(news.length, 1)) }));

  const ranking = [...squadRanking, ...weighNews(squadRanking.length, settings.newsShare).filter((example) => example.answerable)];
  const groups: RankingGroup[] = ranking.map(({ candidates, rows, right, weight }) => ({ rows, correct: candidates.map(right), weight }));
  // The fit starts from the starting model's weights and is pulled towards them (a Gaussian prior).
  const prior = vector(settings.start.rank);
  const rankStrength = FEATURE_NAMES.map((name) => (settings.anchored.has(name) ? settings.anchorStrength : settings.priorStrength));
  const rankSigns = settings.freeRanking ? [] : FEATURE_NAMES.map(evidenceSign);
  const rankWeights = settings.ranking === 'start' ? prior : fitListwise(groups, warm?.rank ?? prior, { iterations: warm ? 100 : 300, prior, l2: rankStrength, signs: rankSigns });
  const best = (example: Example) => {
    const ranked = rankedBy(rankWeights, example);
    const top = ranked[0];
    return { ranked, top, right: example.answerable && top !== undefined && example.right(top) };
  };

  const offTopicWeight = (settings.offTopicShare / (1 - settings.offTopicShare)) * (squadAbstention.length / Math.max(offTopic.length, 1));
  const abstention = [...squadAbstention, ...weighNews(squadAbstention.length, settings.confidenceNewsShare), ...offTopic.map((example) => ({ ...example, weight: offTopicWeight }))];
  const rows = abstention.flatMap((example) => {
    const { ranked, top, right } = best(example);
    return top ? [{ example, right, row: confidenceRow(top.features, leadOver(ranked, 0)) }] : [];
  });
  // What the weights learn to tell apart: SQuAD's answerable questions from its unanswerable ones (what
  // "I don't know" means), and a news question's right answer from a wrong one; with `correct`, right answers everywhere.
  const positive = ({ example, right }: (typeof rows)[number]) => (settings.label === 'answerable' || (settings.label === 'calibrated' && example.kind === 'squad') ? example.answerable : right);
  const labelled: LabelledRow[] = rows.map((item) => ({ row: item.row, label: positive(item) ? 1 : 0, weight: item.example.weight }));
  const confidencePrior = confidenceWeightsOf(settings.start);
  const scoreWeights = fitLogistic(labelled, warm?.confidence ?? confidencePrior, {
    iterations: warm ? 1500 : 4000,
    prior: confidencePrior,
    l2: settings.priorStrength,
    signs: confidenceSigns(),
    monotone: monotoneSquares(),
  });
  // Calibration for correctness: confidence = σ(a·score + b), a and b fitted on whether the answer shown is right.
  // It keeps the order of the scores (so the AUROC), and folds into the weights: a·w, and a·bias + b.
  const [scale = 1, shift = 0] =
    settings.label === 'calibrated'
      ? fitLogistic(
          rows.map((item) => ({ row: [dot(scoreWeights, item.row), 1], label: item.right ? 1 : 0, weight: item.example.weight })),
          [1, 0],
          { iterations: 2000, l2: 0, signs: [1, 0] },
        )
      : [1, 0];
  const confidenceWeights = scoreWeights.map((weight, index) => scale * weight + (index === scoreWeights.length - 1 ? shift : 0));
  return {
    rankWeights,
    confidenceWeights,
    score: (example) => {
      const { ranked, top, right } = best(example);
      return { top, right, confidence: top ? sigmoid(dot(confidenceWeights, confidenceRow(top.features, leadOver(ranked, 0)))) : 0 };
    },
  };
}

/** What the shipped fit scores on its own training data, and the held-out news reliability. */
function report(examples: Example[], fitted: Fitted, heldOut: ScoredAnswer[], threshold: number): string {
  const share = (part: number, whole: number) => `${((100 * part) / Math.max(whole, 1)).toFixed(1)}%`;
  const scored = examples.map((example) => ({ example, ...fitted.score(example) }));
  const squadRanking = scored.filter((item) => item.example.kind === 'squad' && isRanking(item.example));
  const squadAbstention = scored.filter((item) => item.example.kind === 'squad' && !isRanking(item.example));
  const positives = squadAbstention.filter((item) => item.example.answerable).map((item) => item.confidence);
  const negatives = squadAbstention.filter((item) => !item.example.answerable).map((item) => item.confidence);
  const news = scored.filter((item) => item.example.kind === 'news');
  const offTopic = scored.filter((item) => item.example.kind === 'off-topic');
  const shownHeldOut = heldOut.filter((item) => item.confidence >= threshold);
  return [
    `SQuAD tune: R@1 ${(squadRanking.filter((item) => item.right).length / squadRanking.length).toFixed(3)}; abstention AUROC ${auroc(positives, negatives).toFixed(3)}; at threshold ${threshold}: ` +
      `${share(negatives.filter((value) => value < threshold).length, negatives.length)} unanswerable declined, ${share(positives.filter((value) => value >= threshold).length, positives.length)} answerable answered`,
    `news training (in sample): top-1 right ${share(news.filter((item) => item.right).length, news.filter((item) => item.example.answerable).length)} of the answerable`,
    `news training, cross-validated by article: ${heldOut.length} questions, ${shownHeldOut.length} answered at ${threshold}, ${shownHeldOut.filter((item) => !item.right).length} of them wrong; ${heldOut.filter((item) => item.right && item.confidence >= threshold).length} right answers shown`,
    `off-topic (SQuAD tune questions asked of the news articles): ${share(offTopic.filter((item) => item.confidence < threshold).length, offTopic.length)} declined`,
    '',
    formatReliability('news, cross-validated by article', heldOut),
    '',
    formatReliability('SQuAD tune (v1.1 and v2.0 questions, in sample)', [...squadRanking, ...squadAbstention.filter((item) => !item.example.answerable)]),
  ].join('\n');
}

/** A training question's candidates re-scored with ranking weights: the best of each paragraph, best first. */
function rankedBy(weights: number[], example: Example): Candidate[] {
  return bestPerParagraph(example.candidates.map((candidate, index) => ({ ...candidate, score: dot(weights, example.rows[index] ?? []) })).sort((a, b) => b.score - a.score));
}

/** A corpus to fit on: what answering reads, and its store (the fit looks up which article holds an expected answer). */
type FitCorpus = AnswerContext & { store: CorpusStore };

async function openContext(corpus: string): Promise<FitCorpus> {
  const built = await buildCorpus(await readCorpus(corpus, silentLogger), silentLogger);
  return { source: servedStore(built), store: built.store, model: DEFAULT_MODEL, readText: true };
}

async function candidatesOf(context: AnswerContext, question: string): Promise<{ candidates: Candidate[]; rows: number[][] }> {
  const candidates = await rankCandidates(context, prepareQuestion(context.source.statistics, question));
  return { candidates, rows: candidates.map((candidate) => vector(candidate.features)) };
}

await main();
