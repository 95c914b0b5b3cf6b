import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { AlertsQueryDto } from './dto/alerts-query.dto.js';
import { AlertsService, type AlertView } from './alerts.service.js';

@ApiTags('alerts')
@Controller('alerts')
export class AlertsController {
  constructor(private readonly alerts: AlertsService) {}

  @Get()
  @ApiOperation({ summary: 'Active flood alerts; status and dates browse the history' })
  async list(@Query() query: AlertsQueryDto): Promise<{ items: AlertView[] }> {
    return { items: await this.alerts.list(query) };
  }
}
