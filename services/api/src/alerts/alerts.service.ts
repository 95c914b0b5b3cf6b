import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { dayStart, parseCalendarDay } from '../common/validators/calendar-date.js';
import type { AlertsQueryDto } from './dto/alerts-query.dto.js';

export interface AlertView {
  id: string;
  station_id: string;
  level: string;
  status: string;
  title: string;
  message: string;
  issued_at: Date;
  expires_at: Date | null;
  superseded_by: string | null;
}

/** An active alert past its expiry is shown as expired, whether or not a job has marked it yet. */
const EFFECTIVE_STATUS = `CASE WHEN status = 'active' AND expires_at IS NOT NULL AND expires_at <= now()
  THEN 'expired' ELSE status END`;

@Injectable()
export class AlertsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Published alerts only: one awaiting its second approval is never returned. */
  async list(query: AlertsQueryDto): Promise<AlertView[]> {
    const since = query.since ? dayStart(parseCalendarDay(query.since)!) : null;
    const until = query.until ? dayStart(parseCalendarDay(query.until)! + 1) : null;
    return this.db.query(
      `SELECT id, station_id, level, effective AS status, title, message, issued_at, expires_at, superseded_by
       FROM (SELECT *, ${EFFECTIVE_STATUS} AS effective FROM alerts WHERE status <> 'pending_approval') a
       WHERE ($1::text = 'all' OR a.effective = $1::text)
         AND ($2::text IS NULL OR a.station_id = $2::text)
         AND ($3::timestamptz IS NULL OR a.issued_at >= $3::timestamptz)
         AND ($4::timestamptz IS NULL OR a.issued_at < $4::timestamptz)
       ORDER BY a.issued_at DESC, a.id
       LIMIT $5 OFFSET $6`,
      [query.status ?? 'active', query.station_id ?? null, since, until, query.limit ?? 50, query.offset ?? 0],
    );
  }
}
