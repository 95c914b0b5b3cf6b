import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';

export type Env = Record<string, string | undefined>;

/** A feature's environment: a class-validator class plus the checks only production enforces. */
export interface EnvSchema<T extends object> {
  readonly validator: new () => T;
  /** Problems that make this configuration unsafe in production (by variable name). */
  readonly productionProblems?: (env: Env) => string[];
}

export function isProduction(env: Env): boolean {
  return env.NODE_ENV === 'production';
}

/** Parses a boolean variable; `undefined` when unset so callers pick their own default. */
export function envFlag(value: string | undefined): boolean | undefined {
  if (value === undefined || value === '') return undefined;
  return value === 'true' || value === '1';
}

export function envList(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}

/** Runs every schema and returns all problems at once, each naming its variable. */
export function collectEnvProblems(env: Env, schemas: readonly EnvSchema<object>[]): string[] {
  const problems: string[] = [];
  for (const schema of schemas) {
    const instance = plainToInstance(schema.validator, env, { enableImplicitConversion: false });
    for (const error of validateSync(instance, { skipMissingProperties: false, forbidUnknownValues: false })) {
      for (const message of Object.values(error.constraints ?? {})) problems.push(`${error.property}: ${message}`);
    }
    if (isProduction(env)) problems.push(...(schema.productionProblems?.(env) ?? []));
  }
  return problems;
}
