/**
 * The compiled commands as a person runs them (test/globalSetup.ts builds dist/ first):
 * `npm start` with a token Discord rejects, and `npm run discord:deploy`.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { APPLICATION_ID, GOOD_TOKEN, GUILD_ID, GatewayStandIn, RestStandIn } from './standins.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a compiled script with only `env` (plus PATH), in an empty folder (no .env). */
function run(script: string, args: string[], env: Record<string, string>, cwd: string): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [path.join(root, script), ...args],
      { cwd, env: { PATH: process.env['PATH'] ?? '', ...env }, timeout: 20_000 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : null;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

let rest: RestStandIn;
let gateway: GatewayStandIn;
let cwd: string;

beforeEach(async () => {
  rest = await RestStandIn.start();
  gateway = await GatewayStandIn.start();
  rest.gatewayUrl = gateway.url;
  cwd = await mkdtemp(path.join(tmpdir(), 'archivist-discord-'));
});
afterEach(async () => {
  await Promise.all([rest.close(), gateway.close(), rm(cwd, { recursive: true, force: true })]);
});

describe('GIVEN `npm start` with a Discord token the server rejects (401)', () => {
  it('THEN it prints one clear line, no stack trace nor token, and exits non-zero', async () => {
    const badToken = 'rejected-token.xyz.123';
    const result = await run(
      'dist/bin/archivist.js',
      ['start', '--corpus', path.join(root, 'seeds'), '--index-dir', path.join(cwd, 'index')],
      { DISCORD_TOKEN: badToken, DISCORD_APPLICATION_ID: APPLICATION_ID, DISCORD_API_URL: rest.apiUrl },
      cwd,
    );

    expect(result.code).not.toBe(0);
    expect(result.code).not.toBeNull(); // it exited by itself, not by the timeout
    const failures = result.stderr.split('\n').filter((line) => line.includes('DISCORD_TOKEN'));
    expect(failures).toEqual([expect.stringMatching(/rejected DISCORD_TOKEN \(401 Unauthorized\)/)]);
    expect(result.stderr).not.toMatch(/^\s+at /m);
    expect(result.stderr + result.stdout).not.toContain(badToken);
    expect(gateway.identifies).toEqual([]);
  });
});

describe('GIVEN `npm run discord:deploy`', () => {
  it('THEN it PUTs the commands to the guild route, prints one line and exits 0', async () => {
    const result = await run(
      'dist/adapters/discord/deploy.js',
      [],
      { DISCORD_TOKEN: GOOD_TOKEN, DISCORD_APPLICATION_ID: APPLICATION_ID, DISCORD_GUILD_ID: GUILD_ID, DISCORD_API_URL: rest.apiUrl },
      cwd,
    );
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toMatch(/^Registered \/ask, \/sources, \/add, \/help in server \d+ \(available now\)\.\n$/);
    const put = await rest.waitFor('PUT', /commands$/);
    expect(put.path).toBe(`/applications/${APPLICATION_ID}/guilds/${GUILD_ID}/commands`);
  });

  it('WHEN the token is rejected THEN one line on stderr and exit code 1', async () => {
    const result = await run(
      'dist/adapters/discord/deploy.js',
      [],
      { DISCORD_TOKEN: 'wrong.token.value', DISCORD_APPLICATION_ID: APPLICATION_ID, DISCORD_API_URL: rest.apiUrl },
      cwd,
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^Discord rejected DISCORD_TOKEN \(401 Unauthorized\)[^\n]*\n$/);
  });
});
