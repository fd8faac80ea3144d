/**
 * How the real `archivist` command fails (issue 14: "nothing hangs"): bad settings end
 * `start` at once with one line, unreachable platforms are named in one line, and the
 * batch CLI keeps its contract (one line out per line in, a closed pipe is no failure,
 * usage errors exit 2).
 */
import { spawn, spawnSync } from 'node:child_process';
import { cp, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEEDS, temporaryFolder } from '../helpers.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const BIN = path.join(ROOT, 'dist', 'bin', 'archivist.js');

let work: { dir: string; cleanup: () => Promise<void> };
beforeAll(async () => {
  work = await temporaryFolder();
});
afterAll(async () => work.cleanup());

/** The environment of a user with no settings but `settings` (no `.env`: the command runs in an empty folder). */
function environment(settings: Record<string, string>): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH ?? '', ARCHIVIST_CORPUS: SEEDS, ARCHIVIST_INDEX_DIR: path.join(work.dir, 'index-data'), ...settings };
}

interface Ended {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Milliseconds from spawning to exit, and from the first line on stderr to exit. */
  totalMs: number;
  afterLineMs: number;
}

/** Runs `archivist start` as a supervisor would (no terminal, stdin closed) and waits for it to end by itself. */
function start(settings: Record<string, string>): Promise<Ended> {
  return new Promise((resolve, reject) => {
    const spawnedAt = performance.now();
    let lineAt = Number.NaN;
    const child = spawn(process.execPath, [BIN, 'start'], { cwd: work.dir, env: environment(settings), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => void (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => {
      if (Number.isNaN(lineAt)) lineAt = performance.now();
      stderr += chunk.toString();
    });
    const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(killer);
      const exitAt = performance.now();
      resolve({ code, stdout, stderr, totalMs: exitAt - spawnedAt, afterLineMs: exitAt - lineAt });
    });
  });
}

/** A local port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

// Fake tokens, shaped so that secret scanners do not take them for real ones.
const DISCORD_TOKEN = 'MTEwMDAwMDAwMDAwMDAwMDAwMQ.secret-discord.token';
const SLACK_TOKEN = 'xoxb-test_secretslack';
const APP_TOKEN = 'xapp-1-A1_secretapp';

describe('GIVEN a bad setting WHEN `archivist start` runs under a supervisor', () => {
  it.each([
    ['DISCORD_TOKEN alone', { DISCORD_TOKEN: DISCORD_TOKEN }, /^archivist: Discord is not configured correctly: DISCORD_APPLICATION_ID is missing/],
    ['SLACK_BOT_TOKEN alone', { SLACK_BOT_TOKEN: SLACK_TOKEN }, /^archivist: Slack: SLACK_BOT_TOKEN is set but SLACK_APP_TOKEN \(Socket Mode\) or SLACK_SIGNING_SECRET \(HTTP\) is missing/],
    ['PORT=abc', { PORT: 'abc' }, /^archivist: PORT must be a whole number between 0 and 65535/],
    ['PORT=99999', { PORT: '99999' }, /^archivist: PORT must be a whole number between 0 and 65535/],
    ['swapped tokens', { SLACK_BOT_TOKEN: DISCORD_TOKEN, SLACK_APP_TOKEN: APP_TOKEN, DISCORD_TOKEN: SLACK_TOKEN, DISCORD_APPLICATION_ID: '1100000000000000001' }, /^archivist: (Slack: SLACK_BOT_TOKEN must be the Bot User OAuth Token|Discord is not configured correctly: DISCORD_TOKEN holds a Slack token)/],
    ['a Slack token as DISCORD_TOKEN', { DISCORD_TOKEN: SLACK_TOKEN, DISCORD_APPLICATION_ID: '1100000000000000001' }, /^archivist: Discord is not configured correctly: DISCORD_TOKEN holds a Slack token/],
    ['ARCHIVIST_EDITORS written as mentions and quotes', { ARCHIVIST_EDITORS: '<@U1>, "U2"' }, /^archivist: Invalid setting ARCHIVIST_EDITORS: "<@U1>" is not a Slack user id/],
    ['ARCHIVIST_EDITORS separated by semicolons', { ARCHIVIST_EDITORS: 'U1;U2' }, /^archivist: Invalid setting ARCHIVIST_EDITORS: "U1;U2" is not a Slack user id/],
  ])('%s THEN one line, exit code ≠ 0, the process ends by itself at once, and no token is shown', async (_name, settings, expected) => {
    const ended = await start(settings);
    expect(ended.code).not.toBe(0);
    expect(ended.code).not.toBeNull();
    const lines = ended.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(expected);
    for (const secret of ['secret-discord', 'secretslack', 'secretapp']) expect(ended.stderr + ended.stdout).not.toContain(secret);
    // Nothing keeps it alive (no watcher, socket or worker): it is gone well within 2 s of saying why.
    expect(ended.afterLineMs).toBeLessThan(2000);
    expect(ended.totalMs).toBeLessThan(5000);
  });

  it('GIVEN Slack unreachable (SLACK_API_URL at a closed local port) THEN one line names the host and what to check', async () => {
    const port = await closedPort();
    const ended = await start({ SLACK_BOT_TOKEN: SLACK_TOKEN, SLACK_APP_TOKEN: APP_TOKEN, SLACK_API_URL: `http://127.0.0.1:${port}/api/` });
    expect(ended.code).toBe(1);
    expect(ended.stderr.trim().split('\n')).toEqual([`archivist: Cannot reach Slack at 127.0.0.1:${port} (ECONNREFUSED): check the network connection, any proxy or firewall, and SLACK_API_URL.`]);
    expect(ended.afterLineMs).toBeLessThan(2000);
  });

  it('GIVEN Discord unreachable (DISCORD_API_URL at a closed local port) THEN one line names the host and what to check', async () => {
    const port = await closedPort();
    const ended = await start({ DISCORD_TOKEN: DISCORD_TOKEN, DISCORD_APPLICATION_ID: '1100000000000000001', DISCORD_API_URL: `http://127.0.0.1:${port}/api` });
    expect(ended.code).toBe(1);
    expect(ended.stderr.trim().split('\n')).toEqual([`archivist: Cannot reach Discord at 127.0.0.1:${port} (ECONNREFUSED): check the network connection, any proxy or firewall, and DISCORD_API_URL.`]);
    expect(ended.stderr).not.toContain('secret-discord');
    expect(ended.afterLineMs).toBeLessThan(2000);
  });
});

/** Runs a shell pipeline with the command as `archivist`. */
function shell(script: string) {
  const result = spawnSync('bash', ['--norc', '--noprofile', '-c', `set -o pipefail; archivist() { "${process.execPath}" "${BIN}" "$@"; }; ${script}`], { cwd: work.dir, env: environment({}), encoding: 'utf8', timeout: 30_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('the batch CLI contract', () => {
  it('GIVEN blank lines among the questions THEN exactly one JSON line comes out per line in, a blank one answered empty-question', () => {
    const { code, stdout } = shell(`printf 'Who is Josefina Vidal?\\n\\n   \\nWhen did the OAS suspend Cuba?\\r\\n\\n' | archivist ask`);
    expect(code).toBe(0);
    const answers = stdout.trim().split('\n').map((line) => JSON.parse(line) as { question: string; noAnswerCode?: string; answer: unknown });
    expect(answers).toHaveLength(5);
    expect(answers.map((answer) => answer.noAnswerCode ?? 'answered')).toEqual(['answered', 'empty-question', 'empty-question', 'answered', 'empty-question']);
    expect(answers[3]?.question).toBe('When did the OAS suspend Cuba?');
  });

  it('GIVEN the reader closes the pipe early (`| head -1`) THEN the command ends quietly with exit 0, even with endless input', () => {
    const { code, stdout, stderr } = shell(`yes 'When did the OAS suspend Cuba?' | archivist ask | head -1; echo "exit \${PIPESTATUS[1]}" >&2`);
    expect(code).toBe(0);
    expect(stdout.trim().split('\n')).toHaveLength(1);
    expect(stderr.trim()).toBe('exit 0');
  });

  it('GIVEN the reader of stderr closes the pipe early (`2>&1 | head -1`, or stderr alone) THEN the command ends quietly with exit 0', async () => {
    // Empty files each get a warning on stderr: more lines than the reader takes.
    const corpus = path.join(work.dir, 'warned');
    await cp(SEEDS, corpus, { recursive: true });
    for (let file = 0; file < 20; file++) await writeFile(path.join(corpus, `empty-${file}.txt`), '');
    const both = shell(`archivist ask --corpus warned 'When did the OAS suspend Cuba?' 2>&1 | head -1; echo "exit \${PIPESTATUS[0]}" >&2`);
    expect(both.stdout).toMatch(/^warning: Skipped warned\/empty-0\.txt: it is empty\.\n$/);
    expect(both.stderr).toBe('exit 0\n');
    const stderrOnly = shell(`archivist ask --corpus warned 'When did the OAS suspend Cuba?' 2>&1 >/dev/null | head -1; echo "exit \${PIPESTATUS[0]}" >&2`);
    expect(stderrOnly.stderr).toBe('exit 0\n');
  });

  it('GIVEN a missing or malformed question file, or a bad option THEN one line and exit 2', () => {
    const missing = shell('archivist eval missing.jsonl');
    expect(missing).toMatchObject({ code: 2, stderr: 'archivist: Cannot read the question file missing.jsonl (no such file).\n' });
    const malformed = shell(`printf '{"id":"a","q":"x","any":["y"]}\\nnot json\\n' > bad.jsonl; archivist eval bad.jsonl`);
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toMatch(/^archivist: Line 2 of bad\.jsonl is not a question/);
    expect(shell('archivist ask --top 0 anything').code).toBe(2);
    expect(shell('archivist ask --no-such-option').code).toBe(2);
    expect(shell('archivist frobnicate').code).toBe(2);
  });
});
