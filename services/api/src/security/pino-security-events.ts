import { pino, type Logger } from 'pino';
import type { SecurityEvent, SecurityEvents } from './security-events.js';

/** Security events as one structured JSON line each (pino), on stdout for CloudWatch. */
export class PinoSecurityEvents implements SecurityEvents {
  private readonly logger: Logger;

  constructor(level: string) {
    this.logger = pino({ level, base: { log: 'security' }, timestamp: pino.stdTimeFunctions.isoTime });
  }

  record(event: SecurityEvent): void {
    if (event.success) this.logger.info(event, event.type);
    else this.logger.warn(event, event.type);
  }
}
