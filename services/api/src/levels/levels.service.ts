import { SERVICE_UTC_OFFSET } from '@cmipro/shared';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { LevelsWindow } from './levels-window.js';

export interface RawPoint {
  ts: Date;
  level_m: number;
}

export interface BucketPoint {
  ts: Date;
  avg_m: number;
  min_m: number;
  max_m: number;
  samples: number;
}

/** Buckets start at local (Honduras) midnight, so a `1d` bucket is a local calendar day. */
const BUCKET_ORIGIN = `2000-01-01T00:00:00${SERVICE_UTC_OFFSET}`;

const ROUNDED = (expr: string) => `round((${expr})::numeric, 3)::float8`;

/**
 * Reads one station's levels. Raw and 15-minute points come from `readings`; hourly and daily
 * ones from the hourly rollup, so two years of daily points read ~17k rollup rows, not 210k readings.
 */
@Injectable()
export class LevelsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async read(window: LevelsWindow): Promise<RawPoint[] | BucketPoint[]> {
    const params = [window.stationId, window.from, window.to];
    switch (window.interval) {
      case 'raw':
        return this.db.query(
          `SELECT ts, level_m FROM readings
           WHERE station_id = $1 AND ts >= $2 AND ts < $3 ORDER BY ts`,
          params,
        );
      case '15m':
        return this.db.query(
          `SELECT b AS ts, ${ROUNDED('avg(level_m)')} AS avg_m, min(level_m) AS min_m,
                  max(level_m) AS max_m, count(*)::int AS samples
           FROM (SELECT date_bin(interval '15 minutes', ts, $4::timestamptz) AS b, level_m FROM readings
                 WHERE station_id = $1 AND ts >= $2 AND ts < $3) r
           GROUP BY b ORDER BY b`,
          [...params, BUCKET_ORIGIN],
        );
      case '1h':
        return this.db.query(
          `SELECT bucket AS ts, ${ROUNDED('level_sum / n')} AS avg_m, level_min AS min_m,
                  level_max AS max_m, n AS samples
           FROM readings_hourly WHERE station_id = $1 AND bucket >= $2 AND bucket < $3 ORDER BY bucket`,
          params,
        );
      case '1d':
        return this.db.query(
          `SELECT b AS ts, ${ROUNDED('sum(level_sum) / sum(n)')} AS avg_m, min(level_min) AS min_m,
                  max(level_max) AS max_m, sum(n)::int AS samples
           FROM (SELECT date_bin(interval '1 day', bucket, $4::timestamptz) AS b, level_sum, level_min, level_max, n
                 FROM readings_hourly WHERE station_id = $1 AND bucket >= $2 AND bucket < $3) h
           GROUP BY b ORDER BY b`,
          [...params, BUCKET_ORIGIN],
        );
    }
  }
}
