import { ApiPropertyOptional } from '@nestjs/swagger';
import { ToInt } from '../../common/validators/to-int.js';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { IsDateRangeEnd, IsRecentCalendarDate } from '../../common/validators/date-rules.js';
import { IsStationId } from '../../common/validators/station-id.js';

/** Publicly visible alert states; alerts awaiting the second admin's approval are never listed. */
export const PUBLIC_ALERT_FILTERS = ['active', 'superseded', 'cancelled', 'expired', 'all'] as const;
export type PublicAlertFilter = (typeof PUBLIC_ALERT_FILTERS)[number];

export const ALERT_HISTORY_DAYS = 730;
export const MAX_ALERTS_PAGE = 200;

/** `GET /alerts` query: active alerts by default; `status` and dates browse the history. */
export class AlertsQueryDto {
  @IsOptional()
  @IsStationId(false)
  station_id?: string;

  @ApiPropertyOptional({ enum: PUBLIC_ALERT_FILTERS, default: 'active' })
  @IsOptional()
  @IsIn(PUBLIC_ALERT_FILTERS)
  status?: PublicAlertFilter;

  @ApiPropertyOptional({ example: '2026-10-01', description: 'Issued on or after this day (YYYY-MM-DD).' })
  @IsOptional()
  @IsRecentCalendarDate(ALERT_HISTORY_DAYS)
  since?: string;

  @ApiPropertyOptional({ example: '2026-11-30', description: 'Issued on or before this day (YYYY-MM-DD).' })
  @IsOptional()
  @IsRecentCalendarDate(ALERT_HISTORY_DAYS)
  @IsDateRangeEnd('since', ALERT_HISTORY_DAYS + 1)
  until?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_ALERTS_PAGE, default: 50 })
  @IsOptional()
  @ToInt()
  @IsInt()
  @Min(1)
  @Max(MAX_ALERTS_PAGE)
  limit?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 10_000, default: 0 })
  @IsOptional()
  @ToInt()
  @IsInt()
  @Min(0)
  @Max(10_000)
  offset?: number;
}
