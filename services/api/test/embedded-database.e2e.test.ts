import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../src/database/embedded/embedded-postgres.js';
import { createDataSource } from '../src/database/data-source.js';
import { migrate } from '../src/database/reference-data.js';
import { startTestApp, testEnv } from './support/test-app.js';

const POOL_SIZE = 3;

describe('embedded PGlite behind the wire protocol', () => {
  let embedded: EmbeddedPostgres;

  before(async () => {
    embedded = await startEmbeddedPostgres({ maxConnections: POOL_SIZE });
  });
  after(async () => embedded?.stop());

  it('accepts as many connections as the pool has, each through the real pg driver', async () => {
    const clients = Array.from({ length: POOL_SIZE }, () => new pg.Client({ connectionString: embedded.url }));
    await Promise.all(clients.map((c) => c.connect()));
    try {
      const answers = await Promise.all(clients.map((c, i) => c.query('SELECT $1::int AS n', [i])));
      assert.deepEqual(answers.map((a) => a.rows[0].n), [0, 1, 2]);
    } finally {
      await Promise.all(clients.map((c) => c.end()));
    }
  });

  it('holds other connections while one has a transaction open, then lets them see its commit', async () => {
    const [a, b] = [new pg.Client({ connectionString: embedded.url }), new pg.Client({ connectionString: embedded.url })];
    await Promise.all([a.connect(), b.connect()]);
    try {
      await a.query('CREATE TABLE IF NOT EXISTS queue_probe (n int)');
      await a.query('BEGIN');
      await a.query('INSERT INTO queue_probe VALUES (1)');
      const order: string[] = [];
      const read = b.query('SELECT count(*)::int AS n FROM queue_probe').then((r) => {
        order.push('b read');
        return r.rows[0].n as number;
      });
      await new Promise((resolve) => setTimeout(resolve, 200));
      order.push('a commit');
      await a.query('COMMIT');
      assert.equal(await read, 1, 'b must not see the table before a commits');
      assert.deepEqual(order, ['a commit', 'b read']);
    } finally {
      await Promise.all([a.end(), b.end()]);
    }
  });

  it('runs the migrated API through TypeORM with a pool as large as the socket allows', async () => {
    const db = await createDataSource({ url: embedded.url, poolSize: 1, ssl: 'disable', sslCaFile: undefined, embeddedDir: undefined }).initialize();
    await migrate(db);
    await db.destroy();
    const api = await startTestApp(testEnv(embedded.url, { DATABASE_POOL_SIZE: String(POOL_SIZE) }), { signedInAs: 'free_user' });
    try {
      const responses = await Promise.all(Array.from({ length: 12 }, () => api.request('/api/v1/stations')));
      assert.deepEqual([...new Set(responses.map((r) => r.statusCode))], [200]);
      assert.equal(responses[0]!.json().items.length, 3);
    } finally {
      await api.close();
    }
  });
});
