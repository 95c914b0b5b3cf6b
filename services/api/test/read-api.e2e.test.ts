import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { STATION_IDS } from '@cmipro/shared';
import { formatDay, todayDay } from '../src/common/validators/calendar-date.js';
import { seedDemoData } from '../src/database/seed/demo-data.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';
import { startTestApp, testEnv, type TestApp } from './support/test-app.js';

const today = todayDay();
const day = (offset: number) => formatDay(today + offset);

describe('read API on real PostgreSQL', () => {
  let database: TestDatabase;
  let api: TestApp;

  before(async () => {
    database = await createTestDatabase();
    await seedDemoData(database.db, new Date(), 60);
    api = await startTestApp(testEnv(database.url), { signedInAs: 'free_user' });
  });
  after(async () => {
    await api?.close();
    await database?.drop();
  });

  it('GET /health/live and /health/ready answer without the API prefix', async () => {
    const live = await api.request('/health/live');
    assert.equal(live.statusCode, 200);
    assert.deepEqual(live.json(), { status: 'ok' });
    const ready = await api.request('/health/ready');
    assert.equal(ready.statusCode, 200);
    assert.deepEqual(ready.json(), { status: 'ok', checks: { database: 'up' } });
  });

  it('GET /api/v1/stations lists every station with thresholds and its latest reading', async () => {
    const response = await api.request('/api/v1/stations');
    assert.equal(response.statusCode, 200);
    const { items } = response.json();
    assert.deepEqual(items.map((s: { id: string }) => s.id).sort(), [...STATION_IDS].sort());
    const [latest] = await database.db.query(`SELECT ts, level_m FROM readings WHERE station_id = 'CHIH3' ORDER BY ts DESC LIMIT 1`);
    const chih3 = items.find((s: { id: string }) => s.id === 'CHIH3');
    assert.deepEqual(chih3.thresholds, { warning_m: 4.5, danger_m: 6 });
    assert.equal(chih3.latest_reading.ts, latest.ts.toISOString());
    assert.equal(chih3.latest_reading.level_m, latest.level_m);
    assert.ok(['normal', 'warning', 'danger'].includes(chih3.latest_reading.status));
  });

  it('GET /api/v1/levels returns one local day of raw 5-minute readings', async () => {
    const response = await api.request(`/api/v1/levels?station_id=SANH3&start_date=${day(-3)}&end_date=${day(-3)}&interval=raw`);
    assert.equal(response.statusCode, 200);
    const body = response.json();
    assert.equal(body.interval, 'raw');
    assert.equal(body.count, 288);
    assert.equal(body.points.length, 288);
    // Local midnight in Honduras (UTC-6) is 06:00 UTC.
    assert.match(body.from, /T06:00:00\.000Z$/);
    assert.equal(body.points[0].ts, body.from);
    assert.ok(body.points.every((p: { level_m: unknown }) => typeof p.level_m === 'number'));
  });

  it('hourly and daily buckets agree with the raw readings they summarise', async () => {
    const range = `station_id=CHIH3&start_date=${day(-10)}&end_date=${day(-9)}`;
    const raw = (await api.request(`/api/v1/levels?${range}&interval=raw`)).json().points as { level_m: number }[];
    const hourly = (await api.request(`/api/v1/levels?${range}&interval=1h`)).json();
    const daily = (await api.request(`/api/v1/levels?${range}&interval=1d`)).json();
    const quarter = (await api.request(`/api/v1/levels?${range}&interval=15m`)).json();
    assert.equal(hourly.count, 48);
    assert.equal(daily.count, 2);
    assert.equal(quarter.count, 192);
    const mean = raw.reduce((sum, p) => sum + p.level_m, 0) / raw.length;
    const dailyMean = (daily.points[0].avg_m * daily.points[0].samples + daily.points[1].avg_m * daily.points[1].samples) / (daily.points[0].samples + daily.points[1].samples);
    assert.ok(Math.abs(mean - dailyMean) < 0.001, `${mean} vs ${dailyMean}`);
    assert.equal(Math.max(...raw.map((p) => p.level_m)), Math.max(...hourly.points.map((p: { max_m: number }) => p.max_m)));
    assert.equal(daily.points.reduce((n: number, p: { samples: number }) => n + p.samples, 0), raw.length);
  });

  it('picks the finest interval that fits the point cap when none is given', async () => {
    const month = (await api.request(`/api/v1/levels?station_id=RCHH3&start_date=${day(-29)}&end_date=${day(0)}`)).json();
    assert.equal(month.interval, 'raw');
    const year = (await api.request(`/api/v1/levels?station_id=RCHH3&start_date=${day(-364)}&end_date=${day(0)}`)).json();
    assert.equal(year.interval, '1h'); // 8760 points
    const twoYears = (await api.request(`/api/v1/levels?station_id=RCHH3&start_date=${day(-700)}&end_date=${day(0)}`)).json();
    assert.equal(twoYears.interval, '1d');
    const week = (await api.request('/api/v1/levels?station_id=RCHH3')).json();
    assert.equal(week.start_date, day(-6));
    assert.equal(week.end_date, day(0));
  });

  it('refuses an interval too fine for the range, naming the ones that fit', async () => {
    const response = await api.request(`/api/v1/levels?station_id=CHIH3&start_date=${day(-700)}&end_date=${day(0)}&interval=1h`);
    assert.equal(response.statusCode, 400);
    const body = response.json();
    assert.equal(body.errors[0].field, 'interval');
    assert.match(body.errors[0].messages[0], /use 1d/);
  });

  it('GET /api/v1/alerts lists the active alert and never one awaiting approval', async () => {
    await database.db.query(
      `INSERT INTO alerts (station_id, level, status, title, message, created_by)
       VALUES ('SANH3', 'danger', 'pending_approval', 'unapproved', 'not yet public', 'admin-a')`,
    );
    await database.db.query(
      `INSERT INTO alerts (station_id, level, status, title, message, issued_at, expires_at, created_by, approved_by)
       VALUES ('RCHH3', 'watch', 'active', 'old', 'expired one', now() - interval '3 days', now() - interval '2 days', 'a', 'b')`,
    );
    const active = (await api.request('/api/v1/alerts')).json().items;
    assert.deepEqual(active.map((a: { station_id: string; status: string }) => [a.station_id, a.status]), [['CHIH3', 'active']]);
    const all = (await api.request('/api/v1/alerts?status=all')).json().items;
    assert.equal(all.length, 2);
    assert.ok(all.every((a: { title: string }) => a.title !== 'unapproved'));
    const expired = (await api.request(`/api/v1/alerts?status=expired&station_id=RCHH3&since=${day(-5)}&until=${day(0)}`)).json().items;
    assert.deepEqual(expired.map((a: { title: string }) => a.title), ['old']);
    const none = (await api.request(`/api/v1/alerts?status=all&until=${day(-4)}`)).json().items;
    assert.deepEqual(none, []);
  });

  it('answers 404 for unknown routes without echoing the path', async () => {
    const response = await api.request('/api/v1/stations/../../etc/passwd');
    assert.equal(response.statusCode, 404);
    assert.equal(response.json().message, 'not found');
    assert.doesNotMatch(response.body, /passwd/);
  });
});
