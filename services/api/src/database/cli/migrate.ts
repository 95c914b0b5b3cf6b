import { readDatabaseConfig } from '../../config/database.config.js';
import { validateEnv } from '../../config/validate-env.js';
import { createDataSource } from '../data-source.js';
import { migrate } from '../reference-data.js';

/** `npm run db:migrate`: applies pending migrations to DATABASE_URL and syncs the stations. */
async function main(): Promise<void> {
  const config = readDatabaseConfig(validateEnv(process.env));
  if (!config.url) throw new Error('DATABASE_URL: required for db:migrate (npm start migrates the embedded database itself)');
  const db = await createDataSource({ ...config, url: config.url }).initialize();
  try {
    const applied = await migrate(db);
    console.log(applied.length ? `applied: ${applied.join(', ')}` : 'schema up to date');
  } finally {
    await db.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
