import { LEVEL_INTERVALS, LEVEL_QUERY, READING_PERIOD_SECONDS, type LevelInterval } from '@cmipro/shared';
import { ApiError } from '../common/errors/api-error.js';
import { dayStart, formatDay, parseCalendarDay, todayDay } from '../common/validators/calendar-date.js';
import type { LevelsQueryDto } from './dto/levels-query.dto.js';

const DEFAULT_SPAN_DAYS = 7;
/** Finest first: the default is the first that fits the point cap. */
const BY_FINENESS: readonly LevelInterval[] = ['raw', '15m', '1h', '1d'];

export interface LevelsWindow {
  readonly stationId: string;
  readonly startDate: string;
  readonly endDate: string;
  /** First instant included. */
  readonly from: Date;
  /** First instant excluded (local midnight after end_date). */
  readonly to: Date;
  readonly interval: LevelInterval;
}

function pointsFor(interval: LevelInterval, days: number): number {
  const seconds = LEVEL_INTERVALS[interval] ?? READING_PERIOD_SECONDS;
  return Math.ceil((days * 86_400) / seconds);
}

/** Turns a validated query into the instants to read and the bucket width, enforcing the point cap. */
export function resolveLevelsWindow(query: LevelsQueryDto, now: Date = new Date()): LevelsWindow {
  const oldest = todayDay(now) - LEVEL_QUERY.maxHistoryDays;
  const endDay = query.end_date ? parseCalendarDay(query.end_date)! : todayDay(now);
  const startDay = query.start_date
    ? parseCalendarDay(query.start_date)!
    : Math.max(oldest, endDay - (DEFAULT_SPAN_DAYS - 1));
  const days = endDay - startDay + 1;
  const interval = query.interval ?? BY_FINENESS.find((i) => pointsFor(i, days) <= LEVEL_QUERY.maxPoints)!;
  const points = pointsFor(interval, days);
  if (points > LEVEL_QUERY.maxPoints) {
    const fits = BY_FINENESS.filter((i) => pointsFor(i, days) <= LEVEL_QUERY.maxPoints);
    throw ApiError.badRequest('validation failed', [
      {
        field: 'interval',
        messages: [
          `interval ${interval} over ${days} days gives ${points} points; the limit is ${LEVEL_QUERY.maxPoints}: use ${fits.join(' or ')}`,
        ],
      },
    ]);
  }
  return {
    stationId: query.station_id,
    startDate: formatDay(startDay),
    endDate: formatDay(endDay),
    from: dayStart(startDay),
    to: dayStart(endDay + 1),
    interval,
  };
}
