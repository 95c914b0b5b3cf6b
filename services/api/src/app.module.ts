import { type DynamicModule, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { AdminModule } from './admin/admin.module.js';
import { AlertsModule } from './alerts/alerts.module.js';
import { AuthModule } from './auth/auth.module.js';
import { configFactories } from './config/index.js';
import type { Env } from './config/env.util.js';
import { DatabaseModule } from './database/database.module.js';
import { HealthModule } from './health/health.module.js';
import { LevelsModule } from './levels/levels.module.js';
import { RateLimitModule } from './rate-limit/rate-limit.module.js';
import { RedisModule } from './redis/redis.module.js';
import { SecurityModule } from './security/security.module.js';
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
        SecurityModule,
        // First among the guard-owning modules: its global guards must run before any that read request.user.
        AuthModule,
        AdminModule,
        HealthModule,
        StationsModule,
        LevelsModule,
        AlertsModule,
        // After AuthModule: the rate limiter's global guard reads the request.user it verified.
        RateLimitModule,
      ],
    };
  }
}
