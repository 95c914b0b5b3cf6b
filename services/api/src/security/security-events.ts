/** What happened, in the vocabulary the monitoring issue counts and alerts on. */
export type SecurityEventType =
  /** A request's credentials were refused (401): counted per IP and per claimed uid. */
  | 'auth_failure'
  /** A signed-in caller lacked the role or the second factor a route needs (403). */
  | 'access_denied'
  /** A verified token carried a `role` claim this API does not know (treated as free_user). */
  | 'unknown_role_claim'
  /** The shared user-status store (Redis) failed; this instance fell back to its own cache. */
  | 'auth_status_store_degraded'
  /** Firebase could not be asked for a user's status; the request was refused. */
  | 'auth_status_unavailable'
  /** An admin disabled a user or revoked their tokens. */
  | 'admin_user_disabled'
  | 'admin_tokens_revoked'
  /** The shared rate-limit store (Redis) became unreachable: reads limited per instance, writes refused (once per outage). */
  | 'rate_limit_store_degraded';

export interface SecurityEvent {
  readonly type: SecurityEventType;
  /** The verified uid, or for failures the uid the token claimed (unverified, at most 128 chars). */
  readonly uid?: string;
  readonly ip: string;
  readonly userAgent?: string;
  /** `METHOD /route/pattern`, never the raw URL with its query. */
  readonly endpoint: string;
  readonly success: boolean;
  /** Internal detail (e.g. the SDK's error code and message): logged, never sent to a client. */
  readonly details?: Readonly<Record<string, unknown>>;
}

/** Where security events go. The JSON-log implementation is the first; monitoring adds more. */
export interface SecurityEvents {
  record(event: SecurityEvent): void;
}

export const SecurityEvents = Symbol('SecurityEvents');
