import { Controller, HttpCode, HttpStatus, Inject, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import type { AuthenticatedUser } from '../auth/authenticated-user.js';
import { CurrentUser } from '../auth/decorators/current-user.decorator.js';
import { Roles } from '../auth/decorators/roles.decorator.js';
import { requestContext } from '../auth/request-context.js';
import { SecurityEvents } from '../security/security-events.js';
import { AdminUsersService, type UserActionResult } from './admin-users.service.js';
import { UserUidParamDto } from './dto/user-uid-param.dto.js';

@ApiTags('admin')
@ApiBearerAuth()
@Roles('admin')
@Controller('admin/users')
export class AdminUsersController {
  constructor(
    private readonly users: AdminUsersService,
    @Inject(SecurityEvents) private readonly events: SecurityEvents,
  ) {}

  @Post(':uid/disable')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Disable a user and revoke their tokens; refused on every instance from the next request' })
  async disable(@Param() { uid }: UserUidParamDto, @CurrentUser() admin: AuthenticatedUser, @Req() request: FastifyRequest): Promise<UserActionResult> {
    const result = await this.users.disable(uid);
    this.audit('admin_user_disabled', admin, request, result);
    return result;
  }

  @Post(':uid/revoke')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: "Revoke a user's tokens; refused on every instance from the next request" })
  async revoke(@Param() { uid }: UserUidParamDto, @CurrentUser() admin: AuthenticatedUser, @Req() request: FastifyRequest): Promise<UserActionResult> {
    const result = await this.users.revoke(uid);
    this.audit('admin_tokens_revoked', admin, request, result);
    return result;
  }

  private audit(type: 'admin_user_disabled' | 'admin_tokens_revoked', admin: AuthenticatedUser, request: FastifyRequest, result: UserActionResult): void {
    this.events.record({ type, uid: admin.uid, ...requestContext(request), success: true, details: { target: result.uid, propagated: result.propagated } });
  }
}
