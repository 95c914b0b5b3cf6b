import { Global, Module } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { appConfig } from '../config/app.config.js';
import { PinoSecurityEvents } from './pino-security-events.js';
import { SecurityEvents } from './security-events.js';

@Global()
@Module({
  providers: [
    {
      provide: SecurityEvents,
      inject: [appConfig.KEY],
      useFactory: (config: ConfigType<typeof appConfig>) => new PinoSecurityEvents(config.logLevel),
    },
  ],
  exports: [SecurityEvents],
})
export class SecurityModule {}
