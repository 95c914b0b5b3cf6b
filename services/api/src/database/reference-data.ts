import { STATIONS } from '@cmipro/shared';
import type { DataSource } from 'typeorm';

/** Copies the station table from `@cmipro/shared`, the one place the figures live. Idempotent. */
export async function syncStations(db: DataSource): Promise<void> {
  await db.query(
    `INSERT INTO stations (id, name, river, latitude, longitude, warning_level_m, danger_level_m)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::float8[], $5::float8[], $6::float8[], $7::float8[])
     ON CONFLICT (id) DO UPDATE SET
       name = EXCLUDED.name, river = EXCLUDED.river, latitude = EXCLUDED.latitude,
       longitude = EXCLUDED.longitude, warning_level_m = EXCLUDED.warning_level_m,
       danger_level_m = EXCLUDED.danger_level_m`,
    [
      STATIONS.map((s) => s.id),
      STATIONS.map((s) => s.name),
      STATIONS.map((s) => s.river),
      STATIONS.map((s) => s.latitude),
      STATIONS.map((s) => s.longitude),
      STATIONS.map((s) => s.warningLevelM),
      STATIONS.map((s) => s.dangerLevelM),
    ],
  );
}

/** Runs pending migrations, then syncs reference data. Safe to run any number of times. */
export async function migrate(db: DataSource): Promise<string[]> {
  const applied = await db.runMigrations({ transaction: 'each' });
  await syncStations(db);
  return applied.map((m) => m.name);
}
