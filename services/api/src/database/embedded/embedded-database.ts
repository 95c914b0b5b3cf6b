import { mkdirSync } from 'node:fs';
import type { LoggerService } from '@nestjs/common';
import type { DatabaseConfig } from '../../config/database.config.js';
import { createDataSource } from '../data-source.js';
import { migrate } from '../reference-data.js';
import { seedDemoData } from '../seed/demo-data.js';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded-postgres.js';

/** `memory://` keeps the embedded database in memory; anything else is a folder. */
const DEFAULT_DIR = '.data/pglite';

/** Starts PGlite for a newcomer's `npm start`, migrated and loaded with the demo data. */
export async function startEmbeddedDatabase(config: DatabaseConfig, logger: LoggerService): Promise<EmbeddedPostgres> {
  const dir = config.embeddedDir ?? DEFAULT_DIR;
  if (dir !== 'memory://') mkdirSync(dir, { recursive: true });
  const embedded = await startEmbeddedPostgres({
    dataDir: dir === 'memory://' ? undefined : dir,
    maxConnections: config.poolSize,
  });
  logger.log(`No DATABASE_URL: embedded PostgreSQL (PGlite) in ${dir}; loading demo data (first start ~30 s)`);
  const db = await createDataSource({ ...config, url: embedded.url, poolSize: 1 }).initialize();
  try {
    await migrate(db);
    const added = await seedDemoData(db);
    logger.log(`Demo data ready (${added} readings added)`);
  } finally {
    await db.destroy();
  }
  return embedded;
}
