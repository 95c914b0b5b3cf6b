import { RATE_LIMIT_WINDOW_MS } from '@cmipro/shared';
import { registerAs } from '@nestjs/config';
import { Type } from 'class-transformer';
import { IsInt, IsNumber, IsOptional, Matches, Max, Min } from 'class-validator';
import type { Env, EnvSchema } from './env.util.js';

class RateLimitEnv {
  @IsOptional() @Type(() => Number) @IsInt() @Min(500) @Max(RATE_LIMIT_WINDOW_MS)
  RATE_LIMIT_WINDOW_MS?: number;

  @IsOptional() @Type(() => Number) @IsNumber() @Min(0.01) @Max(1)
  RATE_LIMIT_EMERGENCY_FACTOR?: number;

  @IsOptional() @Type(() => Number) @IsNumber() @Min(0.01) @Max(1)
  RATE_LIMIT_FALLBACK_SHARE?: number;

  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(60_000)
  RATE_LIMIT_EMERGENCY_REFRESH_MS?: number;

  @IsOptional() @Matches(/^[a-z0-9_-]{1,32}(:[a-z0-9_-]{1,32}){0,3}$/, { message: 'must look like "cmipro:rl" (a-z, 0-9, _ - :)' })
  RATE_LIMIT_KEY_PREFIX?: string;
}

export const rateLimitEnvSchema: EnvSchema<RateLimitEnv> = {
  validator: RateLimitEnv,
  productionProblems: (env: Env) =>
    env.RATE_LIMIT_WINDOW_MS !== undefined && Number(env.RATE_LIMIT_WINDOW_MS) !== RATE_LIMIT_WINDOW_MS
      ? ['RATE_LIMIT_WINDOW_MS: the role limits are per hour; a shorter window is for tests only']
      : [],
};

export interface RateLimitConfig {
  /** Sliding window of the role × endpoint limits (one hour; tests shorten it). */
  readonly windowMs: number;
  /** Multiplier applied to non-admin limits while emergency mode is on. */
  readonly emergencyFactor: number;
  /** Share of each limit one instance allows on its own when Redis is unreachable (or not configured). */
  readonly fallbackShare: number;
  /** How long a read of the emergency flag is reused before Redis is asked again. */
  readonly emergencyRefreshMs: number;
  /** Prefix of every rate-limit key in Redis. */
  readonly keyPrefix: string;
}

export function readRateLimitConfig(env: Env): RateLimitConfig {
  return {
    windowMs: Number(env.RATE_LIMIT_WINDOW_MS ?? RATE_LIMIT_WINDOW_MS),
    emergencyFactor: Number(env.RATE_LIMIT_EMERGENCY_FACTOR ?? 0.5),
    // Production runs at least two tasks (two AZs), so half a limit per task keeps the total near the limit.
    fallbackShare: Number(env.RATE_LIMIT_FALLBACK_SHARE ?? 0.5),
    emergencyRefreshMs: Number(env.RATE_LIMIT_EMERGENCY_REFRESH_MS ?? 2000),
    keyPrefix: env.RATE_LIMIT_KEY_PREFIX || 'cmipro:rl',
  };
}

export const rateLimitConfig = registerAs('rateLimit', () => readRateLimitConfig(process.env));
