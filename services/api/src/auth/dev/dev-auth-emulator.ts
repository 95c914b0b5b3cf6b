import type { LoggerService } from '@nestjs/common';
import type { Env } from '../../config/env.util.js';

/** Where `npm start` runs the emulator, and where `npm run token` looks for it (as in docker-compose). */
export const DEV_EMULATOR_PORT = 9099;

/**
 * `npm start` in development with no Firebase settings at all: run (or reuse) the Auth
 * emulator on 127.0.0.1:9099 as project demo-cmipro, so a newcomer can sign in at once.
 * Any Firebase setting (an emulator elsewhere, a real project) turns this off.
 */
export async function devAuthEmulator(env: Env, logger: LoggerService): Promise<{ env: Env; stop: () => Promise<void> }> {
  const configured = ['FIREBASE_AUTH_EMULATOR_HOST', 'FIREBASE_PROJECT_ID', 'FIREBASE_CLIENT_EMAIL', 'GOOGLE_APPLICATION_CREDENTIALS'].some((name) => env[name]);
  if ((env.NODE_ENV ?? 'development') !== 'development' || configured) return { env, stop: async () => undefined };
  // Loaded only here: firebase-tools is a devDependency and production never gets this far.
  const { emulatorAnswers, startAuthEmulator } = await import('./auth-emulator.js');
  const host = `127.0.0.1:${DEV_EMULATOR_PORT}`;
  let stop = async () => undefined as void;
  if (await emulatorAnswers(host)) {
    logger.log(`Firebase Auth emulator already running on ${host}; using it`);
  } else {
    logger.log(`starting the Firebase Auth emulator on ${host} (project demo-cmipro)`);
    stop = (await startAuthEmulator({ port: DEV_EMULATOR_PORT })).stop;
  }
  // firebase-admin reads the switch from process.env only.
  process.env.FIREBASE_AUTH_EMULATOR_HOST = host;
  logger.log('get a token: npm run token -w @cmipro/api -- --role free_user   (admin: --role admin --mfa)');
  return { env: { ...env, FIREBASE_AUTH_EMULATOR_HOST: host }, stop };
}
