/**
 * `npm run eval:conversations [file]`: asks the short conversations of a file
 * (`test/eval/conversations.jsonl` unless given; `test/eval/conversations-train.jsonl` is
 * the development set) about the seeds, each turn with the conversation so far,
 * as a Slack thread, a Discord reply or a REPL session would. A turn is right when its
 * answer holds one of its `any` strings; a follow-up (`follows: true`) must also say which
 * reading it used, and a new topic (`follows: false`) must not lean on the turn before.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { loadCoreConfig, openArchivist, readScoringModel, type Conversation } from '../src/index.js';

interface Turn {
  q: string;
  any: string[];
  follows?: boolean;
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { file: { type: 'string', default: 'test/eval/conversations.jsonl' }, corpus: { type: 'string', default: 'seeds' }, verbose: { type: 'boolean', default: false } } });
  const { scoringModel } = loadCoreConfig(process.env);
  const model = scoringModel === undefined ? undefined : await readScoringModel(scoringModel);
  const archivist = await openArchivist({ corpus: values.corpus, indexDir: null, ...(model ? { model } : {}) });
  const file = positionals[0] ?? values.file;
  const conversations = (await readFile(file, 'utf8')).split('\n').filter((line) => line.trim() !== '').map((line) => JSON.parse(line) as { id: string; turns: Turn[] });
  const totals = { exchanges: 0, exchangesRight: 0, turns: 0, turnsRight: 0, followUps: 0, followUpsRight: 0, readingsShown: 0, newTopics: 0, resets: 0 };
  const misses: string[] = [];
  for (const { id, turns } of conversations) {
    let conversation: Conversation | undefined;
    let allRight = true;
    for (const [index, turn] of turns.entries()) {
      const result = await archivist.ask(turn.q, conversation ? { conversation } : {});
      conversation = result.conversation;
      const text = result.answer?.text ?? null;
      const right = text !== null && turn.any.some((expected) => text.includes(expected));
      totals.turns++;
      if (right) totals.turnsRight++;
      if (index > 0 && turn.follows === true) {
        totals.followUps++;
        if (right) totals.followUpsRight++;
        if (result.reading) totals.readingsShown++;
      }
      if (index > 0 && turn.follows === false) {
        totals.newTopics++;
        if (!result.reading) totals.resets++;
      }
      if (!right) {
        allRight = false;
        misses.push(`${id}.${index + 1} ${turn.q}${result.reading ? ` [${result.reading.note}]` : ''} → ${text ?? `(declined: ${result.noAnswerCode ?? ''})`}`);
      }
    }
    totals.exchanges++;
    if (allRight) totals.exchangesRight++;
  }
  await archivist.close();
  const share = (part: number, whole: number) => `${part}/${whole} (${((100 * part) / Math.max(whole, 1)).toFixed(1)}%)`;
  const lines = [
    file,
    `  exchanges with every turn right: ${share(totals.exchangesRight, totals.exchanges)}`,
    `  turns right: ${share(totals.turnsRight, totals.turns)}`,
    `  follow-up turns right: ${share(totals.followUpsRight, totals.followUps)}; reading shown on ${share(totals.readingsShown, totals.followUps)}`,
    `  new topics read on their own: ${share(totals.resets, totals.newTopics)}`,
  ];
  if (values.verbose) lines.push(...misses.map((miss) => `  ✗ ${miss}`));
  process.stdout.write(`${lines.join('\n')}\n`);
}

await main();
