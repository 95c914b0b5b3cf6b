import { LEVEL_INTERVAL_NAMES, LEVEL_QUERY, type LevelInterval } from '@cmipro/shared';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { IsDateRangeEnd, IsRecentCalendarDate } from '../../common/validators/date-rules.js';
import { IsStationId } from '../../common/validators/station-id.js';

/** `GET /levels` query. Dates are local (Honduras) calendar days, both inclusive. */
export class LevelsQueryDto {
  @IsStationId()
  station_id: string;

  @ApiPropertyOptional({ example: '2026-11-01', description: 'First day (YYYY-MM-DD). Default: 6 days before end_date.' })
  @IsOptional()
  @IsRecentCalendarDate(LEVEL_QUERY.maxHistoryDays)
  start_date?: string;

  @ApiPropertyOptional({ example: '2026-11-30', description: 'Last day (YYYY-MM-DD). Default: today.' })
  @IsOptional()
  @IsRecentCalendarDate(LEVEL_QUERY.maxHistoryDays)
  @IsDateRangeEnd('start_date', LEVEL_QUERY.maxSpanDays)
  end_date?: string;

  @ApiPropertyOptional({
    enum: LEVEL_INTERVAL_NAMES,
    description: `Bucket width. Default: the finest that fits ${LEVEL_QUERY.maxPoints} points.`,
  })
  @IsOptional()
  @IsIn(LEVEL_INTERVAL_NAMES)
  interval?: LevelInterval;
}
