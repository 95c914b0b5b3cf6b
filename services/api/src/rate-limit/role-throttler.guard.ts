import { createHash } from 'node:crypto';
import { type ExecutionContext, HttpStatus, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import {
  InjectThrottlerOptions,
  InjectThrottlerStorage,
  ThrottlerGuard,
  type ThrottlerModuleOptions,
  type ThrottlerRequest,
  type ThrottlerStorage,
} from '@nestjs/throttler';
import type { FastifyReply } from 'fastify';
import { ApiError } from '../common/errors/api-error.js';
import { SecurityEvents } from '../security/security-events.js';
import { IP_THROTTLER, ROLE_THROTTLER, rateLimitedEndpoint, requestOf, type RateLimitedRequest } from './rate-limit-policy.js';
import { ResilientThrottlerStorage, type RateLimitRecord, type StoreCheck } from './resilient-throttler.storage.js';
import type { ThrottlerStorageRecord } from './sliding-window.js';

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** What one throttler left for this request; the tightest one goes into the RateLimit-* headers. */
interface Allowance {
  readonly limit: number;
  readonly remaining: number;
  readonly resetSeconds: number;
}

/**
 * The rate limiter, registered after the authentication guard so `request.user` is the verified
 * caller (see RateLimitModule). It only reads `request.user`; it never verifies a token itself.
 */
@Injectable()
export class RoleThrottlerGuard extends ThrottlerGuard {
  private readonly allowances = new WeakMap<object, Allowance[]>();

  constructor(
    @InjectThrottlerOptions() options: ThrottlerModuleOptions,
    @InjectThrottlerStorage() storage: ThrottlerStorage,
    reflector: Reflector,
    private readonly store: ResilientThrottlerStorage,
    @Inject(SecurityEvents) private readonly events: SecurityEvents,
  ) {
    super(options, storage, reflector);
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = requestOf(context);
    // Writes fail closed without the shared store, even on routes no limit applies to.
    if (!READ_METHODS.has(request.method)) this.refuseWritesDuringOutage(await this.store.check(), request);
    const allowed = await super.canActivate(context);
    const tightest = this.allowances.get(request)?.reduce((a, b) => (b.remaining < a.remaining ? b : a));
    if (tightest) void context.switchToHttp().getResponse<FastifyReply>().headers(rateLimitHeaders(tightest));
    return allowed;
  }

  /** Signed-in callers by user id; anonymous ones by the client IP Fastify derived from the trusted hops (IPv6 by /64). */
  protected override async getTracker(request: RateLimitedRequest): Promise<string> {
    return request.user ? `user:${request.user.uid}` : `ip:${await super.getTracker(request)}`;
  }

  /** One budget per caller and endpoint (role limit) or per caller (IP limit); hashed, so no uid or IP sits in Redis. */
  protected override generateKey(context: ExecutionContext, tracker: string, throttlerName: string): string {
    const digest = createHash('sha256').update(tracker).digest('base64url').slice(0, 22);
    return throttlerName === ROLE_THROTTLER ? `${rateLimitedEndpoint(requestOf(context))}:${digest}` : digest;
  }

  protected override async handleRequest({ context, limit, ttl, throttler, blockDuration, getTracker, generateKey }: ThrottlerRequest): Promise<boolean> {
    const request = requestOf(context);
    const name = throttler.name ?? 'default';
    const key = generateKey(context, await getTracker(request, context), name);
    // Another ThrottlerStorage (the bench swaps one in) returns only the throttler's four fields.
    const record: ThrottlerStorageRecord & Partial<RateLimitRecord> = await this.storageService.increment(key, ttl, limit, blockDuration, name);
    const enforced = record.limit ?? limit;
    this.refuseWritesDuringOutage({ source: record.source ?? 'redis', outageStarted: record.outageStarted ?? false }, request);
    if (record.isBlocked) {
      const retryAfter = String(record.timeToBlockExpire);
      throw new ApiError(HttpStatus.TOO_MANY_REQUESTS, refusal(name, enforced, ttl, request, record.timeToBlockExpire), [], {
        'retry-after': retryAfter,
        ...rateLimitHeaders({ limit: enforced, remaining: 0, resetSeconds: record.timeToBlockExpire }),
      });
    }
    const allowance = { limit: enforced, remaining: Math.max(0, enforced - record.totalHits), resetSeconds: record.timeToExpire };
    this.allowances.set(request, [...(this.allowances.get(request) ?? []), allowance]);
    return true;
  }

  private refuseWritesDuringOutage(check: StoreCheck, request: RateLimitedRequest): void {
    if (check.outageStarted) {
      this.events.record({
        type: 'rate_limit_store_degraded',
        uid: request.user?.uid,
        ip: request.ip,
        userAgent: request.headers['user-agent'],
        endpoint: `${request.method} ${request.routeOptions?.url ?? 'unmatched'}`,
        success: false,
        details: { fallback: 'in-process limiter, a per-instance share of each limit; writes refused' },
      });
    }
    if (check.source === 'fallback' && !READ_METHODS.has(request.method)) {
      throw new ApiError(HttpStatus.SERVICE_UNAVAILABLE, 'changes are paused for a moment; retry shortly', [], { 'retry-after': '5' });
    }
  }
}

function rateLimitHeaders(allowance: Allowance): Record<string, string> {
  return {
    'ratelimit-limit': String(allowance.limit),
    'ratelimit-remaining': String(allowance.remaining),
    'ratelimit-reset': String(allowance.resetSeconds),
  };
}

/** Which limit was hit and when to retry; nothing about keys, roles or storage. */
function refusal(name: string, limit: number, windowMs: number, request: RateLimitedRequest, retryAfter: number): string {
  const scope = name === IP_THROTTLER ? 'from this address' : `on /${rateLimitedEndpoint(request)}`;
  return `rate limit of ${limit} requests per ${describeWindow(windowMs)} ${scope} reached; retry in ${retryAfter} s`;
}

function describeWindow(ms: number): string {
  if (ms % 3_600_000 === 0) return ms === 3_600_000 ? 'hour' : `${ms / 3_600_000} hours`;
  if (ms % 60_000 === 0) return ms === 60_000 ? 'minute' : `${ms / 60_000} minutes`;
  return `${ms / 1000} seconds`;
}
