/** Bounds on `GET /levels` queries (SPEC §6). */
export const LEVEL_QUERY = {
  /** Oldest date a query may ask for, in days before today. */
  maxHistoryDays: 730,
  /** Longest span between start_date and end_date, in days (inclusive). */
  maxSpanDays: 731,
  /** Most points one response returns; a finer interval over a longer span is refused. */
  maxPoints: 10_000,
} as const;

/** Bucket widths a client may ask for; `raw` returns the readings themselves. */
export const LEVEL_INTERVALS = {
  raw: null,
  '15m': 15 * 60,
  '1h': 60 * 60,
  '1d': 24 * 60 * 60,
} as const;
export type LevelInterval = keyof typeof LEVEL_INTERVALS;
export const LEVEL_INTERVAL_NAMES = Object.keys(LEVEL_INTERVALS) as LevelInterval[];

/** Spacing of the gauges' readings, used to size raw responses. */
export const READING_PERIOD_SECONDS = 5 * 60;
