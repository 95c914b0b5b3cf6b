import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

/** The README's `npm start` path: the built API with no DATABASE_URL or REDIS_URL at all. */
const MAIN = fileURLToPath(new URL('../../../services/api/dist/src/main.js', import.meta.url));

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

  it('serves two years of seeded levels', async () => {
    const response = await fetch(`${base}/api/v1/levels?station_id=SANH3&interval=1d&start_date=${daysAgo(729)}&end_date=${daysAgo(0)}`);
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
