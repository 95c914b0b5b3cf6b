import { Module } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { databaseConfig } from '../config/database.config.js';
import { dataSourceOptions } from './data-source.js';

/** TypeORM on the configured server; the app never migrates it (`npm run db:migrate` does). */
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [databaseConfig.KEY],
      useFactory: (config: ConfigType<typeof databaseConfig>) => {
        if (!config.url) throw new Error('DATABASE_URL: not resolved (main starts the embedded database when unset)');
        // Fail fast instead of TypeORM's nine retries: a task that cannot reach the database is replaced.
        return { ...dataSourceOptions({ ...config, url: config.url }), retryAttempts: 2, retryDelay: 1000 };
      },
    }),
  ],
})
export class DatabaseModule {}
