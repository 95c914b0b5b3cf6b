import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthenticatedUser } from './authenticated-user.js';
import { CurrentUser } from './decorators/current-user.decorator.js';

export interface SessionView {
  uid: string;
  role: string;
  mfa: boolean;
  auth_time: string;
}

@ApiTags('auth')
@ApiBearerAuth()
@Controller('auth')
export class AuthController {
  @Get('session')
  @ApiOperation({ summary: 'Who the API thinks is calling: uid, role, second factor, sign-in time' })
  session(@CurrentUser() user: AuthenticatedUser): SessionView {
    return { uid: user.uid, role: user.role, mfa: user.mfa, auth_time: new Date(user.authTime * 1000).toISOString() };
  }
}
