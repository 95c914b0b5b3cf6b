import { HttpStatus, Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import passport from 'passport';
import { Strategy } from 'passport-custom';
import { ApiError } from '../common/errors/api-error.js';
import { SecurityEvents } from '../security/security-events.js';
import { AuthFailure, AuthStatusUnavailable, unauthorized } from './auth-failure.js';
import type { AuthenticatedUser } from './authenticated-user.js';
import { IdTokenAuthenticator } from './id-token.authenticator.js';
import { claimedUid, requestContext } from './request-context.js';

/**
 * Name this app's strategy is registered under. passport keeps strategies in one global
 * registry, so each Nest app (several share a process in tests) registers its own instance
 * under a unique name and its guard asks for exactly that one.
 */
export const AUTH_STRATEGY_NAME = Symbol('AUTH_STRATEGY_NAME');

/** passport-custom strategy: Firebase ID token in, `AuthenticatedUser` out, every failure recorded. */
@Injectable()
export class FirebaseIdTokenStrategy extends PassportStrategy(Strategy, 'firebase-id-token') implements OnModuleDestroy {
  constructor(
    private readonly authenticator: IdTokenAuthenticator,
    @Inject(SecurityEvents) private readonly events: SecurityEvents,
    @Inject(AUTH_STRATEGY_NAME) private readonly strategyName: string,
  ) {
    super();
    passport.use(strategyName, this);
  }

  async validate(request: FastifyRequest): Promise<AuthenticatedUser> {
    const authorization = request.headers.authorization;
    const context = requestContext(request);
    try {
      return await this.authenticator.authenticate(authorization, context);
    } catch (error) {
      if (error instanceof AuthFailure) {
        const uid = claimedUid(authorization);
        this.events.record({
          type: 'auth_failure',
          ...(uid ? { uid } : {}),
          ...context,
          success: false,
          details: { reason: error.reason, ...error.detail },
        });
        throw unauthorized(error.kind);
      }
      if (error instanceof AuthStatusUnavailable) {
        const cause = error.cause instanceof Error ? error.cause.message : String(error.cause);
        this.events.record({ type: 'auth_status_unavailable', ...context, success: false, details: { cause } });
        throw new ApiError(HttpStatus.SERVICE_UNAVAILABLE, 'service unavailable');
      }
      throw error;
    }
  }

  onModuleDestroy(): void {
    passport.unuse(this.strategyName);
  }
}
