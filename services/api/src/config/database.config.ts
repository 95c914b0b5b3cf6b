import { registerAs } from '@nestjs/config';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import type { Env, EnvSchema } from './env.util.js';

class DatabaseEnv {
  @IsOptional() @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'must be a postgres:// connection URL' })
  DATABASE_URL?: string;

  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100)
  DATABASE_POOL_SIZE?: number;

  @IsOptional() @IsIn(['disable', 'require', 'verify-full'])
  DATABASE_SSL?: string;

  @IsOptional() @IsString()
  DATABASE_SSL_CA_FILE?: string;

  @IsOptional() @IsString()
  EMBEDDED_DB_DIR?: string;
}

export const databaseEnvSchema: EnvSchema<DatabaseEnv> = {
  validator: DatabaseEnv,
  productionProblems: (env: Env) => {
    const problems: string[] = [];
    if (!env.DATABASE_URL) problems.push('DATABASE_URL: must be set in production (the embedded database is for development)');
    if (env.DATABASE_SSL === 'disable') problems.push('DATABASE_SSL: cannot be "disable" in production (RDS forces TLS)');
    return problems;
  },
};

export interface DatabaseConfig {
  /** `undefined` means: start the embedded PGlite server (development only). */
  readonly url: string | undefined;
  readonly poolSize: number;
  readonly ssl: 'disable' | 'require' | 'verify-full';
  readonly sslCaFile: string | undefined;
  /** Where the embedded database keeps its files; `undefined` keeps it in memory. */
  readonly embeddedDir: string | undefined;
}

export function readDatabaseConfig(env: Env): DatabaseConfig {
  return {
    url: env.DATABASE_URL || undefined,
    poolSize: Number(env.DATABASE_POOL_SIZE ?? 10),
    ssl: (env.DATABASE_SSL as DatabaseConfig['ssl'] | undefined) ?? (env.NODE_ENV === 'production' ? 'verify-full' : 'disable'),
    sslCaFile: env.DATABASE_SSL_CA_FILE || undefined,
    embeddedDir: env.EMBEDDED_DB_DIR || undefined,
  };
}

export const databaseConfig = registerAs('database', () => readDatabaseConfig(process.env));
