/**
 * `npm run fit`: fits the answer stage's ranking weights and its confidence, prints what
 * they score on the data they were fitted on, and writes them, versioned, to `--out`
 * (default `src/answer/scoringModel.json`, the shipped model; another path plus
 * `ARCHIVIST_SCORING_MODEL` tries a model without shipping it; `--dry-run` prints without
 * writing). Fitted on three sets, never on an evaluation set (`scripts/fitData.ts` reads them):
 * - the SQuAD `tune` titles (never `holdout`): v1.1 questions for the ranking, v2.0
 *   answerable and unanswerable questions for the confidence;
 * - news questions over the seeds written for training (`test/eval/seed-questions-train.jsonl`,
 *   by someone who had not seen the evaluation sets), so that the weights also learn
 *   what SQuAD cannot teach: questions that do not copy the article's words, answers in
 *   the paragraph after the one that matched;
 * - the real-page development set's `train` split (`test/eval/realpages`, train sites
 *   only, over an index of the train sites' pages: a held-out page is never read), which
 *   shares the news weight with the seeds' questions (`--realpages-share`).
 * `--quick` reads a quarter of the SQuAD titles, for trials (never for the shipped model);
 * `--drop a,b` reads the named features as 0, to measure a fit without them;
 * `--ranking-only a,b` keeps the named features out of the confidence (held at the starting
 * model's confidence weights): a feature that means something else on another archive (a
 * page's lead holds the answer on a wire report more often than on a feature page).
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
 * Chat threshold: the confidence that does best on the news questions of both sets, scored
 * by fits that never saw their article (seeds) or site (real pages) (`--folds` folds), when
 * a wrong answer shown costs `--wrong-cost` (1) right ones: an answer is shown when it is
 * more likely right than wrong (`--threshold X` sets it instead). The run prints per set a reliability table and the
 * trade-off of threshold, precision and share answered: SQuAD `tune` in sample, the news
 * sets cross-validated.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { bestPerParagraph, leadOver, type Candidate } from '../src/answer/answerQuestion.js';
import { FEATURE_NAMES } from '../src/answer/sentenceFeatures.js';
import { readScoringModel } from '../src/answer/readScoringModel.js';
import type { ScoringModel } from '../src/answer/scoring.js';
import { formatReliability, formatTradeOff, thresholdForCost, type ScoredAnswer } from './calibration.js';
import { confidenceRow, confidenceSigns, confidenceWeightsOf, evidenceSign, monotoneSquares, round, vector, weightsByName } from './fitFeatures.js';
import { dot, fitListwise, fitLogistic, sigmoid, type LabelledRow, type RankingGroup } from './fitting.js';
import { trainingExamples, type Example } from './fitData.js';
import { auroc } from './squadData.js';

/** The settings of one fit. */
interface FitSettings {
  start: ScoringModel;
  newsShare: number;
  /** The real pages' share of the news weight (the seeds' questions have the rest). */
  realpagesShare: number;
  confidenceNewsShare: number;
  offTopicShare: number;
  priorStrength: number;
  anchored: ReadonlySet<string>;
  anchorStrength: number;
  /** Features the confidence does not weigh (held at the starting model's weights): their meaning differs between archives. */
  rankingOnly: ReadonlySet<string>;
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
      realpages: { type: 'string', default: 'test/eval/realpages/questions.jsonl' },
      'realpages-splits': { type: 'string', default: 'test/eval/realpages/splits.json' },
      'realpages-corpus': { type: 'string', default: '../shared/realpages/pages' },
      'news-share': { type: 'string', default: '0.65' },
      'realpages-share': { type: 'string', default: '0.5' },
      'prior-strength': { type: 'string', default: '0.0001' },
      anchor: { type: 'string', default: 'titleCoverage' },
      'ranking-only': { type: 'string', default: '' },
      'anchor-strength': { type: 'string', default: '10' },
      ranking: { type: 'string', default: 'fit' },
      'free-ranking': { type: 'boolean', default: false },
      'confidence-news-share': { type: 'string', default: '0.5' },
      'off-topic-share': { type: 'string', default: '0.2' },
      'confidence-label': { type: 'string', default: 'calibrated' },
      'wrong-cost': { type: 'string', default: '1' },
      threshold: { type: 'string' },
      folds: { type: 'string', default: '5' },
      'no-cv': { type: 'boolean', default: false },
      quick: { type: 'boolean', default: false },
      drop: { type: 'string', default: '' },
    },
  });
  if (values.ranking !== 'fit' && values.ranking !== 'start') throw new Error(`--ranking is fit or start, not ${values.ranking}`);
  const label = values['confidence-label'];
  if (label !== 'calibrated' && label !== 'correct' && label !== 'answerable') throw new Error(`--confidence-label is calibrated, correct or answerable, not ${label}`);
  const settings: FitSettings = {
    start: await readScoringModel(values.start),
    newsShare: Number(values['news-share']),
    realpagesShare: Number(values['realpages-share']),
    confidenceNewsShare: Number(values['confidence-news-share']),
    offTopicShare: Number(values['off-topic-share']),
    priorStrength: Number(values['prior-strength']),
    anchored: new Set(values.anchor.split(',').filter(Boolean)),
    anchorStrength: Number(values['anchor-strength']),
    rankingOnly: new Set(values['ranking-only'].split(',').filter(Boolean).map(featureName)),
    ranking: values.ranking,
    freeRanking: values['free-ranking'],
    label,
  };
  const folds = Number(values.folds);
  // --quick (for trials, never for the shipped model): a quarter of the SQuAD tune titles.
  const examples = await trainingExamples({
    news: values.news,
    newsCorpus: values['news-corpus'],
    realpages: values.realpages,
    realpagesSplits: values['realpages-splits'],
    realpagesCorpus: values['realpages-corpus'],
    squadSample: values.quick ? 4 : 1,
    folds,
    drop: new Set(values.drop.split(',').filter(Boolean).map(featureName)),
  });
  process.stderr.write(`${examples.length} training questions read\n`);
  const news = examples.filter((example) => example.kind === 'news');

  const fitted = fitOn(examples, settings);
  // The news questions scored by fits that never saw their article (seeds) or site (real pages): the reliability tables and the chat threshold.
  // Each fold starts from the whole fit's weights (both fits are convex, so the start only saves iterations).
  const heldOut: Array<ScoredAnswer & { example: Example }> = [];
  for (let fold = 0; fold < (values['no-cv'] ? 0 : folds); fold++) {
    const foldFit = fitOn(examples.filter((example) => example.kind !== 'news' || example.fold !== fold), settings, { rank: fitted.rankWeights, confidence: fitted.confidenceWeights });
    for (const example of news) if (example.fold === fold) heldOut.push({ example, ...foldFit.score(example) });
    process.stderr.write(`fold ${fold} held out\n`);
  }
  // Without the cross-validation (--no-cv, for quick trials), the threshold is read from the fit's own news questions.
  const scoredNews = heldOut.length > 0 ? heldOut : news.map((example) => ({ example, ...fitted.score(example) }));
  // --threshold sets the chat threshold instead (the tables still show what the cross-validation says of it).
  const threshold = values.threshold === undefined ? thresholdForCost(scoredNews, Number(values['wrong-cost'])) : Number(values.threshold);
  const count = (set: string) => news.filter((example) => example.set === set).length;
  const model: ScoringModel = {
    version: `fitted-${new Date().toISOString().slice(0, 10)}`,
    fittedOn:
      `SQuAD tune titles (${examples.filter((example) => example.kind === 'squad' && example.ranking).length} v1.1 questions for the ranking, ${examples.filter((example) => example.kind === 'squad' && !example.ranking).length} v2.0 for the confidence), ` +
      `${count('seeds')} news training questions over the seeds and ${count('realpages')} real-page train-split questions over the train sites' pages (together ${(100 * settings.newsShare).toFixed(0)}% of the ranking weight, ${(100 * settings.confidenceNewsShare).toFixed(0)}% of the confidence weight; the real pages ${(100 * settings.realpagesShare).toFixed(0)}% of that), ` +
      `and the tune questions asked of the news corpora as off-topic (${(100 * settings.offTopicShare).toFixed(0)}% of the confidence weight); confidence labelled ${settings.label}${settings.rankingOnly.size > 0 ? `, without ${[...settings.rankingOnly].join(', ')}` : ''}; scripts/fit-model.ts${values.quick ? ' --quick' : ''}${values.threshold === undefined ? '' : ` --threshold ${values.threshold}`}`,
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

/** A feature's name as `--drop` or `--ranking-only` gives it. */
function featureName(name: string): (typeof FEATURE_NAMES)[number] {
  const known = FEATURE_NAMES.find((each) => each === name);
  if (known === undefined) throw new Error(`no feature ${name}`);
  return known;
}

/** Where a fit starts: the starting model's weights unless given (a fold starts from the whole fit's, and takes a third of the iterations). */
interface WarmStart {
  rank: number[];
  confidence: number[];
}

/** Fits the ranking and the confidence on some examples (the weights of news and off-topic examples set by the shares). */
function fitOn(examples: Example[], settings: FitSettings, warm?: WarmStart): Fitted {
  const squadRanking = examples.filter((example) => example.kind === 'squad' && example.ranking);
  const squadAbstention = examples.filter((example) => example.kind === 'squad' && !example.ranking);
  const news = examples.filter((example) => example.kind === 'news');
  const offTopic = examples.filter((example) => example.kind === 'off-topic');
  const realpages = news.filter((example) => example.set === 'realpages').length;
  const setShare = (example: Example) => (realpages === 0 ? 1 / news.length : example.set === 'realpages' ? settings.realpagesShare / realpages : (1 - settings.realpagesShare) / Math.max(news.length - realpages, 1));
  // The news questions weigh `share` of the whole against `against` SQuAD questions, the real pages `realpagesShare` of that.
  const weighNews = (against: number, share: number) => news.map((example) => ({ ...example, weight: (share / (1 - share)) * against * setShare(example) }));

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
    held: new Set(FEATURE_NAMES.flatMap((name, k) => (settings.rankingOnly.has(name) ? [k, FEATURE_NAMES.length + k] : []))),
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
function report(examples: Example[], fitted: Fitted, heldOut: Array<ScoredAnswer & { example: Example }>, threshold: number): string {
  const share = (part: number, whole: number) => `${((100 * part) / Math.max(whole, 1)).toFixed(1)}%`;
  const scored = examples.map((example) => ({ example, ...fitted.score(example) }));
  const squadRanking = scored.filter((item) => item.example.kind === 'squad' && item.example.ranking);
  const squadAbstention = scored.filter((item) => item.example.kind === 'squad' && !item.example.ranking);
  const positives = squadAbstention.filter((item) => item.example.answerable).map((item) => item.confidence);
  const negatives = squadAbstention.filter((item) => !item.example.answerable).map((item) => item.confidence);
  const squad = [...squadRanking, ...squadAbstention.filter((item) => !item.example.answerable)];
  const lines = [
    `SQuAD tune: R@1 ${(squadRanking.filter((item) => item.right).length / squadRanking.length).toFixed(3)}; abstention AUROC ${auroc(positives, negatives).toFixed(3)}; at threshold ${threshold}: ` +
      `${share(negatives.filter((value) => value < threshold).length, negatives.length)} unanswerable declined, ${share(positives.filter((value) => value >= threshold).length, positives.length)} answerable answered`,
    formatTradeOff('SQuAD tune (v1.1 and v2.0 unanswerable, in sample)', squad),
    formatReliability('SQuAD tune (in sample)', squad),
  ];
  for (const set of ['seeds', 'realpages'] as const) {
    const held = heldOut.filter((item) => item.example.set === set);
    const inSample = scored.filter((item) => item.example.kind === 'news' && item.example.set === set);
    const offTopic = scored.filter((item) => item.example.kind === 'off-topic' && item.example.set === set);
    const answerable = inSample.filter((item) => item.example.answerable).length;
    const shown = held.filter((item) => item.confidence >= threshold);
    lines.push(
      '',
      `${set}: top-1 right ${inSample.filter((item) => item.right).length}/${answerable} in sample, ${held.filter((item) => item.right).length}/${answerable} cross-validated (by ${set === 'seeds' ? 'article' : 'site'}); ` +
        `at ${threshold}: ${shown.length} of ${held.length} answered, ${shown.filter((item) => !item.right).length} of them wrong; off-topic (SQuAD tune questions) ${share(offTopic.filter((item) => item.confidence < threshold).length, offTopic.length)} declined`,
      formatTradeOff(`${set}, cross-validated`, held),
      formatReliability(`${set}, cross-validated`, held),
    );
  }
  return lines.join('\n');
}

/** A training question's candidates re-scored with ranking weights: the best of each paragraph, best first. */
function rankedBy(weights: number[], example: Example): Candidate[] {
  return bestPerParagraph(example.candidates.map((candidate, index) => ({ ...candidate, score: dot(weights, example.rows[index] ?? []) })).sort((a, b) => b.score - a.score));
}

await main();
