#!/usr/bin/env node
/**
 * The `archivist` command: the composition root. It reads the environment once (dotenv),
 * opens the core, and hands it to the face asked for: chat bots, the REPL, or a CLI command.
 */
import 'dotenv/config';
import { parseArgs } from 'node:util';
import {
  createJsonLogger,
  isArchivistError,
  loadCoreConfig,
  openArchivist,
  readScoringModel,
  type Archivist,
  type Logger,
} from '../src/index.js';
import { askBatch, askOnce } from '../adapters/cli/ask.js';
import { evaluateFile, formatEvalReport } from '../adapters/cli/evalCommand.js';
import { terminalProgress } from '../adapters/cli/progressBar.js';
import { runRepl } from '../adapters/repl/repl.js';
import { loadDiscordConfig, startDiscord } from '../adapters/discord/index.js';
import { loadSlackConfig, startSlack } from '../adapters/slack/index.js';

const USAGE = `Usage:
  archivist [start]                      chat bots when configured (.env), else the REPL over the corpus
  archivist ask [--json] [--top N] [--min-confidence X] QUESTION
  archivist ask [--top N] [--min-confidence X] < questions    batch: one question a line in, one JSON object a line out
  archivist index                        build and save the index
  archivist repl                         ask questions in the terminal
  archivist eval FILE.jsonl [FILE ...]   score answers against expected strings
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
  const config = loadCoreConfig(process.env);
  const logger = createJsonLogger((line) => process.stderr.write(`${line}\n`), config.logLevel);
  const top = parseTop(values.top);
  const minConfidence = parseMinConfidence(values['min-confidence']);
  const model = config.scoringModel === undefined ? undefined : await readScoringModel(config.scoringModel);
  /** Opens the corpus; `watch` for the long-running faces (chat bots, REPL), which follow changes to a corpus folder. */
  const open = async (watch = false): Promise<Archivist> => {
    const progress = terminalProgress();
    try {
      return await openArchivist({
        corpus: values.corpus ?? config.corpus,
        indexDir: values['index-dir'] ?? config.indexDir,
        backend: config.backend,
        ...(model ? { model } : {}),
        logger: consoleWarnings(logger),
        watch,
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
      return start(await open(true), logger);
    case 'repl':
      return openFor((archivist) => runRepl(archivist, { input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY === true }), true);
    case 'ask':
      return openFor(async (archivist) => {
        if (rest.length > 0 || process.stdin.isTTY) return askOnce(archivist, rest.join(' '), { json: values.json, top, minConfidence }, process.stdout);
        await askBatch(archivist, process.stdin, { top, minConfidence }, process.stdout);
      });
    case 'index':
      return openFor(async (archivist) => {
        process.stdout.write(`Indexed ${archivist.stats.articles} articles, ${archivist.stats.paragraphs} paragraphs, ${archivist.stats.sentences} sentences.\n`);
      });
    case 'eval': {
      if (rest.length === 0) throw new ExitError(2, 'Give at least one question file: archivist eval FILE.jsonl');
      return openFor(async (archivist) => {
        for (const file of rest) process.stdout.write(`${formatEvalReport(await evaluateFile(archivist, file, minConfidence), values.verbose)}\n`);
      });
    }
    default:
      throw new ExitError(2, `Unknown command "${command}".\n${USAGE}`);
  }
}

/** Starts every configured chat adapter; with none configured, the REPL on this terminal. */
async function start(archivist: Archivist, logger: Logger): Promise<void> {
  const slack = loadSlackConfig(process.env);
  const discord = loadDiscordConfig(process.env);
  if (!slack && !discord) {
    process.stderr.write('No Slack or Discord tokens configured (see .env.example): starting the terminal REPL.\n');
    await runRepl(archivist, { input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY === true });
    await archivist.close();
    return;
  }
  const started = await Promise.allSettled([slack ? startSlack(archivist, slack, logger) : null, discord ? startDiscord(archivist, discord, logger) : null]);
  const running = started.flatMap((outcome) => (outcome.status === 'fulfilled' && outcome.value ? [outcome.value] : []));
  const failure = started.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
  if (failure) {
    // One adapter failed to start: stop the others so the process exits with the one clear line.
    await Promise.allSettled(running.map((adapter) => adapter.stop()));
    await archivist.close(); // the corpus watcher would keep the process alive
    throw failure.reason;
  }
  logger.info('Archivist is running.', { slack: Boolean(slack), discord: Boolean(discord) });
  const stop = async () => {
    await Promise.all(running.map((adapter) => adapter.stop()));
    await archivist.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

function parseTop(value: string | undefined): number {
  if (value === undefined) return 3;
  const top = Number(value);
  if (!Number.isInteger(top) || top < 1 || top > 50) throw new ExitError(2, '--top takes a whole number from 1 to 50.');
  return top;
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

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof ExitError) {
    process.stderr.write(`${error.message}\n`);
    process.exitCode = error.exitCode;
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
