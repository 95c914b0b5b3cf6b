import { type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard, AuthModuleOptions } from '@nestjs/passport';
import { IS_PUBLIC } from '../decorators/public.decorator.js';

/**
 * Global: every route needs a valid Firebase ID token unless marked `@Public()`. The
 * strategy comes from `AuthModuleOptions.defaultStrategy` (this app's unique name).
 */
@Injectable()
export class FirebaseAuthGuard extends AuthGuard() {
  constructor(
    @Inject(AuthModuleOptions) options: AuthModuleOptions,
    private readonly reflector: Reflector,
  ) {
    super(options);
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const isPublic = this.reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC, [context.getHandler(), context.getClass()]);
    if (isPublic) return true;
    return (await super.canActivate(context)) as boolean;
  }
}
