import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/decorators/public.decorator.js';

type CheckState = 'up' | 'down';

export interface ReadinessBody {
  status: 'ok' | 'error';
  checks: Record<string, CheckState>;
}

/** Liveness says the process answers; readiness says its dependencies do (the ALB health check). */
@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
  ) {}

  @Get('live')
  @ApiOperation({ summary: 'The process is up' })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiOperation({ summary: 'The database answers; 503 otherwise' })
  async ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<ReadinessBody> {
    const checks = [() => this.database.pingCheck('database', { timeout: 1500 })];
    try {
      const result = await this.health.check(checks);
      return { status: 'ok', checks: states(result.details) };
    } catch (error) {
      // Terminus throws with the per-check details; only up/down leaves the building.
      const details = (error as { response?: { details?: Record<string, { status: string }> } }).response?.details;
      void reply.status(HttpStatus.SERVICE_UNAVAILABLE).header('cache-control', 'no-store');
      return { status: 'error', checks: states(details ?? { database: { status: 'down' } }) };
    }
  }
}

function states(details: Record<string, { status: string }>): Record<string, CheckState> {
  return Object.fromEntries(Object.entries(details).map(([key, value]) => [key, value.status === 'up' ? 'up' : 'down']));
}
