import { registerAs } from '@nestjs/config';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import type { Env, EnvSchema } from './env.util.js';

class RedisEnv {
  @IsOptional() @Matches(/^rediss?:\/\/\S+$/, { message: 'must be a redis:// or rediss:// URL' })
  REDIS_URL?: string;

  @IsOptional() @Type(() => Number) @IsInt() @Min(100) @Max(10_000)
  REDIS_CONNECT_TIMEOUT_MS?: number;
}

export const redisEnvSchema: EnvSchema<RedisEnv> = {
  validator: RedisEnv,
  productionProblems: (env: Env) => {
    if (!env.REDIS_URL) return ['REDIS_URL: must be set in production (the in-process fallback is per instance)'];
    if (!env.REDIS_URL.startsWith('rediss://')) return ['REDIS_URL: must use rediss:// (TLS) in production'];
    return [];
  },
};

export interface RedisConfig {
  /** `undefined`: no Redis; features fall back to their in-process implementation. */
  readonly url: string | undefined;
  readonly connectTimeoutMs: number;
}

export function readRedisConfig(env: Env): RedisConfig {
  return {
    url: env.REDIS_URL || undefined,
    connectTimeoutMs: Number(env.REDIS_CONNECT_TIMEOUT_MS ?? 1000),
  };
}

export const redisConfig = registerAs('redis', () => readRedisConfig(process.env));
