/**
 * `npm run fit`: fits the answer stage's ranking weights and its confidence, prints what
 * they score on the data they were fitted on, and writes them, versioned, to `--out`
 * (default `docs/quality/fitted-model.json`; copy it over `src/answer/scoringModel.json`
 * to ship it; `--dry-run` prints without writing). Fitted on two sets, never on an evaluation set:
 * - the SQuAD `tune` titles (never `holdout`): v1.1 questions for the ranking, v2.0
 *   answerable and unanswerable questions for the confidence;
 * - news questions over the seeds written for training (`test/eval/seed-questions-train.jsonl`,
 *   by someone who had not seen the evaluation sets), so that the weights also learn
 *   what SQuAD cannot teach: questions that do not copy the article's words, answers in
 *   the paragraph after the one that matched.
 *
 * Ranking: a listwise (softmax) linear fit over each question's candidate sentences, the
 * right sentence being the target. Both fits start from the shipped weights and are pulled
 * towards them (`--prior-strength`). Confidence: a logistic fit on the best candidate's
 * features and its lead, labelled 1 when the best sentence is right and 0 when it is
 * wrong or the question has no answer. Chat threshold: the confidence that best separates
 * the news training questions answered right from the rest, as long as it still answers
 * at least 85% of the answerable SQuAD `tune` questions.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { bestPerParagraph, leadOver, prepareQuestion, rankCandidates, toAnswer, type AnswerContext, type Candidate } from '../src/answer/answerQuestion.js';
import { FEATURE_NAMES, type SentenceFeatures } from '../src/answer/features.js';
import { DEFAULT_MODEL, MAX_MARGIN, type ScoringModel } from '../src/answer/scoring.js';
import { readCorpus } from '../src/ingest/readCorpus.js';
import { silentLogger } from '../src/logger.js';
import { buildCorpus } from '../src/search/buildIndex.js';
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
      out: { type: 'string', default: 'docs/quality/fitted-model.json' },
      news: { type: 'string', default: 'test/eval/seed-questions-train.jsonl' },
      'news-corpus': { type: 'string', default: 'seeds' },
      'news-share': { type: 'string', default: '0.3' },
      'prior-strength': { type: 'string', default: '0.01' },
      'confidence-news-share': { type: 'string', default: '0.5' },
    },
  });
  const benchmark = await loadSquad();
  const tune = new Set(benchmark.splits.tune);
  const squad = await openContext(benchmark.corpusFile);
  const news = await openContext(values['news-corpus']);
  const squadRight = (question: (typeof benchmark.questions)[number]) => (candidate: Candidate) =>
    isCorrect(toAnswer(squad.store, candidate, 0), question, benchmark.sentences);

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
    const right = (candidate: Candidate) => (question.any ?? []).some((expected) => toAnswer(news.store, candidate, 0).text.includes(expected));
    newsExamples.push({ candidates, right, answerable: question.abstain !== true, weight: 1, news: true });
  }
  const weighNews = (against: number, share: number) => newsExamples.map((example) => ({ ...example, weight: (share / (1 - share)) * (against / newsExamples.length) }));

  const rankingExamples = [...squadRanking, ...weighNews(squadRanking.length, Number(values['news-share'])).filter((example) => example.answerable)];
  const groups: RankingGroup[] = rankingExamples.map(({ candidates, right, weight }) => ({ rows: candidates.map((candidate) => vector(candidate.features)), correct: candidates.map(right), weight }));
  // The fit starts from the shipped weights and is pulled towards them (a Gaussian prior).
  const prior = vector(DEFAULT_MODEL.rank);
  const rankWeights = fitListwise(groups, prior, { iterations: 300, prior, l2: Number(values['prior-strength']) });
  const best = (example: Example) => {
    const ranked = bestPerParagraph(example.candidates.map((candidate) => ({ ...candidate, score: dot(rankWeights, vector(candidate.features)) })).sort((a, b) => b.score - a.score));
    return { ranked, top: ranked[0], right: ranked[0] !== undefined && example.right(ranked[0]) };
  };

  const abstentionExamples = [...squadAbstention, ...weighNews(squadAbstention.length, Number(values['confidence-news-share']))];
  const rows = abstentionExamples.flatMap((example) => {
    const { ranked, top, right } = best(example);
    return top ? [{ example, right, row: confidenceRow(top.features, leadOver(ranked, 0)) }] : [];
  });
  const labelled: LabelledRow[] = rows.map(({ example, right, row }) => ({ row, label: right ? 1 : 0, weight: example.weight }));
  const confidencePrior = confidenceWeightsOf(DEFAULT_MODEL);
  const confidenceWeights = fitLogistic(labelled, confidencePrior, { iterations: 500, prior: confidencePrior, l2: Number(values['prior-strength']) });
  const scored = rows.map((item) => ({ ...item, confidence: sigmoid(dot(confidenceWeights, item.row)) }));
  const squadScored = scored.filter((item) => !item.example.news);
  const newsScored = scored.filter((item) => item.example.news);
  const positives = squadScored.filter((item) => item.example.answerable).map((item) => item.confidence);
  const negatives = squadScored.filter((item) => !item.example.answerable).map((item) => item.confidence);
  const threshold = chatThreshold(newsScored, positives);

  const model: ScoringModel = {
    version: `fitted-${new Date().toISOString().slice(0, 10)}`,
    fittedOn:
      `SQuAD tune titles (${squadRanking.length} v1.1 questions for the ranking, ${squadAbstention.length} v2.0 for the confidence) ` +
      `and ${newsExamples.length} news training questions over the seeds (${(100 * Number(values['news-share'])).toFixed(0)}% of the ranking weight, ${(100 * Number(values['confidence-news-share'])).toFixed(0)}% of the confidence weight); scripts/fit-model.ts`,
    rank: weightsByName(rankWeights),
    confidence: { ...weightsByName(confidenceWeights), margin: round(confidenceWeights[FEATURE_NAMES.length] ?? 0), bias: round(confidenceWeights[FEATURE_NAMES.length + 1] ?? 0) },
    answerThreshold: round(threshold),
    confidentThreshold: DEFAULT_MODEL.confidentThreshold,
  };
  const share100 = (part: number, whole: number) => `${((100 * part) / Math.max(whole, 1)).toFixed(1)}%`;
  const squadR1 = squadRanking.filter((example) => best(example).right).length;
  const newsAnswerable = newsScored.filter((item) => item.example.answerable);
  const newsUnanswerable = newsScored.filter((item) => !item.example.answerable);
  process.stdout.write(`${JSON.stringify(model, null, 2)}\n`);
  process.stdout.write(
    [
      `news training, shipped model (${DEFAULT_MODEL.version}) at ${DEFAULT_MODEL.answerThreshold}: ${shippedOnNews(newsExamples)}`,
      `SQuAD tune: R@1 ${(squadR1 / squadRanking.length).toFixed(3)}; abstention AUROC ${auroc(positives, negatives).toFixed(3)}; at threshold ${model.answerThreshold}: ` +
        `${share100(negatives.filter((value) => value < threshold).length, negatives.length)} unanswerable declined, ${share100(positives.filter((value) => value >= threshold).length, positives.length)} answerable answered`,
      `news training: top-1 right ${share100(newsAnswerable.filter((item) => item.right).length, newsAnswerable.length)}; at threshold: ` +
        `${share100(newsAnswerable.filter((item) => item.right && item.confidence >= threshold).length, newsAnswerable.length)} answered right, ` +
        `${share100(newsUnanswerable.filter((item) => item.confidence < threshold).length, newsUnanswerable.length)} unanswerable declined`,
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
  return [...FEATURE_NAMES.map((name) => model.confidence[name]), model.confidence.margin, model.confidence.bias];
}

/** How the shipped weights do on the news training questions: answered right, and unanswerable declined, at its threshold. */
function shippedOnNews(examples: Example[]): string {
  const rank = vector(DEFAULT_MODEL.rank);
  const confidence = confidenceWeightsOf(DEFAULT_MODEL);
  let right = 0;
  let declined = 0;
  for (const example of examples) {
    const ranked = bestPerParagraph(example.candidates.map((candidate) => ({ ...candidate, score: dot(rank, vector(candidate.features)) })).sort((a, b) => b.score - a.score));
    const top = ranked[0];
    const answered = top !== undefined && sigmoid(dot(confidence, confidenceRow(top.features, leadOver(ranked, 0)))) >= DEFAULT_MODEL.answerThreshold;
    if (example.answerable && answered && top && example.right(top)) right++;
    if (!example.answerable && !answered) declined++;
  }
  const answerable = examples.filter((example) => example.answerable).length;
  return `${((100 * right) / answerable).toFixed(1)}% answered right, ${((100 * declined) / Math.max(examples.length - answerable, 1)).toFixed(1)}% unanswerable declined`;
}

async function openContext(corpus: string): Promise<AnswerContext> {
  const { store, index } = await buildCorpus(await readCorpus(corpus, silentLogger), silentLogger);
  return { store, index, model: DEFAULT_MODEL };
}

async function candidatesOf(context: AnswerContext, question: string): Promise<Candidate[]> {
  return rankCandidates(context, prepareQuestion(context.store, question));
}

/** The confidence's inputs: the sentence features, the lead over the next candidate (capped), and a constant for the bias. */
function confidenceRow(features: SentenceFeatures, lead: number): number[] {
  return [...vector(features), Math.min(lead, MAX_MARGIN), 1];
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
