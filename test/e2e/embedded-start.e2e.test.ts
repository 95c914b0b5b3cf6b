import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

/**
 * The README's newcomer path: `npm start` (the built API with no DATABASE_URL, REDIS_URL or
 * Firebase settings: embedded PostgreSQL and the Auth emulator), then `npm run token`.
 */
const API_DIST = new URL('../../../services/api/dist/src/', import.meta.url);
const MAIN = fileURLToPath(new URL('main.js', API_DIST));
const TOKEN_CLI = fileURLToPath(new URL('auth/dev/token.cli.js', API_DIST));

/** Runs `npm run token` and returns the last line it printed: the ID token. */
async function mintToken(role: string): Promise<string> {
  const child = spawn(process.execPath, [TOKEN_CLI, '--role', role], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, FIREBASE_AUTH_EMULATOR_HOST: '127.0.0.1:9099' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk));
  child.stderr!.on('data', (chunk: Buffer) => (out += chunk));
  const [code] = await once(child, 'exit');
  assert.equal(code, 0, out);
  return out.trim().split('\n').at(-1)!;
}

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  return port;
}

describe('npm start on embedded defaults', () => {
  let child: ChildProcess;
  let base: string;
  let output = '';

  before(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, PORT: String(port), EMBEDDED_DB_DIR: 'memory://' };
    child = spawn(process.execPath, [MAIN], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk));
    const deadline = Date.now() + 120_000;
    while (!output.includes('CMIPRO Shield API on') && Date.now() < deadline && child.exitCode === null) {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    assert.ok(output.includes('CMIPRO Shield API on'), `API did not start:\n${output}`);
  });

  after(async () => {
    if (child && child.exitCode === null) {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
  });

  it('answers liveness and readiness on the embedded database', async () => {
    assert.deepEqual(await (await fetch(`${base}/health/live`)).json(), { status: 'ok' });
    const ready = await fetch(`${base}/health/ready`);
    assert.equal(ready.status, 200);
  });

  it('refuses data without a token', async () => {
    assert.equal((await fetch(`${base}/api/v1/stations`)).status, 401);
  });

  it('serves two years of seeded levels to a user with a token from `npm run token`', async () => {
    const token = await mintToken('free_user');
    const response = await fetch(`${base}/api/v1/levels?station_id=SANH3&interval=1d&start_date=${daysAgo(729)}&end_date=${daysAgo(0)}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    assert.equal(response.status, 200, await response.clone().text());
    const body = (await response.json()) as { count: number; points: { samples: number }[] };
    assert.ok(body.count >= 729, `only ${body.count} days`);
    assert.ok(body.points.slice(1, -1).every((p) => p.samples === 288), 'every full day has 288 readings');
  });

  it('prints where it listens', () => {
    assert.match(output, new RegExp(`CMIPRO Shield API on ${base}/api/v1`));
  });
});

function daysAgo(days: number): string {
  // Honduras is UTC-6 all year.
  return new Date(Date.now() - 6 * 3600_000 - days * 86_400_000).toISOString().slice(0, 10);
}
