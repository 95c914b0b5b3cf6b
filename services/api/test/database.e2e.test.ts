import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { migrate } from '../src/database/reference-data.js';
import { seedDemoData } from '../src/database/seed/demo-data.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';

const SCHEMA_SNAPSHOT = `
  SELECT table_name, column_name, data_type, is_nullable
  FROM information_schema.columns WHERE table_schema = 'public' ORDER BY table_name, column_name`;

describe('schema and seed on real PostgreSQL', () => {
  let database: TestDatabase;

  before(async () => {
    database = await createTestDatabase({ migrate: false });
  });
  after(async () => database?.drop());

  it('migrates on the plain-PostgreSQL path and a second run is a no-op', async () => {
    const first = await migrate(database.db);
    assert.deepEqual(first, ['InitialSchema1764800000000']);
    const before = await database.db.query(SCHEMA_SNAPSHOT);
    const second = await migrate(database.db);
    assert.deepEqual(second, []);
    assert.deepEqual(await database.db.query(SCHEMA_SNAPSHOT), before);
    const [brin] = await database.db.query(`SELECT indexdef FROM pg_indexes WHERE indexname = 'readings_ts_brin'`);
    assert.match(brin.indexdef, /USING brin/);
    const stations = await database.db.query(`SELECT id FROM stations ORDER BY id`);
    assert.deepEqual(stations.map((s: { id: string }) => s.id), ['CHIH3', 'RCHH3', 'SANH3']);
  });

  it('the seed is idempotent on (station_id, ts) and keeps the rollup consistent', async () => {
    const now = new Date('2026-11-05T12:00:00Z');
    const added = await seedDemoData(database.db, now, 10);
    assert.equal(added, 3 * (10 * 288 + 1));
    assert.equal(await seedDemoData(database.db, now, 10), 0);
    const [{ count }] = await database.db.query(`SELECT count(*)::int AS count FROM readings`);
    assert.equal(count, added);
    const [mismatch] = await database.db.query(`
      SELECT count(*)::int AS n FROM readings_hourly h
      JOIN (SELECT station_id, date_trunc('hour', ts) b, count(*) n, sum(level_m) s FROM readings GROUP BY 1, 2) r
        ON r.station_id = h.station_id AND r.b = h.bucket
      WHERE r.n <> h.n OR abs(r.s - h.level_sum) > 1e-9`);
    assert.equal(mismatch.n, 0);
    const [alerts] = await database.db.query(`SELECT count(*)::int AS n FROM alerts`);
    assert.equal(alerts.n, 1);
  });

  it('the demo storms cross the warning level in the rainy season', async () => {
    const [crest] = await database.db.query(`
      SELECT max(r.level_m) AS peak, s.warning_level_m AS warning FROM readings r JOIN stations s ON s.id = r.station_id
      WHERE r.station_id = 'CHIH3' GROUP BY s.warning_level_m`);
    assert.ok(crest.peak > crest.warning, `peak ${crest.peak} under warning ${crest.warning}`);
  });

  it('the database refuses rows that break the rules, whatever the application does', async () => {
    await assert.rejects(database.db.query(`INSERT INTO stations VALUES ('CHIXH3', 'x', 'y', 0, 0, 1, 2)`));
    await assert.rejects(
      database.db.query(`INSERT INTO alerts (station_id, level, status, title, message, created_by, issued_at, approved_by)
                         VALUES ('CHIH3', 'danger', 'active', 't', 'm', 'admin-a', now(), 'admin-a')`),
      'an admin cannot approve their own alert',
    );
    await assert.rejects(
      database.db.query(`INSERT INTO alerts (station_id, level, status, title, message, created_by)
                         VALUES ('CHIH3', 'danger', 'active', 't', 'm', 'admin-a')`),
      'an active alert needs an approver',
    );
  });
});
