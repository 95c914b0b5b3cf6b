import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { StationsService, type StationView } from './stations.service.js';

@ApiTags('stations')
@Controller('stations')
export class StationsController {
  constructor(private readonly stations: StationsService) {}

  @Get()
  @ApiOperation({ summary: 'Stations with thresholds and their latest reading' })
  async list(): Promise<{ items: StationView[] }> {
    return { items: await this.stations.list() };
  }
}
