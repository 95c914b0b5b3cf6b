import type { DataSource, EntityManager } from 'typeorm';
import { rollupIsContinuousAggregate } from './timescale.js';

/**
 * Brings the hourly rollup up to date for the hours touched by [from, to]. On plain
 * PostgreSQL the rollup is a table recomputed for those hours (idempotent: a retry writes
 * the same rows); under TimescaleDB it is a continuous aggregate refreshed in place.
 */
export async function refreshHourlyRollup(db: DataSource | EntityManager, from: Date, to: Date): Promise<void> {
  if (await rollupIsContinuousAggregate(db)) {
    await db.query(`CALL refresh_continuous_aggregate('readings_hourly', $1::timestamptz, $2::timestamptz)`, [
      from,
      to,
    ]);
    return;
  }
  await db.query(
    `INSERT INTO readings_hourly (station_id, bucket, level_sum, level_min, level_max, n)
     SELECT station_id, date_trunc('hour', ts), sum(level_m), min(level_m), max(level_m), count(*)
     FROM readings
     WHERE ts >= date_trunc('hour', $1::timestamptz) AND ts < date_trunc('hour', $2::timestamptz) + interval '1 hour'
     GROUP BY station_id, date_trunc('hour', ts)
     ON CONFLICT (station_id, bucket) DO UPDATE SET
       level_sum = EXCLUDED.level_sum, level_min = EXCLUDED.level_min,
       level_max = EXCLUDED.level_max, n = EXCLUDED.n`,
    [from, to],
  );
}
