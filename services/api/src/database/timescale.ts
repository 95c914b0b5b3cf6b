import type { DataSource, QueryRunner } from 'typeorm';

type Queryable = Pick<QueryRunner, 'query'> | Pick<DataSource, 'query'>;

/** True when the TimescaleDB extension can be (or already is) installed on this server. */
export async function hasTimescale(db: Queryable): Promise<boolean> {
  const rows: unknown[] = await db.query(`SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb'`);
  return rows.length > 0;
}

/** True when the rollup is a continuous aggregate that TimescaleDB refreshes by itself. */
export async function rollupIsContinuousAggregate(db: Queryable): Promise<boolean> {
  const rows: unknown[] = await db.query(
    `SELECT 1 FROM pg_extension WHERE extname = 'timescaledb' AND EXISTS (
       SELECT 1 FROM pg_class WHERE relname = 'readings_hourly' AND relkind = 'v')`,
  );
  return rows.length > 0;
}
