import { READING_PERIOD_SECONDS, STATIONS } from '@cmipro/shared';
import type { DataSource } from 'typeorm';
import { execute } from '../execute.js';
import { refreshHourlyRollup } from '../rollup.js';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Day of the year the rainy season crests (mid October). */
const SEASON_PEAK_DAY = 290;
/** The flow without storms: a base and a seasonal swell, as shares of the warning level. */
const BASE_SHARE = 0.35;
const SEASON_SHARE = 0.45;

/** Storm peaks as (month, day, share of the danger level reached, duration in hours). */
const STORMS_EACH_YEAR = [
  { month: 6, day: 14, share: 0.55, hours: 18 },
  { month: 9, day: 21, share: 0.8, hours: 30 },
  { month: 10, day: 17, share: 0.95, hours: 36 },
  { month: 11, day: 4, share: 1.1, hours: 48 },
] as const;

/** The demo alert; a fixed id keeps the seed idempotent. */
export const DEMO_ALERT_ID = '00000000-0000-4000-8000-00000000a1e7';

interface Storm {
  stationId: string;
  peakEpoch: number;
  heightM: number;
  widthS: number;
}

/** Share of the rainy-season swell on a given date: 0 in the dry season, 1 at the October peak. */
function seasonFactor(epochMs: number): number {
  const dayOfYear = (epochMs - Date.UTC(new Date(epochMs).getUTCFullYear(), 0, 0)) / DAY_MS;
  return Math.pow(0.5 + 0.5 * Math.cos((2 * Math.PI * (dayOfYear - SEASON_PEAK_DAY)) / 365.25), 3);
}

function stormsBetween(from: Date, to: Date): Storm[] {
  const storms: Storm[] = [];
  for (let year = from.getUTCFullYear(); year <= to.getUTCFullYear(); year++) {
    for (const storm of STORMS_EACH_YEAR) {
      const peak = Date.UTC(year, storm.month - 1, storm.day, 12);
      if (peak < from.getTime() || peak > to.getTime()) continue;
      STATIONS.forEach((station, index) => {
        // Downstream gauges crest a few hours later, as a flood wave travels.
        storms.push({
          stationId: station.id,
          peakEpoch: peak / 1000 + index * 6 * 3600,
          // The crest reaches `share` of the danger level over the flow already in the river.
          heightM:
            station.dangerLevelM * storm.share -
            station.warningLevelM * (BASE_SHARE + SEASON_SHARE * seasonFactor(peak)),
          widthS: storm.hours * 3600,
        });
      });
    }
  }
  return storms;
}

/**
 * Loads `days` of 5-minute readings ending at `now` for every station: a base flow, a rainy
 * season peaking in October, a small daily ripple and a few storm crests a year, some above
 * the warning level. Generated inside the database with generate_series (no rows cross the
 * wire), idempotent on (station_id, ts), then rolled up. Returns the number of rows added.
 */
export async function seedReadings(db: DataSource, now: Date, days: number): Promise<number> {
  const step = READING_PERIOD_SECONDS * 1000;
  const end = new Date(Math.floor(now.getTime() / step) * step);
  const windowStart = end.getTime() - days * DAY_MS;
  // Only the tail since the last reading is generated again: a restart costs a few rows, not 630k.
  const [{ latest }]: [{ latest: Date | null }] = await db.query(`SELECT max(ts) AS latest FROM readings`);
  const start = new Date(Math.max(windowStart, latest?.getTime() ?? 0));
  const storms = stormsBetween(start, end);
  const added = await execute(
    db,
    `WITH station AS (
       SELECT id, warning_level_m * $7 AS base, warning_level_m * $8 AS season FROM stations
     ), storm AS (
       SELECT * FROM unnest($3::text[], $4::float8[], $5::float8[], $6::float8[]) AS s(station_id, peak, height, width)
     )
     INSERT INTO readings (station_id, ts, level_m)
     SELECT st.id, g.ts, round((
         st.base
         + st.season * power(0.5 + 0.5 * cos(2 * pi() * (extract(doy FROM g.ts) - $9) / 365.25), 3)
         + 0.04 * sin(2 * pi() * extract(hour FROM g.ts) / 24)
         + 0.015 * sin(extract(epoch FROM g.ts) / 977.0) * cos(extract(epoch FROM g.ts) / 5113.0)
         + coalesce((SELECT sum(s.height * exp(-power((extract(epoch FROM g.ts) - s.peak) / s.width, 2)))
                     FROM storm s
                     WHERE s.station_id = st.id AND abs(extract(epoch FROM g.ts) - s.peak) < 4 * s.width), 0)
       )::numeric, 3)::float8
     FROM station st CROSS JOIN generate_series($1::timestamptz, $2::timestamptz, interval '5 minutes') AS g(ts)
     ON CONFLICT (station_id, ts) DO NOTHING`,
    [
      start,
      end,
      storms.map((s) => s.stationId),
      storms.map((s) => s.peakEpoch),
      storms.map((s) => s.heightM),
      storms.map((s) => s.widthS),
      BASE_SHARE,
      SEASON_SHARE,
      SEASON_PEAK_DAY,
    ],
  );
  await refreshHourlyRollup(db, start, end);
  return added;
}

/** One active, two-person-approved demo alert on the first station. Idempotent. */
export async function seedDemoAlert(db: DataSource, now: Date): Promise<void> {
  const station = STATIONS[0];
  await db.query(
    `INSERT INTO alerts (id, station_id, level, status, title, message, issued_at, expires_at, created_by, approved_by)
     VALUES ($1, $2, 'warning', 'active', $3, $4, $5, $6, 'seed-admin-1', 'seed-admin-2')
     ON CONFLICT (id) DO NOTHING`,
    [
      DEMO_ALERT_ID,
      station.id,
      `DEMO — ${station.id} warning (not a real alert)`,
      'DEMO DATA — not a real warning. Shown so a local install has an alert to display.',
      now,
      new Date(now.getTime() + DAY_MS),
    ],
  );
}

export async function seedDemoData(db: DataSource, now = new Date(), days = 730): Promise<number> {
  const added = await seedReadings(db, now, days);
  await seedDemoAlert(db, now);
  return added;
}
