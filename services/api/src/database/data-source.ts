import { readFileSync } from 'node:fs';
import { DataSource, type DataSourceOptions } from 'typeorm';
import type { DatabaseConfig } from '../config/database.config.js';
import { AlertEntity } from './entities/alert.entity.js';
import { StationEntity } from './entities/station.entity.js';
import { InitialSchema1764800000000 } from './migrations/1764800000000-initial-schema.js';

export const ENTITIES = [StationEntity, AlertEntity];
export const MIGRATIONS = [InitialSchema1764800000000];

function sslOptions(config: DatabaseConfig): false | { rejectUnauthorized: boolean; ca?: string } {
  if (config.ssl === 'disable') return false;
  if (config.ssl === 'require') return { rejectUnauthorized: false };
  return { rejectUnauthorized: true, ...(config.sslCaFile ? { ca: readFileSync(config.sslCaFile, 'utf8') } : {}) };
}

/** The one set of connection options for the app, the CLIs and the tests: migrations, never `synchronize`. */
export function dataSourceOptions(config: DatabaseConfig & { url: string }): DataSourceOptions {
  return {
    type: 'postgres',
    url: config.url,
    ssl: sslOptions(config),
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: false,
    extra: { max: config.poolSize, connectionTimeoutMillis: 5000, statement_timeout: 15000 },
  };
}

export function createDataSource(config: DatabaseConfig & { url: string }): DataSource {
  return new DataSource(dataSourceOptions(config));
}
