import { Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { readAppConfig } from './config/app.config.js';
import { readDatabaseConfig } from './config/database.config.js';
import type { Env } from './config/env.util.js';
import { validateEnv } from './config/validate-env.js';
import { createApp } from './bootstrap/create-app.js';
import { devAuthEmulator } from './auth/dev/dev-auth-emulator.js';
import { startEmbeddedDatabase } from './database/embedded/embedded-database.js';

const logger = new Logger('Main');

/** Stops accepting, lets in-flight requests finish, then releases the database (Fargate sends SIGTERM). */
function closeOnSignal(app: NestFastifyApplication, after: () => Promise<void>): void {
  let closing = false;
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      if (closing) return;
      closing = true;
      logger.log(`${signal}: shutting down`);
      app
        .close()
        .then(after)
        .then(() => process.exit(0))
        .catch((error: unknown) => {
          logger.error(error instanceof Error ? error.message : String(error));
          process.exit(1);
        });
    });
  }
}

async function main(): Promise<void> {
  const emulator = await devAuthEmulator(validateEnv({ ...process.env }), logger);
  const env: Env = emulator.env;
  const embedded = env.DATABASE_URL ? null : await startEmbeddedDatabase(readDatabaseConfig(env), logger);
  const app = await createApp(embedded ? { ...env, DATABASE_URL: embedded.url } : env);
  closeOnSignal(app, async () => {
    await embedded?.stop();
    await emulator.stop();
  });
  const { port, host, docsEnabled } = readAppConfig(env);
  await app.listen({ port, host });
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  logger.log(`CMIPRO Shield API on ${url}/api/v1 (health ${url}/health/ready${docsEnabled ? `, docs ${url}/docs` : ''})`);
}

main().catch((error: unknown) => {
  // Configuration errors name every bad variable; nothing else about the error is secret here.
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
