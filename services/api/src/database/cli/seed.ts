import { readDatabaseConfig } from '../../config/database.config.js';
import { validateEnv } from '../../config/validate-env.js';
import { createDataSource } from '../data-source.js';
import { migrate } from '../reference-data.js';
import { seedDemoData } from '../seed/demo-data.js';

/** `npm run db:seed`: two years of demo readings and one sample alert into DATABASE_URL. */
async function main(): Promise<void> {
  const env = validateEnv(process.env);
  if (env.NODE_ENV === 'production') throw new Error('NODE_ENV: db:seed loads demo data and refuses to run in production');
  const config = readDatabaseConfig(env);
  if (!config.url) throw new Error('DATABASE_URL: required for db:seed (npm start seeds the embedded database itself)');
  const db = await createDataSource({ ...config, url: config.url }).initialize();
  try {
    await migrate(db);
    const started = Date.now();
    const added = await seedDemoData(db);
    console.log(`seeded ${added} readings in ${Date.now() - started} ms`);
  } finally {
    await db.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
