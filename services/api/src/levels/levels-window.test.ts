import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ApiError } from '../common/errors/api-error.js';
import { parseCalendarDay } from '../common/validators/calendar-date.js';
import { resolveLevelsWindow } from './levels-window.js';

const NOW = new Date('2026-12-03T03:00:00Z'); // still 2 December in Honduras (UTC-6)

describe('resolveLevelsWindow', () => {
  it('reads local days: "today" follows Honduras, and a day starts at 06:00 UTC', () => {
    const window = resolveLevelsWindow({ station_id: 'CHIH3' }, NOW);
    assert.equal(window.endDate, '2026-12-02');
    assert.equal(window.startDate, '2026-11-26');
    assert.equal(window.from.toISOString(), '2026-11-26T06:00:00.000Z');
    assert.equal(window.to.toISOString(), '2026-12-03T06:00:00.000Z');
  });

  it('defaults to the finest interval within the point cap', () => {
    const interval = (start: string, end: string) =>
      resolveLevelsWindow({ station_id: 'CHIH3', start_date: start, end_date: end }, NOW).interval;
    assert.equal(interval('2026-11-03', '2026-12-02'), 'raw'); // 30 days: 8640 points
    assert.equal(interval('2026-09-01', '2026-12-02'), '15m'); // 93 days: 8928 points
    assert.equal(interval('2025-12-03', '2026-12-02'), '1h'); // 365 days: 8760 points
    assert.equal(interval('2024-12-03', '2026-12-02'), '1d');
  });

  it('refuses an explicit interval over the cap', () => {
    assert.throws(
      () => resolveLevelsWindow({ station_id: 'CHIH3', start_date: '2026-01-01', end_date: '2026-12-02', interval: 'raw' }, NOW),
      (error: unknown) => error instanceof ApiError && /use 1h or 1d/.test(JSON.stringify(error.fields)),
    );
  });
});

describe('parseCalendarDay', () => {
  it('accepts only real dates in YYYY-MM-DD', () => {
    assert.notEqual(parseCalendarDay('2024-02-29'), null);
    for (const bad of ['2026-02-29', '2026-02-30', '2026-13-01', '2026-1-01', '20260101', '2026-01-01T00:00', ' 2026-01-01', 42, null]) {
      assert.equal(parseCalendarDay(bad), null, String(bad));
    }
  });
});
