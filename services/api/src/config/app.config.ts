import { registerAs } from '@nestjs/config';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { Type } from 'class-transformer';
import { envFlag, envList, isProduction, type Env, type EnvSchema } from './env.util.js';

const BOOLEAN = /^(true|false|1|0)$/;

class AppEnv {
  @IsOptional() @IsIn(['development', 'test', 'production'])
  NODE_ENV?: string;

  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(65535)
  PORT?: number;

  @IsOptional() @IsString()
  HOST?: string;

  @IsOptional() @Matches(/^(\*|https?:\/\/[^,\s]+)(,\s*https?:\/\/[^,\s]+)*$/, {
    message: 'must be a comma-separated list of http(s) origins',
  })
  CORS_ORIGINS?: string;

  @IsOptional() @Type(() => Number) @IsInt() @Min(1024) @Max(10 * 1024 * 1024)
  BODY_LIMIT_BYTES?: number;

  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(10)
  TRUSTED_PROXY_HOPS?: number;

  @IsOptional() @Matches(BOOLEAN, { message: 'must be true or false' })
  DOCS_ENABLED?: string;

  @IsOptional() @Matches(BOOLEAN, { message: 'must be true or false' })
  REQUIRE_HTTPS?: string;

  @IsOptional() @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL?: string;
}

export const appEnvSchema: EnvSchema<AppEnv> = {
  validator: AppEnv,
  productionProblems: (env: Env) => {
    const problems: string[] = [];
    if (env.TRUSTED_PROXY_HOPS === undefined) {
      problems.push('TRUSTED_PROXY_HOPS: must be set in production (CloudFront + ALB = 2)');
    }
    if (envList(env.CORS_ORIGINS).includes('*')) problems.push('CORS_ORIGINS: "*" is not allowed in production');
    if (envFlag(env.REQUIRE_HTTPS) === false) problems.push('REQUIRE_HTTPS: cannot be false in production');
    return problems;
  },
};

export interface AppConfig {
  readonly env: 'development' | 'test' | 'production';
  readonly port: number;
  readonly host: string;
  readonly corsOrigins: string[];
  readonly bodyLimitBytes: number;
  /** Proxies in front of the app whose `X-Forwarded-For` entries are trusted. */
  readonly trustedProxyHops: number;
  readonly docsEnabled: boolean;
  readonly requireHttps: boolean;
  readonly logLevel: string;
}

/** Reads the application settings; call only after `validateEnv` passed. */
export function readAppConfig(env: Env): AppConfig {
  const production = isProduction(env);
  return {
    env: (env.NODE_ENV as AppConfig['env'] | undefined) ?? 'development',
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? '127.0.0.1',
    corsOrigins: envList(env.CORS_ORIGINS),
    bodyLimitBytes: Number(env.BODY_LIMIT_BYTES ?? 256 * 1024),
    trustedProxyHops: Number(env.TRUSTED_PROXY_HOPS ?? 0),
    docsEnabled: envFlag(env.DOCS_ENABLED) ?? !production,
    requireHttps: envFlag(env.REQUIRE_HTTPS) ?? production,
    logLevel: env.LOG_LEVEL ?? (env.NODE_ENV === 'test' ? 'silent' : 'info'),
  };
}

export const appConfig = registerAs('app', () => readAppConfig(process.env));
