import { type CanActivate, type ExecutionContext, HttpStatus, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from '@cmipro/shared';
import type { FastifyRequest } from 'fastify';
import { ApiError } from '../../common/errors/api-error.js';
import { SecurityEvents } from '../../security/security-events.js';
import type { AuthenticatedUser } from '../authenticated-user.js';
import { IS_PUBLIC } from '../decorators/public.decorator.js';
import { ROLES_KEY } from '../decorators/roles.decorator.js';
import { requestContext } from '../request-context.js';

/**
 * Global, after authentication: an admin must have signed in with a second factor (on every
 * route, so an admin identity without MFA gets nothing, not even admin rate limits), and
 * `@Roles(...)` routes need one of their roles. Both refusals are 403 and a security event.
 */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(SecurityEvents) private readonly events: SecurityEvents,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<FastifyRequest & { user?: AuthenticatedUser }>();
    const user = request.user;
    if (!user) throw new ApiError(HttpStatus.FORBIDDEN, 'forbidden');
    if (user.role === 'admin' && !user.mfa) this.deny(request, user, 'admin_without_second_factor', 'second factor required');
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && !roles.includes(user.role)) this.deny(request, user, 'role_not_allowed', 'forbidden', { required: roles });
    return true;
  }

  private deny(request: FastifyRequest, user: AuthenticatedUser, reason: string, message: string, extra: Record<string, unknown> = {}): never {
    this.events.record({ type: 'access_denied', uid: user.uid, ...requestContext(request), success: false, details: { reason, role: user.role, ...extra } });
    throw new ApiError(HttpStatus.FORBIDDEN, message);
  }
}
