import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

export interface StationView {
  id: string;
  name: string;
  river: string;
  latitude: number;
  longitude: number;
  thresholds: { warning_m: number; danger_m: number };
  latest_reading: { ts: Date; level_m: number; status: 'normal' | 'warning' | 'danger' } | null;
}

interface StationRow {
  id: string;
  name: string;
  river: string;
  latitude: number;
  longitude: number;
  warning_level_m: number;
  danger_level_m: number;
  ts: Date | null;
  level_m: number | null;
}

function levelStatus(level: number, row: StationRow): 'normal' | 'warning' | 'danger' {
  if (level >= row.danger_level_m) return 'danger';
  return level >= row.warning_level_m ? 'warning' : 'normal';
}

@Injectable()
export class StationsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Every station with its thresholds and latest reading (one index probe per station). */
  async list(): Promise<StationView[]> {
    const rows: StationRow[] = await this.db.query(
      `SELECT s.id, s.name, s.river, s.latitude, s.longitude, s.warning_level_m, s.danger_level_m, r.ts, r.level_m
       FROM stations s
       LEFT JOIN LATERAL (
         SELECT ts, level_m FROM readings WHERE station_id = s.id ORDER BY ts DESC LIMIT 1
       ) r ON true
       ORDER BY s.id`,
    );
    return rows.map((row) => ({
      id: row.id,
      name: row.name,
      river: row.river,
      latitude: row.latitude,
      longitude: row.longitude,
      thresholds: { warning_m: row.warning_level_m, danger_m: row.danger_level_m },
      latest_reading:
        row.ts && row.level_m !== null
          ? { ts: row.ts, level_m: row.level_m, status: levelStatus(row.level_m, row) }
          : null,
    }));
  }
}
