import type { DataSource } from 'typeorm';

/** Runs one statement and returns the rows it affected (DataSource.query hides it for INSERT). */
export async function execute(db: DataSource, sql: string, params: unknown[] = []): Promise<number> {
  const runner = db.createQueryRunner();
  try {
    const result = await runner.query(sql, params, true);
    return result.affected ?? 0;
  } finally {
    await runner.release();
  }
}
