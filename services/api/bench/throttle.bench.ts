import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { randomBytes } from 'node:crypto';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { Redis } from 'ioredis';
import { deleteKeys, TEST_REDIS_URL, TEST_USER_HEADER } from '../test/rate-limit/support/limiter-app.js';

/**
 * `npm run bench:throttle`: requests/s and p99 of the same Nest + Fastify app on loopback without
 * the rate limiter, with ours (exact log and counter paths) and with @nest-lab/throttler-storage-redis
 * in place of our storage; each variant RUNS times, interleaved, medians and ratios to the baseline.
 */
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
/** Enough distinct users that nobody reaches a limit: every response is a 200. */
const USERS = 5000;

interface Variant {
  readonly name: string;
  readonly server: 'none' | 'shield' | 'nest-lab';
  readonly path: string;
  readonly role: string;
}

const VARIANTS: Variant[] = [
  { name: 'no rate limiter', server: 'none', path: '/api/v1/levels', role: 'premium_user' },
  { name: 'shield, exact log (premium /levels, 1000/h)', server: 'shield', path: '/api/v1/levels', role: 'premium_user' },
  { name: 'shield, counters (admin /alerts, 10000/h)', server: 'shield', path: '/api/v1/alerts', role: 'admin' },
  { name: '@nest-lab storage (premium /levels)', server: 'nest-lab', path: '/api/v1/levels', role: 'premium_user' },
];

async function startServer(server: Variant['server'], prefix: string): Promise<{ child: ChildProcess; port: number }> {
  const script = fileURLToPath(new URL('./throttle-server.js', import.meta.url));
  const child = spawn(process.execPath, [script, server, prefix], { stdio: ['ignore', 'pipe', 'inherit'] });
  const [line] = (await once(createInterface({ input: child.stdout! }), 'line')) as [string];
  return { child, port: (JSON.parse(line) as { port: number }).port };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

async function measure(port: number, variant: Variant, seconds: number): Promise<{ rps: number; p99: number; failed: number }> {
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: CONNECTIONS,
    duration: seconds,
    requests: [
      {
        method: 'GET',
        path: variant.path,
        setupRequest: (request) => ({ ...request, headers: { ...request.headers, [TEST_USER_HEADER]: `bench-${Math.floor(Math.random() * USERS)}:${variant.role}` } }),
      },
    ],
  });
  return { rps: result.requests.average, p99: result.latency.p99, failed: result.non2xx + result.errors };
}

async function main(): Promise<void> {
  const prefix = `bench:${randomBytes(4).toString('hex')}`;
  const servers = new Map<Variant['server'], { child: ChildProcess; port: number }>();
  for (const server of ['none', 'shield', 'nest-lab'] as const) servers.set(server, await startServer(server, prefix));
  const samples = new Map<string, { rps: number[]; p99: number[]; failed: number }>(VARIANTS.map((v) => [v.name, { rps: [], p99: [], failed: 0 }]));
  try {
    for (const variant of VARIANTS) await measure(servers.get(variant.server)!.port, variant, 1); // warm-up
    for (let run = 1; run <= RUNS; run++) {
      for (const variant of VARIANTS) {
        const { rps, p99, failed } = await measure(servers.get(variant.server)!.port, variant, SECONDS);
        const sample = samples.get(variant.name)!;
        sample.rps.push(rps);
        sample.p99.push(p99);
        sample.failed += failed;
        console.log(`run ${run}  ${variant.name.padEnd(46)} ${rps.toFixed(0).padStart(7)} req/s  p99 ${String(p99).padStart(4)} ms`);
      }
    }
  } finally {
    for (const { child } of servers.values()) child.kill('SIGTERM');
    const redis = new Redis(TEST_REDIS_URL);
    await deleteKeys(redis, prefix);
    redis.disconnect();
  }
  const baseline = median(samples.get(VARIANTS[0]!.name)!.rps);
  const baselineP99 = median(samples.get(VARIANTS[0]!.name)!.p99);
  console.log(`\nmedian of ${RUNS} runs × ${SECONDS} s, ${CONNECTIONS} connections, loopback`);
  console.log(`${'variant'.padEnd(46)} ${'req/s'.padStart(7)} ${'p99 ms'.padStart(7)} ${'req/s ratio'.padStart(12)} ${'p99 ratio'.padStart(10)}  non-2xx`);
  for (const variant of VARIANTS) {
    const { rps, p99, failed } = samples.get(variant.name)!;
    const [r, p] = [median(rps), median(p99)];
    console.log(
      `${variant.name.padEnd(46)} ${r.toFixed(0).padStart(7)} ${String(p).padStart(7)} ${(r / baseline).toFixed(2).padStart(12)} ${(p / baselineP99).toFixed(2).padStart(10)}  ${failed}`,
    );
  }
}

await main();
