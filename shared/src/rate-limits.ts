import type { HumanRole } from './roles.js';

/** Endpoints with a per-role budget. */
export const RATE_LIMITED_ENDPOINTS = ['stations', 'levels', 'alerts'] as const;
export type RateLimitedEndpoint = (typeof RATE_LIMITED_ENDPOINTS)[number];

/** Length of the sliding window every per-role limit is counted over. */
export const RATE_LIMIT_WINDOW_MS = 60 * 60 * 1000;

/** Requests per hour, per signed-in user, by role and endpoint (SPEC §6). */
export const RATE_LIMITS = {
  free_user: { stations: 100, levels: 50, alerts: 20 },
  premium_user: { stations: 500, levels: 1000, alerts: 200 },
  admin: { stations: 10_000, levels: 10_000, alerts: 10_000 },
} as const satisfies Record<HumanRole, Record<RateLimitedEndpoint, number>>;

/** Anonymous callers, per client IP: mirrors the edge WAF rule in case it is bypassed. */
export const ANONYMOUS_IP_LIMIT = { limit: 2000, windowMs: 5 * 60 * 1000 } as const;
