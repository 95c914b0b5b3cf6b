import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { LevelsQueryDto } from './dto/levels-query.dto.js';
import { resolveLevelsWindow } from './levels-window.js';
import { LevelsService, type BucketPoint, type RawPoint } from './levels.service.js';

export interface LevelsResponse {
  station_id: string;
  interval: string;
  start_date: string;
  end_date: string;
  from: string;
  to: string;
  unit: 'm';
  count: number;
  points: RawPoint[] | BucketPoint[];
}

@ApiTags('levels')
@Controller('levels')
export class LevelsController {
  constructor(private readonly levels: LevelsService) {}

  @Get()
  @ApiOperation({ summary: 'Water levels of one station over a range of local days' })
  @ApiOkResponse({ description: 'Raw readings or buckets (avg/min/max) in metres' })
  async list(@Query() query: LevelsQueryDto): Promise<LevelsResponse> {
    const window = resolveLevelsWindow(query);
    const points = await this.levels.read(window);
    return {
      station_id: window.stationId,
      interval: window.interval,
      start_date: window.startDate,
      end_date: window.endDate,
      from: window.from.toISOString(),
      to: window.to.toISOString(),
      unit: 'm',
      count: points.length,
      points,
    };
  }
}
