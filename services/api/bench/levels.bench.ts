/**
 * `npm run bench:levels -w @cmipro/api`: latency of GET /api/v1/levels on two years of seeded
 * readings (real PostgreSQL), through the whole Fastify + Nest pipeline (inject; signed in, rate limited), against two
 * baselines measured in the same run: GET /health/live (the framework's floor) and the same
 * daily series computed from the raw readings without the hourly rollup.
 *
 * BENCH_DATABASE_URL (default: a throwaway database on TEST_DATABASE_URL's server, seeded first).
 */
import { performance } from 'node:perf_hooks';
import { formatDay, todayDay } from '../src/common/validators/calendar-date.js';
import { seedDemoData } from '../src/database/seed/demo-data.js';
import { createTestDatabase } from '../test/support/test-database.js';
import { startTestApp, testEnv } from '../test/support/test-app.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 25);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

async function time(label: string, run: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < 3; i++) await run(); // warm caches and the JIT
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await run();
    samples.push(performance.now() - start);
  }
  const ms = median(samples);
  console.log(`${label.padEnd(58)} median ${ms.toFixed(2).padStart(8)} ms  (${RUNS} runs)`);
  return ms;
}

async function main(): Promise<void> {
  const database = await createTestDatabase();
  try {
    const seeded = Date.now();
    const rows = await seedDemoData(database.db, new Date(), 730);
    console.log(`seeded ${rows} readings in ${Date.now() - seeded} ms\n`);
    // A premium user: 1000 /levels requests an hour covers every run below.
    const api = await startTestApp(testEnv(database.url), { signedInAs: 'premium_user' });
    const today = todayDay();
    const get = async (url: string) => {
      const response = await api.request(url);
      if (response.statusCode !== 200) throw new Error(`${url}: ${response.statusCode}`);
      return response;
    };
    const month = `station_id=CHIH3&start_date=${formatDay(today - 29)}&end_date=${formatDay(today)}`;
    const years = `station_id=CHIH3&start_date=${formatDay(today - 729)}&end_date=${formatDay(today)}`;
    const floor = await time('GET /health/live (framework floor)', () => get('/health/live'));
    const hourly = await time('GET /levels 30 days, interval=1h (720 points)', () => get(`/api/v1/levels?${month}&interval=1h`));
    const daily = await time('GET /levels 2 years, interval=1d (730 points)', () => get(`/api/v1/levels?${years}&interval=1d`));
    const raw = await time('GET /levels 30 days, interval=raw (8640 points)', () => get(`/api/v1/levels?${month}&interval=raw`));
    const noRollup = await time('same 2-year daily series from raw readings (no rollup)', () =>
      database.db.query(
        `SELECT date_bin(interval '1 day', ts, '2000-01-01T00:00:00-06:00') b, avg(level_m), min(level_m), max(level_m), count(*)
         FROM readings WHERE station_id = 'CHIH3' AND ts >= now() - interval '730 days' GROUP BY b ORDER BY b`,
      ),
    );
    console.log(`\nratios: 30d hourly / floor = ${(hourly / floor).toFixed(1)}x; 2y daily / floor = ${(daily / floor).toFixed(1)}x; ` +
      `30d raw / floor = ${(raw / floor).toFixed(1)}x; 2y daily without rollup / with rollup (SQL only vs full request) = ${(noRollup / daily).toFixed(1)}x`);
    await api.close();
  } finally {
    await database.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
