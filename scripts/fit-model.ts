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
 * not; the confidence still weighs it. Confidence: a logistic fit on the best candidate's features,
 * the squares of the graded ones, and its lead, labelled 1 when the articles answer the
 * question and 0 when they do not: SQuAD 2.0's unanswerable `tune` questions, the news
 * training set's, and off-topic ones (the SQuAD `tune` questions asked of the news
 * articles, which teach what SQuAD alone cannot: a question about something else
 * entirely). The same signs hold for its weights. Chat threshold: the confidence that best separates
 * the news training questions answered right from the rest, as long as it still answers
 * at least 85% of the answerable SQuAD `tune` questions.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { bestPerParagraph, leadOver, prepareQuestion, rankCandidates, toAnswer, type AnswerContext, type Candidate } from '../src/answer/answerQuestion.js';
import { FEATURE_NAMES, type SentenceFeatures } from '../src/answer/sentenceFeatures.js';
import { readScoringModel } from '../src/answer/readScoringModel.js';
import { DEFAULT_MODEL, MAX_MARGIN, type ScoringModel } from '../src/answer/scoring.js';
import { readCorpus } from '../src/ingest/readCorpus.js';
import { silentLogger } from '../src/logger.js';
import { buildCorpus } from '../src/search/buildIndex.js';
import { servedStore } from '../src/search/storeSource.js';
import { dot, fitListwise, fitLogistic, sigmoid, type LabelledRow, type RankingGroup } from './fitting.js';
import { auroc, isCorrect, loadSquad } from './squadData.js';

/** Share of answerable SQuAD `tune` questions the chat threshold must still answer. */
const ANSWERED_AT_THRESHOLD = 0.85;

/** One training question: its ranked candidates, which of them are right, whether it has an answer, how much it counts. */
interface Example {
  candidates: Candidate[];
  right: (candidate: Candidate) => boolean;
  answerable: boolean;
  weight: number;
  news: boolean;
  offTopic?: boolean;
}

/** A news question of the training file: expected substrings, or `abstain`. */
interface NewsQuestion {
  q: string;
  any?: string[];
  abstain?: boolean;
}

const vector = (features: SentenceFeatures): number[] => FEATURE_NAMES.map((name) => features[name]);

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
    },
  });
  const start = await readScoringModel(values.start);
  const benchmark = await loadSquad();
  const tune = new Set(benchmark.splits.tune);
  const squad = await openContext(benchmark.corpusFile);
  const news = await openContext(values['news-corpus']);
  const squadRight = (question: (typeof benchmark.questions)[number]) => (candidate: Candidate) =>
    isCorrect(toAnswer(candidate, 0), question, benchmark.sentences);

  const squadRanking: Example[] = [];
  for (const question of benchmark.questions) {
    if (tune.has(question.title)) squadRanking.push({ candidates: await candidatesOf(squad, question.question), right: squadRight(question), answerable: true, weight: 1, news: false });
  }
  const byId = new Map(benchmark.questions.map((question) => [question.id, question]));
  const squadAbstention: Example[] = [];
  for (const [questions, answerable] of [[benchmark.answerable, true], [benchmark.unanswerable, false]] as const) {
    for (const item of questions) {
      const gold = byId.get(item.id);
      if (!tune.has(item.title)) continue;
      const right = answerable && gold ? squadRight(gold) : () => false;
      squadAbstention.push({ candidates: await candidatesOf(squad, item.question), right, answerable, weight: 1, news: false });
    }
  }
  const newsQuestions = (await readFile(values.news, 'utf8')).split('\n').filter((line) => line.trim() !== '').map((line) => JSON.parse(line) as NewsQuestion);
  const newsExamples: Example[] = [];
  for (const question of newsQuestions) {
    const candidates = await candidatesOf(news, question.q);
    const right = (candidate: Candidate) => (question.any ?? []).some((expected) => toAnswer(candidate, 0).text.includes(expected));
    newsExamples.push({ candidates, right, answerable: question.abstain !== true, weight: 1, news: true });
  }
  const weighNews = (against: number, share: number) => newsExamples.map((example) => ({ ...example, weight: (share / (1 - share)) * (against / newsExamples.length) }));
  const offTopic: Example[] = [];
  for (const question of benchmark.questions) {
    if (tune.has(question.title)) offTopic.push({ candidates: await candidatesOf(news, question.question), right: () => false, answerable: false, weight: 1, news: false, offTopic: true });
  }

  const rankingExamples = [...squadRanking, ...weighNews(squadRanking.length, Number(values['news-share'])).filter((example) => example.answerable)];
  const groups: RankingGroup[] = rankingExamples.map(({ candidates, right, weight }) => ({ rows: candidates.map((candidate) => vector(candidate.features)), correct: candidates.map(right), weight }));
  // The fit starts from the starting model's weights and is pulled towards them (a Gaussian prior).
  const prior = vector(start.rank);
  const anchored = new Set(values.anchor.split(',').filter(Boolean));
  const rankStrength = FEATURE_NAMES.map((name) => Number(anchored.has(name) ? values['anchor-strength'] : values['prior-strength']));
  if (values.ranking !== 'fit' && values.ranking !== 'start') throw new Error(`--ranking is fit or start, not ${values.ranking}`);
  const rankSigns = values['free-ranking'] ? [] : FEATURE_NAMES.map(evidenceSign);
  const rankWeights = values.ranking === 'start' ? prior : fitListwise(groups, prior, { iterations: 300, prior, l2: rankStrength, signs: rankSigns });
  const best = (example: Example) => {
    const ranked = rankedBy(rankWeights, example);
    return { ranked, top: ranked[0], right: ranked[0] !== undefined && example.right(ranked[0]) };
  };

  const offTopicWeight = (Number(values['off-topic-share']) / (1 - Number(values['off-topic-share']))) * (squadAbstention.length / Math.max(offTopic.length, 1));
  const abstentionExamples = [
    ...squadAbstention,
    ...weighNews(squadAbstention.length, Number(values['confidence-news-share'])),
    ...offTopic.map((example) => ({ ...example, weight: offTopicWeight })),
  ];
  const rows = abstentionExamples.flatMap((example) => {
    const { ranked, top, right } = best(example);
    return top ? [{ example, right, row: confidenceRow(top.features, leadOver(ranked, 0)) }] : [];
  });
  const labelled: LabelledRow[] = rows.map(({ example, row }) => ({ row, label: example.answerable ? 1 : 0, weight: example.weight }));
  const confidencePrior = confidenceWeightsOf(start);
  const confidenceWeights = fitLogistic(labelled, confidencePrior, {
    iterations: 4000,
    prior: confidencePrior,
    l2: Number(values['prior-strength']),
    signs: confidenceSigns(),
    monotone: monotoneSquares(),
  });
  const scored = rows.map((item) => ({ ...item, confidence: sigmoid(dot(confidenceWeights, item.row)) }));
  const squadScored = scored.filter((item) => !item.example.news && !item.example.offTopic);
  const offTopicScored = scored.filter((item) => item.example.offTopic);
  const newsScored = scored.filter((item) => item.example.news);
  const positives = squadScored.filter((item) => item.example.answerable).map((item) => item.confidence);
  const negatives = squadScored.filter((item) => !item.example.answerable).map((item) => item.confidence);
  const threshold = chatThreshold(newsScored, positives);

  const model: ScoringModel = {
    version: `fitted-${new Date().toISOString().slice(0, 10)}`,
    fittedOn:
      `SQuAD tune titles (${squadRanking.length} v1.1 questions for the ranking, ${squadAbstention.length} v2.0 for the confidence) ` +
      `and ${newsExamples.length} news training questions over the seeds (${(100 * Number(values['news-share'])).toFixed(0)}% of the ranking weight, ${(100 * Number(values['confidence-news-share'])).toFixed(0)}% of the confidence weight), ` +
      `and the tune questions asked of the news articles as off-topic (${(100 * Number(values['off-topic-share'])).toFixed(0)}% of the confidence weight); scripts/fit-model.ts`,
    rank: weightsByName(rankWeights),
    confidence: {
      ...weightsByName(confidenceWeights),
      margin: round(confidenceWeights[2 * FEATURE_NAMES.length] ?? 0),
      bias: round(confidenceWeights[2 * FEATURE_NAMES.length + 1] ?? 0),
    },
    confidenceSquared: weightsByName(confidenceWeights.slice(FEATURE_NAMES.length, 2 * FEATURE_NAMES.length)),
    answerThreshold: round(threshold),
    confidentThreshold: start.confidentThreshold,
  };
  const share100 = (part: number, whole: number) => `${((100 * part) / Math.max(whole, 1)).toFixed(1)}%`;
  const squadR1 = squadRanking.filter((example) => best(example).right).length;
  const newsAnswerable = newsScored.filter((item) => item.example.answerable);
  const newsUnanswerable = newsScored.filter((item) => !item.example.answerable);
  process.stdout.write(`${JSON.stringify(model, null, 2)}\n`);
  process.stdout.write(
    [
      `news training, starting model (${start.version}) at ${start.answerThreshold}: ${startOnNews(start, newsExamples)}`,
      `SQuAD tune: R@1 ${(squadR1 / squadRanking.length).toFixed(3)}; abstention AUROC ${auroc(positives, negatives).toFixed(3)}; at threshold ${model.answerThreshold}: ` +
        `${share100(negatives.filter((value) => value < threshold).length, negatives.length)} unanswerable declined, ${share100(positives.filter((value) => value >= threshold).length, positives.length)} answerable answered`,
      `news training: top-1 right ${share100(newsAnswerable.filter((item) => item.right).length, newsAnswerable.length)}; at threshold: ` +
        `${share100(newsAnswerable.filter((item) => item.right && item.confidence >= threshold).length, newsAnswerable.length)} answered right, ` +
        `${share100(newsUnanswerable.filter((item) => item.confidence < threshold).length, newsUnanswerable.length)} unanswerable declined`,
      `off-topic (SQuAD tune questions asked of the news articles): ${share100(offTopicScored.filter((item) => item.confidence < threshold).length, offTopicScored.length)} declined`,
    ].join('\n') + '\n',
  );
  if (!values['dry-run']) {
    await mkdir(path.dirname(values.out), { recursive: true });
    await writeFile(values.out, `${JSON.stringify(model, null, 2)}\n`);
    process.stdout.write(`wrote ${values.out}; run npm run build to use it\n`);
  }
}

/** The confidence weights of a model in the order of `confidenceRow`. */
function confidenceWeightsOf(model: ScoringModel): number[] {
  return [...FEATURE_NAMES.map((name) => model.confidence[name]), ...FEATURE_NAMES.map((name) => model.confidenceSquared[name]), model.confidence.margin, model.confidence.bias];
}

/** How a model does on the news training questions: answered right, and unanswerable declined, at its threshold. */
function startOnNews(model: ScoringModel, examples: Example[]): string {
  const rank = vector(model.rank);
  const confidence = confidenceWeightsOf(model);
  let right = 0;
  let declined = 0;
  for (const example of examples) {
    const ranked = rankedBy(rank, example);
    const top = ranked[0];
    const answered = top !== undefined && sigmoid(dot(confidence, confidenceRow(top.features, leadOver(ranked, 0)))) >= model.answerThreshold;
    if (example.answerable && answered && top && example.right(top)) right++;
    if (!example.answerable && !answered) declined++;
  }
  const answerable = examples.filter((example) => example.answerable).length;
  return `${((100 * right) / answerable).toFixed(1)}% answered right, ${((100 * declined) / Math.max(examples.length - answerable, 1)).toFixed(1)}% unanswerable declined`;
}

/** A training question's candidates re-scored with ranking weights: the best of each paragraph, best first. */
function rankedBy(weights: number[], example: Example): Candidate[] {
  return bestPerParagraph(example.candidates.map((candidate) => ({ ...candidate, score: dot(weights, vector(candidate.features)) })).sort((a, b) => b.score - a.score));
}

async function openContext(corpus: string): Promise<AnswerContext> {
  return { source: servedStore(await buildCorpus(await readCorpus(corpus, silentLogger), silentLogger)), model: DEFAULT_MODEL, readText: true };
}

async function candidatesOf(context: AnswerContext, question: string): Promise<Candidate[]> {
  return rankCandidates(context, prepareQuestion(context.source.statistics, question));
}

/**
 * Features whose square the confidence may weigh: graded evidence for an answer. Evidence
 * against (missing terms, names, a negation the sentence lacks) stays linear, so that
 * more of it never raises the confidence; a square adds nothing to a 0/1 feature.
 */
const SQUARED: ReadonlySet<keyof SentenceFeatures> = new Set([
  ...['paragraph', 'paragraphCoverage', 'coverage', 'contextCoverage', 'sentenceRelevance', 'looseCoverage', 'matched', 'bigrams', 'proximity'],
  ...['typeMatch', 'valueMatch', 'typedContext', 'placeMatch', 'personMatch', 'length', 'localCoverage', 'titleCoverage', 'wordOverlap', 'contextWordOverlap', 'referredWordOverlap', 'wordPairs', 'questionTerms'],
] as const);

/** Evidence for an answer: its confidence weight may not be negative. */
const EVIDENCE_FOR: ReadonlySet<keyof SentenceFeatures> = new Set([
  ...['paragraph', 'paragraphRank', 'paragraphCoverage', 'coverage', 'contextCoverage', 'sentenceRelevance', 'looseCoverage', 'matched', 'articleDate'],
  ...['bigrams', 'proximity', 'typeMatch', 'valueMatch', 'typedContext', 'placeMatch', 'personMatch', 'localCoverage', 'titleCoverage', 'wordOverlap', 'contextWordOverlap', 'referredWordOverlap', 'wordPairs'],
] as const);
/** Evidence against: its confidence weight may not be positive. */
const EVIDENCE_AGAINST: ReadonlySet<keyof SentenceFeatures> = new Set([
  ...['missingRarest', 'unknownTerms', 'typeMissing', 'valueMissing', 'placeMissing', 'personMissing', 'fragment'],
  ...['negationMismatch', 'markersMissing', 'missingTerms', 'namesMissing', 'numbersMissing', 'sentenceNamesMissing', 'sentenceNumbersMissing', 'antonym'],
] as const);

/** The sign a feature's weight must keep: 1 for evidence for an answer, -1 for evidence against, 0 for the others. */
function evidenceSign(name: keyof SentenceFeatures): -1 | 0 | 1 {
  return EVIDENCE_FOR.has(name) ? 1 : EVIDENCE_AGAINST.has(name) ? -1 : 0;
}

/** The sign each confidence weight must keep, in the order of `confidenceRow` (a longer lead may only help). */
function confidenceSigns(): number[] {
  const linear = FEATURE_NAMES.map(evidenceSign);
  return [...linear, ...FEATURE_NAMES.map(() => 0), 1, 0];
}

/** Evidence with a square in the confidence: its whole effect may only rise with it (evidence for) or only fall (against), in the order of `confidenceRow`. */
function monotoneSquares(): Array<{ linear: number; squared: number; sign: 1 | -1 }> {
  return FEATURE_NAMES.flatMap((name, index) => {
    const sign = evidenceSign(name);
    return SQUARED.has(name) && sign !== 0 ? [{ linear: index, squared: FEATURE_NAMES.length + index, sign }] : [];
  });
}

/** The confidence's inputs: the sentence features, the squares of `SQUARED` ones (0 for the others), the lead over the next candidate (capped), and a constant for the bias. */
function confidenceRow(features: SentenceFeatures, lead: number): number[] {
  const values = vector(features);
  return [...values, ...FEATURE_NAMES.map((name) => (SQUARED.has(name) ? features[name] ** 2 : 0)), Math.min(lead, MAX_MARGIN), 1];
}

/**
 * The threshold that gets most news training questions right (answered right, or
 * unanswerable and declined), among those that still answer `ANSWERED_AT_THRESHOLD` of
 * the answerable SQuAD questions.
 */
function chatThreshold(news: Array<{ example: Example; right: boolean; confidence: number }>, squadAnswerable: number[]): number {
  const sorted = [...squadAnswerable].sort((a, b) => a - b);
  const ceiling = sorted[Math.floor((1 - ANSWERED_AT_THRESHOLD) * sorted.length)] ?? 0.5;
  let best = { threshold: ceiling, good: -1 };
  for (let threshold = 0.01; threshold <= ceiling; threshold += 0.01) {
    const good = news.filter((item) => (item.example.answerable ? item.right && item.confidence >= threshold : item.confidence < threshold)).length;
    if (good > best.good) best = { threshold, good };
  }
  return best.threshold;
}

function weightsByName(weights: number[]): Record<keyof SentenceFeatures, number> {
  return Object.fromEntries(FEATURE_NAMES.map((name, k) => [name, round(weights[k] ?? 0)])) as Record<keyof SentenceFeatures, number>;
}

function round(value: number): number {
  return Math.round(value * 10000) / 10000;
}

await main();
