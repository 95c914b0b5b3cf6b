import { appEnvSchema } from './app.config.js';
import { databaseEnvSchema } from './database.config.js';
import { rateLimitEnvSchema } from './rate-limit.config.js';
import { redisEnvSchema } from './redis.config.js';
import { firebaseEnvSchema } from './firebase.config.js';
import { collectEnvProblems, type Env, type EnvSchema } from './env.util.js';

/** Every feature's environment schema; a new feature adds its own here. */
export const ENV_SCHEMAS: readonly EnvSchema<object>[] = [appEnvSchema, databaseEnvSchema, redisEnvSchema, firebaseEnvSchema, rateLimitEnvSchema];

export class UnsafeConfigurationError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Refusing to start; fix these settings:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'UnsafeConfigurationError';
  }
}

/** Every bad or unsafe variable of this environment, each naming its variable. */
export function listEnvProblems(env: Env): string[] {
  return collectEnvProblems(env, ENV_SCHEMAS);
}

/** Validates the whole environment at boot and lists every bad or unsafe variable at once. */
export function validateEnv(env: Env): Env {
  const problems = listEnvProblems(env);
  if (problems.length > 0) throw new UnsafeConfigurationError(problems);
  return env;
}
