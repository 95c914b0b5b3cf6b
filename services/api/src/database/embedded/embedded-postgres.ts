import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

export interface EmbeddedPostgres {
  /** Connection URL for the `pg` driver. */
  readonly url: string;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  /** Folder for the database files; in memory when omitted. */
  readonly dataDir?: string;
  /** Must equal the app's pool size: every pooled connection needs a socket slot. */
  readonly maxConnections: number;
  /** @default 0 (any free port) */
  readonly port?: number;
}

/**
 * Development default: PGlite (PostgreSQL in WebAssembly) behind a wire-protocol socket, so
 * the app still talks to it through `pg` and TypeORM exactly as to a real server. PGlite has a
 * single session: the socket server queues queries, and while one connection holds a
 * transaction open the others wait.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const db = await PGlite.create(options.dataDir);
  const server = new PGLiteSocketServer({
    db,
    host: '127.0.0.1',
    port: options.port ?? 0,
    maxConnections: options.maxConnections,
  });
  await server.start();
  return {
    url: `postgres://postgres@${server.getServerConn()}/postgres?sslmode=disable`,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
