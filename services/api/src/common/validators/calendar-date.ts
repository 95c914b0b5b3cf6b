import { SERVICE_UTC_OFFSET_MS } from '@cmipro/shared';

const DAY_MS = 24 * 60 * 60 * 1000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 for a real `YYYY-MM-DD` calendar date, or `null` (so `2026-02-30` is null). */
export function parseCalendarDay(value: unknown): number | null {
  if (typeof value !== 'string') return null;
  const match = ISO_DATE.exec(value);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(year, month - 1, day);
  const date = new Date(ms);
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return ms / DAY_MS;
}

/** Today's day number in the service's time zone. */
export function todayDay(now: Date = new Date()): number {
  return Math.floor((now.getTime() + SERVICE_UTC_OFFSET_MS) / DAY_MS);
}

export function formatDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** The instant a local day starts (local midnight, as UTC). */
export function dayStart(day: number): Date {
  return new Date(day * DAY_MS - SERVICE_UTC_OFFSET_MS);
}
