import { type DynamicModule, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { AlertsModule } from './alerts/alerts.module.js';
import { configFactories } from './config/index.js';
import type { Env } from './config/env.util.js';
import { DatabaseModule } from './database/database.module.js';
import { HealthModule } from './health/health.module.js';
import { LevelsModule } from './levels/levels.module.js';
import { RedisModule } from './redis/redis.module.js';
import { StationsModule } from './stations/stations.module.js';

@Module({})
export class AppModule {
  /** The whole API for one (already validated) environment. */
  static forRoot(env: Env): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, load: configFactories(env) }),
        DatabaseModule,
        RedisModule,
        HealthModule,
        StationsModule,
        LevelsModule,
        AlertsModule,
      ],
    };
  }
}
