/**
 * The API's security metrics (SPEC §7), emitted as CloudWatch Embedded Metric Format in its
 * log lines, and the alarm on each. The API emits exactly these names; infra alarms on them.
 */
/** Namespace the API writes its security metrics to. */
export const SECURITY_METRIC_NAMESPACE = 'CMIPRO/Security';

export interface SecurityMetricAlarm {
  /** Sum over one period at or above which the alarm fires. */
  readonly threshold: number;
  readonly periodSeconds: number;
  /** What firing means, shown in the alarm and the notification. */
  readonly description: string;
}

/** Metric name → the alarm on it. */
export const SECURITY_METRICS = {
  AuthFailures: {
    threshold: 50,
    periodSeconds: 300,
    description: 'Over 50 failed authentications in 5 minutes: credential stuffing or a broken client release.',
  },
  RateLimitExceeded: {
    threshold: 200,
    periodSeconds: 300,
    description: 'Over 200 rate-limited requests in 5 minutes: scraping or abuse past the WAF.',
  },
  BruteForceDetected: {
    threshold: 1,
    periodSeconds: 300,
    description: 'The API detected brute force (>=5 failures per user or >=20 per IP in an hour) and blocked the source.',
  },
  ExfiltrationDetected: {
    threshold: 1,
    periodSeconds: 300,
    description: 'A user exceeded the hourly data budget of their role; bulk endpoints are refused for them.',
  },
  IncidentTriggered: {
    threshold: 1,
    periodSeconds: 60,
    description: 'The API raised an incident (automatic response or manual trigger); check the security events.',
  },
} as const satisfies Record<string, SecurityMetricAlarm>;

export type SecurityMetricName = keyof typeof SECURITY_METRICS;
