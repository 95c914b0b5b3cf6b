import { ANONYMOUS_IP_LIMIT, DEFAULT_ROLE, HUMAN_ROLES, RATE_LIMITED_ENDPOINTS, RATE_LIMITS, type HumanRole, type RateLimitedEndpoint } from '@cmipro/shared';
import type { ExecutionContext } from '@nestjs/common';
import type { ThrottlerModuleOptions } from '@nestjs/throttler';
import type { FastifyRequest } from 'fastify';
import type { AuthenticatedUser } from '../auth/authenticated-user.js';
import type { RateLimitConfig } from '../config/rate-limit.config.js';
import type { EmergencyMode } from './emergency-mode.js';

/** The role × endpoint limit, per user id (per client IP when anonymous). */
export const ROLE_THROTTLER = 'role';
/** The edge WAF's per-IP rule, repeated here for anonymous calls in case the WAF is bypassed. */
export const IP_THROTTLER = 'ip';

export type RateLimitedRequest = FastifyRequest & { user?: AuthenticatedUser };

const ENDPOINT_ROUTE = new RegExp(`^/api/v\\d+/(${RATE_LIMITED_ENDPOINTS.join('|')})(?:/|$)`);

export function requestOf(context: ExecutionContext): RateLimitedRequest {
  return context.switchToHttp().getRequest<RateLimitedRequest>();
}

/** The table column for a request, from its route pattern (never the raw URL a client controls). */
export function rateLimitedEndpoint(request: RateLimitedRequest): RateLimitedEndpoint | undefined {
  return ENDPOINT_ROUTE.exec(request.routeOptions?.url ?? '')?.[1] as RateLimitedEndpoint | undefined;
}

/** Table row of a caller: its role if a person's role; anonymous callers and machine roles get the default row. */
export function rateLimitRole(user: AuthenticatedUser | undefined): HumanRole {
  const role = user?.role ?? DEFAULT_ROLE;
  return (HUMAN_ROLES as readonly string[]).includes(role) ? (role as HumanRole) : 'free_user';
}

/** Requests per window for this caller and endpoint; emergency mode scales every row but the admins'. */
export function roleLimit(role: HumanRole, endpoint: RateLimitedEndpoint, emergencyFactor: number): number {
  const base = RATE_LIMITS[role][endpoint];
  return role === 'admin' ? base : Math.max(1, Math.floor(base * emergencyFactor));
}

/** The two throttlers, their limits resolved per request from the shared table. */
export function throttlerOptions(config: RateLimitConfig, emergency: EmergencyMode): ThrottlerModuleOptions {
  return {
    throttlers: [
      {
        name: ROLE_THROTTLER,
        ttl: config.windowMs,
        limit: async (context) => {
          const request = requestOf(context);
          const role = rateLimitRole(request.user);
          return roleLimit(role, rateLimitedEndpoint(request)!, role === 'admin' ? 1 : await emergency.factor());
        },
        // Sliding window only: a refused caller gets in again as soon as its oldest request leaves the window.
        blockDuration: 0,
        skipIf: (context) => rateLimitedEndpoint(requestOf(context)) === undefined,
      },
      {
        name: IP_THROTTLER,
        ttl: ANONYMOUS_IP_LIMIT.windowMs,
        limit: ANONYMOUS_IP_LIMIT.limit,
        blockDuration: 0,
        skipIf: (context) => {
          const request = requestOf(context);
          return request.user !== undefined || (request.routeOptions?.url ?? '').startsWith('/health/');
        },
      },
    ],
  };
}
