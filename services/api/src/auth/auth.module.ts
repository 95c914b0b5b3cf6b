import { randomUUID } from 'node:crypto';
import { Module } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { APP_GUARD } from '@nestjs/core';
import { AuthModuleOptions } from '@nestjs/passport';
import type { Redis } from 'ioredis';
import { firebaseConfig } from '../config/firebase.config.js';
import { REDIS_CLIENT } from '../redis/redis.module.js';
import { AuthController } from './auth.controller.js';
import { FIREBASE_AUTH, firebaseAdminProviders } from './firebase-admin.provider.js';
import { AUTH_STRATEGY_NAME, FirebaseIdTokenStrategy } from './firebase-id-token.strategy.js';
import { FirebaseAuthGuard } from './guards/firebase-auth.guard.js';
import { RolesGuard } from './guards/roles.guard.js';
import { IdTokenAuthenticator } from './id-token.authenticator.js';
import { MemoryUserStatusStore } from './user-status/memory-user-status.store.js';
import { RedisUserStatusStore } from './user-status/redis-user-status.store.js';
import { UserStatusService } from './user-status/user-status.service.js';
import { UserStatusStore } from './user-status/user-status.store.js';

/**
 * Identity: the global authentication guard (Firebase ID tokens through passport), the
 * global roles guard, and the user-status cache admin actions write through.
 */
@Module({
  controllers: [AuthController],
  providers: [
    ...firebaseAdminProviders,
    { provide: AUTH_STRATEGY_NAME, useFactory: () => `firebase-id-token:${randomUUID()}` },
    { provide: AuthModuleOptions, inject: [AUTH_STRATEGY_NAME], useFactory: (name: string) => ({ defaultStrategy: name, session: false, property: 'user' }) },
    {
      provide: MemoryUserStatusStore,
      inject: [firebaseConfig.KEY],
      useFactory: (config: ConfigType<typeof firebaseConfig>) => new MemoryUserStatusStore(config.userStatusTtlS * 1000),
    },
    {
      // Redis when configured (shared by every instance); otherwise this instance's own map.
      provide: UserStatusStore,
      inject: [REDIS_CLIENT, firebaseConfig.KEY, MemoryUserStatusStore],
      useFactory: (redis: Redis | null, config: ConfigType<typeof firebaseConfig>, memory: MemoryUserStatusStore) =>
        redis ? new RedisUserStatusStore(redis, config.userStatusTtlS) : memory,
    },
    UserStatusService,
    IdTokenAuthenticator,
    FirebaseIdTokenStrategy,
    { provide: APP_GUARD, useClass: FirebaseAuthGuard },
    { provide: APP_GUARD, useClass: RolesGuard },
  ],
  exports: [UserStatusService, FIREBASE_AUTH],
})
export class AuthModule {}
