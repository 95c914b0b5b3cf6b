import type { MigrationInterface, QueryRunner } from 'typeorm';
import { hasTimescale } from '../timescale.js';

/**
 * Stations, readings, the hourly rollup and alerts.
 *
 * RDS cannot load TimescaleDB (licence), so the schema stands on plain PostgreSQL: readings
 * keyed by (station_id, ts) with a BRIN index on ts (rows arrive in time order), and the
 * hourly rollup as a table the application keeps current. Where the extension exists (local
 * compose, Timescale Cloud, self-hosted) readings become a compressed hypertable with a
 * retention policy and the rollup a continuous aggregate with the same columns, so the
 * queries do not change.
 */
export class InitialSchema1764800000000 implements MigrationInterface {
  name = 'InitialSchema1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE stations (
        id text PRIMARY KEY CHECK (id ~ '^[A-Z]{3}H3$'),
        name text NOT NULL,
        river text NOT NULL,
        latitude double precision NOT NULL CHECK (latitude BETWEEN -90 AND 90),
        longitude double precision NOT NULL CHECK (longitude BETWEEN -180 AND 180),
        warning_level_m double precision NOT NULL,
        danger_level_m double precision NOT NULL,
        CHECK (warning_level_m < danger_level_m)
      )`);
    await q.query(`
      CREATE TABLE readings (
        station_id text NOT NULL REFERENCES stations (id),
        ts timestamptz NOT NULL,
        level_m double precision NOT NULL CHECK (level_m BETWEEN -50 AND 100),
        PRIMARY KEY (station_id, ts)
      )`);
    await q.query(`
      CREATE TABLE alerts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        station_id text NOT NULL REFERENCES stations (id),
        level text NOT NULL CHECK (level IN ('watch', 'warning', 'danger')),
        status text NOT NULL CHECK (status IN ('pending_approval', 'active', 'superseded', 'cancelled', 'expired')),
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
        message text NOT NULL CHECK (length(message) BETWEEN 1 AND 4000),
        issued_at timestamptz,
        expires_at timestamptz,
        created_by text NOT NULL,
        approved_by text,
        superseded_by uuid REFERENCES alerts (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (status <> 'active' OR (issued_at IS NOT NULL AND approved_by IS NOT NULL)),
        CHECK (approved_by IS NULL OR approved_by <> created_by)
      )`);
    await q.query(`CREATE INDEX alerts_status_issued_idx ON alerts (status, issued_at DESC)`);
    await q.query(`CREATE INDEX alerts_station_issued_idx ON alerts (station_id, issued_at DESC)`);

    if (await hasTimescale(q)) await this.upTimescale(q);
    else await this.upPlain(q);
  }

  private async upPlain(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX readings_ts_brin ON readings USING brin (ts)`);
    await q.query(`
      CREATE TABLE readings_hourly (
        station_id text NOT NULL REFERENCES stations (id),
        bucket timestamptz NOT NULL,
        level_sum double precision NOT NULL,
        level_min double precision NOT NULL,
        level_max double precision NOT NULL,
        n integer NOT NULL CHECK (n > 0),
        PRIMARY KEY (station_id, bucket)
      )`);
  }

  private async upTimescale(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS timescaledb`);
    await q.query(`SELECT create_hypertable('readings', 'ts', chunk_time_interval => interval '7 days')`);
    await q.query(`ALTER TABLE readings SET (timescaledb.compress, timescaledb.compress_segmentby = 'station_id')`);
    await q.query(`SELECT add_compression_policy('readings', interval '30 days')`);
    await q.query(`SELECT add_retention_policy('readings', interval '5 years')`);
    await q.query(`
      CREATE MATERIALIZED VIEW readings_hourly WITH (timescaledb.continuous) AS
      SELECT station_id, time_bucket(interval '1 hour', ts) AS bucket,
             sum(level_m) AS level_sum, min(level_m) AS level_min, max(level_m) AS level_max,
             count(*)::integer AS n
      FROM readings GROUP BY station_id, time_bucket(interval '1 hour', ts)
      WITH NO DATA`);
    await q.query(`
      SELECT add_continuous_aggregate_policy('readings_hourly',
        start_offset => interval '3 days', end_offset => interval '5 minutes',
        schedule_interval => interval '5 minutes')`);
  }

  async down(q: QueryRunner): Promise<void> {
    if (await hasTimescale(q)) await q.query(`DROP MATERIALIZED VIEW IF EXISTS readings_hourly`);
    else await q.query(`DROP TABLE IF EXISTS readings_hourly`);
    await q.query(`DROP TABLE IF EXISTS alerts`);
    await q.query(`DROP TABLE IF EXISTS readings`);
    await q.query(`DROP TABLE IF EXISTS stations`);
  }
}
