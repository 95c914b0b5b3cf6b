import type { HumanRole } from './roles.js';

const HOUR_MS = 60 * 60 * 1000;
const MB = 1024 * 1024;

/** Brute force: this many authentication failures within the window raise an event and a block (SPEC §7). */
export const BRUTE_FORCE = {
  perUser: 5,
  perIp: 20,
  windowMs: HOUR_MS,
  blockMs: HOUR_MS,
} as const;

/** Data exfiltration: bytes served per user per hour before bulk endpoints are refused (SPEC §7). */
export const EXFILTRATION_BYTES_PER_HOUR = {
  free_user: 50 * MB,
  premium_user: 200 * MB,
  admin: 1024 * MB,
} as const satisfies Record<HumanRole, number>;

/** Incident severities, lowest first. */
export const SEVERITIES = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Emergency mode (DDoS response): how long it lasts. */
export const EMERGENCY_MODE_MS = HOUR_MS;
