import type { FastifyRequest } from 'fastify';
import type { LookupContext } from './user-status/user-status.service.js';

/** Who and where, for security events: the trusted client IP, the user agent, the route pattern (never the query). */
export function requestContext(request: FastifyRequest): LookupContext {
  const userAgent = request.headers['user-agent'];
  return {
    ip: request.ip,
    ...(userAgent ? { userAgent: userAgent.slice(0, 256) } : {}),
    endpoint: `${request.method} ${request.routeOptions?.url ?? request.url.split('?')[0]}`,
  };
}

/** The uid a token claims, read without verifying it, for counting failures per claimed user. */
export function claimedUid(authorization: string | undefined): string | undefined {
  const payload = authorization?.split(' ')[1]?.split('.')[1];
  if (!payload || payload.length > 4096) return undefined;
  try {
    const sub: unknown = (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { sub?: unknown }).sub;
    return typeof sub === 'string' && sub.length > 0 && sub.length <= 128 ? sub : undefined;
  } catch {
    return undefined;
  }
}
