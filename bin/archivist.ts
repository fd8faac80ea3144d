#!/usr/bin/env node
/**
 * The `archivist` command: the composition root. It reads the environment once (dotenv),
 * opens the core, and hands it to the face asked for: chat bots, the REPL, or a CLI command.
 */
import 'dotenv/config';
import { parseArgs } from 'node:util';
import {
  addLinks,
  createJsonLogger,
  createLineLogger,
  createLinkDesk,
  feedStateFile,
  isArchivistError,
  loadCoreConfig,
  openArchivist,
  pollFeeds,
  previewFile,
  previewLink,
  readScoringModel,
  removeArticles,
  startFeedPolling,
  type Archivist,
  type ArticleSummary,
  type CoreConfig,
  type Logger,
} from '../src/index.js';
import { withoutReportedFailures, writeAddLinkResults, writeFeedReports } from '../adapters/cli/addCommand.js';
import { formatArticleList, formatPreview, writeRemoveResults } from '../adapters/cli/archiveCommands.js';
import { askBatch, askOnce } from '../adapters/cli/ask.js';
import { evaluateQuestions, formatEvalReport, QuestionFileError, readQuestionFile } from '../adapters/cli/evalCommand.js';
import { terminalProgress } from '../adapters/cli/progressBar.js';
import { runRepl, type ReplStreams } from '../adapters/repl/repl.js';
import { createReplLog } from '../adapters/repl/replLog.js';
import { ANSI_BOLD } from '../adapters/cli/formatAnswer.js';
// Only the settings here: the chat libraries are loaded when a chat adapter starts (see `start`).
import { loadDiscordConfig, type DiscordConfig } from '../adapters/discord/config.js';
import { loadSlackConfig, type SlackConfig } from '../adapters/slack/config.js';

const USAGE = `Usage:
  archivist [start]                      chat bots when configured (.env), else the REPL over the corpus
  archivist ask [--json] [--top N] [--min-confidence X] QUESTION
  archivist ask [--top N] [--min-confidence X] < questions    batch: one question a line in, one JSON object a line out
  archivist index                        build and save the index
  archivist repl                         ask questions in the terminal
  archivist eval FILE.jsonl [FILE ...]   score answers against expected strings
  archivist add URL [URL ...]            fetch pages and save them into the corpus folder
  archivist feeds [FEED_URL ...]         poll the feeds once ($ARCHIVIST_FEEDS when none given)
  archivist show [--json] FILE|URL ...   what is read from each file or page (a page is fetched, not saved), or why it is skipped
  archivist list [--json]                the articles in the index: key, title, date, publisher, paragraphs, URL
  archivist remove KEY|URL ...           delete articles (file and sidecar) from the corpus folder; a running bot drops them
Options: --min-confidence X declines answers below X in [0, 1] for this run (0 never declines; default the model's chat threshold)
 --corpus PATH (folder or .jsonl; default $ARCHIVIST_CORPUS or seeds), --index-dir DIR, --verbose`;

/** A failure that has already been explained to the user: exit with this code, print nothing more. */
class ExitError extends Error {
  constructor(readonly exitCode: number, message: string) {
    super(message);
  }
}

async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      corpus: { type: 'string' },
      'index-dir': { type: 'string' },
      json: { type: 'boolean', default: false },
      top: { type: 'string' },
      'min-confidence': { type: 'string' },
      verbose: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [command = 'start', ...rest] = positionals;
  if (values.help || command === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  // Every setting is checked before anything is opened, so a bad one ends the process at once.
  const config = loadCoreConfig(process.env);
  const chat = command === 'start' ? { slack: loadSlackConfig(process.env), discord: loadDiscordConfig(process.env) } : { slack: null, discord: null };
  const questionFiles = command === 'eval' ? await Promise.all(rest.map(readQuestionFile)) : [];
  // A person reads log lines as plain lines: at the REPL (around the prompt), and on a terminal for a one-shot command; a bot, and any command whose stderr is a file or pipe, logs JSON.
  const atRepl = command === 'repl' || (command === 'start' && !chat.slack && !chat.discord);
  const forPerson = atRepl || (command !== 'start' && process.stderr.isTTY === true);
  const replLog = atRepl ? createReplLog(process.stderr) : undefined;
  const writeLine = replLog ? replLog.write : (line: string) => void process.stderr.write(`${line}\n`);
  const logger = forPerson ? createLineLogger(writeLine, config.logLevel) : createJsonLogger(writeLine, config.logLevel);
  // Colour (the answer phrase in bold) only on a terminal, and never when NO_COLOR is set (https://no-color.org).
  const colour = process.stdout.isTTY === true && !process.env.NO_COLOR;
  const repl: ReplStreams = { input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY === true, bold: colour, ...(replLog ? { log: replLog } : {}) };
  const top = parseTop(values.top);
  const minConfidence = parseMinConfidence(values['min-confidence']);
  const model = config.scoringModel === undefined ? undefined : await readScoringModel(config.scoringModel);
  const corpus = values.corpus ?? config.corpus;
  const indexDir = values['index-dir'] ?? config.indexDir;
  /** Opens the corpus; `watch` for the long-running faces (chat bots, REPL), which follow changes to a corpus folder. */
  const open = async (watch = false): Promise<Archivist> => {
    const progress = terminalProgress();
    try {
      return await openArchivist({
        corpus,
        indexDir,
        backend: config.backend,
        ...(model ? { model } : {}),
        logger: forPerson ? logger : consoleWarnings(logger),
        watch,
        // `index` repairs any damage of the saved index, not only what questions would read.
        checkWholeIndex: command === 'index',
        ...(progress.onProgress ? { onProgress: progress.onProgress } : {}),
      });
    } finally {
      progress.stop();
    }
  };

  /** Runs a one-shot command, then releases the archivist (a search cluster's connections would keep the process alive). */
  const openFor = async (use: (archivist: Archivist) => Promise<void>, watch = false): Promise<void> => {
    const archivist = await open(watch);
    try {
      await use(archivist);
    } finally {
      await archivist.close();
    }
  };

  switch (command) {
    case 'start':
      return start(await open(true), chat, config, corpus, indexDir, logger, repl);
    case 'repl':
      return openFor((archivist) => runRepl(archivist, repl), true);
    case 'ask':
      return openFor(async (archivist) => {
        if (rest.length > 0 || process.stdin.isTTY) {
          // One answer unless --top asks for more; the count of the others says how to see them.
          const style = { ...(colour ? { bold: ANSI_BOLD } : {}), ...(values.top === undefined ? { moreHint: (count: number) => `(${count} more answer${count === 1 ? '' : 's'}: --top ${count + 1} lists them)` } : {}) };
          return askOnce(archivist, rest.join(' '), { json: values.json, top, minConfidence, style }, process.stdout);
        }
        await askBatch(archivist, process.stdin, { top, minConfidence }, process.stdout);
      });
    case 'index':
      return openFor(async (archivist) => {
        process.stdout.write(`Indexed ${archivist.stats.articles} articles, ${archivist.stats.paragraphs} paragraphs, ${archivist.stats.sentences} sentences.\n`);
      });
    case 'eval': {
      if (rest.length === 0) throw new ExitError(2, 'Give at least one question file: archivist eval FILE.jsonl');
      return openFor(async (archivist) => {
        for (const file of questionFiles) process.stdout.write(`${formatEvalReport(await evaluateQuestions(archivist, file, minConfidence), values.verbose)}\n`);
      });
    }
    case 'add': {
      if (rest.length === 0) throw new ExitError(2, 'Give at least one web address: archivist add URL [URL ...]');
      const results = await addLinks(rest, { corpus, fetch: config.links.fetch, logger: withoutReportedFailures(consoleWarnings(quiet(logger))) });
      if (!writeAddLinkResults(results, { out: process.stdout, err: process.stderr })) process.exitCode = 1;
      return;
    }
    case 'feeds': {
      const feeds = rest.length > 0 ? rest : config.links.feeds;
      if (feeds.length === 0) throw new ExitError(2, 'No feed to poll: set ARCHIVIST_FEEDS or give feed URLs: archivist feeds URL [URL ...]');
      const reports = await pollFeeds(feeds, { corpus, fetch: config.links.fetch, logger: withoutReportedFailures(consoleWarnings(quiet(logger))), stateFile: feedStateFile(indexDir, corpus) });
      if (!writeFeedReports(reports, { out: process.stdout, err: process.stderr })) process.exitCode = 1;
      return;
    }
    case 'show': {
      if (rest.length === 0) throw new ExitError(2, 'Give at least one file or web address: archivist show FILE|URL [...]');
      for (const input of rest) {
        const preview = isWebAddress(input) ? await previewLink(input, config.links.fetch) : await previewFile(input, consoleWarnings(quiet(logger)));
        process.stdout.write(formatPreview(preview, values.json));
        if (preview.skipped !== null) process.exitCode = 1;
      }
      return;
    }
    case 'list':
      return openFor(async (archivist) => void process.stdout.write(formatArticleList(archivist.sources(), values.json)));
    case 'remove': {
      if (rest.length === 0) throw new ExitError(2, 'Give at least one article key or web address: archivist remove KEY|URL [...] (archivist list shows them)');
      // Keys need no index; a web address is looked up among the index's articles.
      let articles: ArticleSummary[] = [];
      if (rest.some(isWebAddress)) await openFor(async (archivist) => void (articles = archivist.sources()));
      if (!writeRemoveResults(await removeArticles(corpus, rest, articles), { out: process.stdout, err: process.stderr })) process.exitCode = 1;
      return;
    }
    default:
      throw new ExitError(2, `Unknown command "${command}".\n${USAGE}`);
  }
}

/**
 * Starts every configured chat adapter (with a link desk for editors) and the feed
 * polling; with no chat adapter configured, the REPL on this terminal.
 */
async function start(archivist: Archivist, chat: { slack: SlackConfig | null; discord: DiscordConfig | null }, config: CoreConfig, corpus: string, indexDir: string, logger: Logger, repl: ReplStreams): Promise<void> {
  const { slack, discord } = chat;
  const { links } = config;
  const feeds = links.feeds.length > 0 ? startFeedPolling(links.feeds, links.feedMinutes, { corpus, fetch: links.fetch, logger, stateFile: feedStateFile(indexDir, corpus) }) : undefined;
  if (!slack && !discord) {
    process.stderr.write('No Slack or Discord tokens configured (see .env.example): starting the terminal REPL.\n');
    await runRepl(archivist, repl);
    await feeds?.stop();
    await archivist.close();
    return;
  }
  const desk = createLinkDesk({ corpus, editors: links.editors, fetch: links.fetch, logger });
  const started = await Promise.allSettled([
    slack ? import('../adapters/slack/index.js').then(({ startSlack }) => startSlack(archivist, slack, logger, desk)) : null,
    discord ? import('../adapters/discord/index.js').then(({ startDiscord }) => startDiscord(archivist, discord, logger, desk)) : null,
  ]);
  const running = started.flatMap((outcome) => (outcome.status === 'fulfilled' && outcome.value ? [outcome.value] : []));
  const failure = started.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
  if (failure) {
    // One adapter failed to start: stop the others and the corpus watcher, so the process exits with the one clear line.
    await Promise.allSettled(running.map((adapter) => adapter.stop()));
    await feeds?.stop();
    await archivist.close();
    throw failure.reason;
  }
  logger.info('Archivist is running.', { slack: Boolean(slack), discord: Boolean(discord) });
  const stop = async () => {
    await Promise.all(running.map((adapter) => adapter.stop()));
    await feeds?.stop();
    await archivist.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

function isWebAddress(input: string): boolean {
  return /^https?:\/\//i.test(input);
}

function parseTop(value: string | undefined): number {
  if (value === undefined) return 3;
  const top = Number(value);
  if (!Number.isInteger(top) || top < 1 || top > 50) throw new ExitError(2, '--top takes a whole number from 1 to 50.');
  return top;
}

/** Info lines dropped: a command that prints its own results needs no log of them. */
function quiet(logger: Logger): Logger {
  return { ...logger, info: () => undefined };
}

/** `--min-confidence X`: the confidence below which this run declines, in [0, 1] (0 never declines). */
function parseMinConfidence(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const minConfidence = Number(value);
  if (value.trim() === '' || !Number.isFinite(minConfidence) || minConfidence < 0 || minConfidence > 1) throw new ExitError(2, '--min-confidence takes a number from 0 to 1.');
  return minConfidence;
}

/** Warnings from opening the corpus as plain lines on stderr (a person is reading), the rest as JSON. */
function consoleWarnings(logger: Logger): Logger {
  return { ...logger, warn: (message) => process.stderr.write(`warning: ${message}\n`) };
}

// A reader that goes away (`archivist ask < questions | head -1`, `archivist ask … 2>&1 | head -1`) is not a failure, on either stream: stop quietly.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED') throw error;
    process.exitCode = 0;
  });
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof ExitError) {
    process.stderr.write(`${error.message}\n`);
    process.exitCode = error.exitCode;
  } else if (error instanceof QuestionFileError) {
    process.stderr.write(`archivist: ${error.message}\n`);
    process.exitCode = 2;
  } else if (isArchivistError(error)) {
    process.stderr.write(`archivist: ${error.message}\n`);
    process.exitCode = error.code.startsWith('CORPUS') ? 2 : 1;
  } else if (error instanceof TypeError && (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
    process.stderr.write(`archivist: ${error.message}\n${USAGE}\n`);
    process.exitCode = 2;
  } else {
    process.stderr.write(`archivist: unexpected failure: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
});
