import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm/index.js';
import { Construct } from 'constructs';
import { SECURITY_METRIC_NAMESPACE, SECURITY_METRICS, type SecurityMetricName } from '@cmipro/shared';

export interface SecurityAlarmsProps {
  /** Prefix of every alarm name, e.g. `cmipro-prod`. */
  readonly namePrefix: string;
  /** Topic notified when an alarm fires and when it clears. */
  readonly topicArn: string;
}

/** One alarm per security metric of the API, notifying the security topic. */
export class SecurityAlarms extends Construct {
  readonly alarms: Readonly<Record<SecurityMetricName, CloudwatchMetricAlarm>>;

  constructor(scope: Construct, id: string, props: SecurityAlarmsProps) {
    super(scope, id);
    const entries = Object.entries(SECURITY_METRICS) as [SecurityMetricName, (typeof SECURITY_METRICS)[SecurityMetricName]][];
    this.alarms = Object.fromEntries(
      entries.map(([metricName, alarm]) => [
        metricName,
        new CloudwatchMetricAlarm(this, metricName, {
          alarmName: `${props.namePrefix}-security-${metricName}`,
          alarmDescription: alarm.description,
          namespace: SECURITY_METRIC_NAMESPACE,
          metricName,
          statistic: 'Sum',
          period: alarm.periodSeconds,
          evaluationPeriods: 1,
          threshold: alarm.threshold,
          comparisonOperator: 'GreaterThanOrEqualToThreshold',
          // No events is the healthy state, not missing data.
          treatMissingData: 'notBreaching',
          alarmActions: [props.topicArn],
          okActions: [props.topicArn],
        }),
      ]),
    ) as Record<SecurityMetricName, CloudwatchMetricAlarm>;
  }
}
