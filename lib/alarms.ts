// What an operator is woken for: checks piling up, failing or overdue, any
// function throttled, the scheduled jobs failing run after run, the public
// site answering 5xx, and change notifications lagging or not going out.
// Everything goes to one SNS topic.
import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, Metric, TreatMissingData, type IMetric } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import { CHECK_METRICS, DISPATCH_METRICS, METRIC_SERVICE, METRICS_NAMESPACE } from '../lambdas/adapters/metric-names';

/**
 * Dispatch holds a message back at most 15 minutes (SQS's longest delay) to space a host's checks,
 * and checks then run within seconds; a message that has waited half an hour means checks are
 * falling behind (the check function is throttled, failing, or at its concurrency cap).
 */
const MAX_CHECK_WAIT = Duration.minutes(30);
/** Change notifications are news: a stream batch waiting ten minutes means notify is stuck or failing. */
const MAX_NOTIFY_LAG = Duration.minutes(10);

export interface MonitorAlarmsProps {
  readonly checkFunction: IFunction;
  /** The public site behind the Function URL. */
  readonly webFunction: IFunction;
  readonly dispatchFunction: IFunction;
  readonly discoverFunction: IFunction;
  readonly checkQueue: IQueue;
  readonly deadLetterQueue: IQueue;
  readonly notifyFunction: IFunction;
  /** Stream positions of change batches the notify function gave up on. */
  readonly notifyFailureQueue: IQueue;
  /**
   * Subscribed to the topic when given; the subscription must be confirmed from the email.
   * @default - no subscription: subscribe to the AlarmTopicArn output yourself
   */
  readonly alarmEmail?: string;
}

interface AlarmSpec {
  readonly metric: IMetric;
  readonly description: string;
  readonly threshold: number;
  readonly evaluationPeriods: number;
  readonly comparisonOperator: ComparisonOperator;
}

export class MonitorAlarms extends Construct {
  readonly topic: Topic;

  constructor(scope: Construct, id: string, props: MonitorAlarmsProps) {
    super(scope, id);
    this.topic = new Topic(this, 'Topic', { displayName: 'Article monitor alarms', enforceSSL: true });
    // The topic policy that enforceSSL adds replaces SNS's default one, so CloudWatch
    // must be let in explicitly; the conditions keep other accounts' alarms out.
    this.topic.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: {
          StringEquals: { 'aws:SourceAccount': this.topic.stack.account },
          ArnLike: { 'aws:SourceArn': `arn:${this.topic.stack.partition}:cloudwatch:${this.topic.stack.region}:${this.topic.stack.account}:alarm:*` },
        },
      }),
    );
    if (props.alarmEmail !== undefined) this.topic.addSubscription(new EmailSubscription(props.alarmEmail));

    const atLeastOne = ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD;
    const custom = (service: string, metricName: string, period: Duration) =>
      new Metric({ namespace: METRICS_NAMESPACE, metricName, dimensionsMap: { service }, period, statistic: 'Sum' });
    const throttled = (fn: IFunction, what: string): AlarmSpec => ({
      metric: fn.metricThrottles({ period: Duration.minutes(5), statistic: 'Sum' }),
      description: `${what} was throttled: invocations were refused for lack of concurrency (account limit, reserved concurrency or the queue's cap).`,
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: atLeastOne,
    });
    const specs: Record<string, AlarmSpec> = {
      CheckMessageFailures: {
        metric: custom(METRIC_SERVICE.check, CHECK_METRICS.failedMessages, Duration.minutes(5)),
        // Per-message failures are handed back to SQS, not thrown, so the function's Errors metric never sees them.
        description:
          'Check messages are being handed back for retry (store unavailable or throttled, or a bug): see the check logs at ERROR. Pages that fail are recorded on their heads and do not count here.',
        threshold: 10,
        evaluationPeriods: 2,
        comparisonOperator: atLeastOne,
      },
      OverdueArticles: {
        metric: new Metric({
          namespace: METRICS_NAMESPACE,
          metricName: DISPATCH_METRICS.overdue,
          dimensionsMap: { service: METRIC_SERVICE.dispatch },
          period: Duration.minutes(1),
          statistic: 'Maximum',
        }),
        description: 'Articles have been overdue for 10 minutes: dispatch is not draining the due index (failing, throttled, or out of budget).',
        threshold: 0,
        evaluationPeriods: 10,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      },
      CheckThrottles: throttled(props.checkFunction, 'The check function'),
      DispatchThrottles: throttled(props.dispatchFunction, 'The dispatch function'),
      DiscoverThrottles: throttled(props.discoverFunction, 'The discover function'),
      WebThrottles: throttled(props.webFunction, 'The web function (at its reserved concurrency: visitors got 429s)'),
      NotifyThrottles: throttled(props.notifyFunction, 'The notify function'),
      NotifyLag: {
        metric: props.notifyFunction.metric('IteratorAge', { period: Duration.minutes(5), statistic: 'Maximum' }),
        description: `Change notifications lag: the table stream's oldest unprocessed record is over ${MAX_NOTIFY_LAG.toHumanString()} old.`,
        threshold: MAX_NOTIFY_LAG.toMilliseconds(),
        evaluationPeriods: 2,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      },
      WebServerErrors: {
        metric: props.webFunction.metric('Url5xxCount', { period: Duration.minutes(5), statistic: 'Sum' }),
        description: 'The public site answered 5xx (function errors, timeouts or the table unreachable): see the web logs.',
        threshold: 5,
        evaluationPeriods: 1,
        comparisonOperator: atLeastOne,
      },
      DeadLetters: {
        metric: props.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' }),
        description: 'A check message failed 3 times and was parked in the dead-letter queue: read it, fix the cause, redrive it.',
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: atLeastOne,
      },
      CheckErrors: {
        metric: props.checkFunction.metricErrors({ period: Duration.minutes(15), statistic: 'Sum' }),
        // A failed page fetch is reported per message, not thrown; a thrown error means the store or the code is broken.
        description: 'The check function failed whole invocations (not single pages): see its logs.',
        threshold: 3,
        evaluationPeriods: 1,
        comparisonOperator: atLeastOne,
      },
      CheckBacklog: {
        metric: props.checkQueue.metricApproximateAgeOfOldestMessage({ period: Duration.minutes(5), statistic: 'Maximum' }),
        description: `Checks are falling behind: a check message has waited over ${MAX_CHECK_WAIT.toHumanString()} for 15 minutes.`,
        threshold: MAX_CHECK_WAIT.toSeconds(),
        evaluationPeriods: 3,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      },
      DispatchErrors: {
        metric: props.dispatchFunction.metricErrors({ period: Duration.minutes(5), statistic: 'Sum' }),
        // One failed run is made good by the next, a minute later; failures in three 5-minute periods in a row are a fault.
        description: 'Dispatch failed in three 5-minute periods in a row: checks are not being queued.',
        threshold: 1,
        evaluationPeriods: 3,
        comparisonOperator: atLeastOne,
      },
      DiscoverErrors: {
        metric: props.discoverFunction.metricErrors({ period: Duration.minutes(15), statistic: 'Sum' }),
        description: 'Discovery failed two runs in a row: no new articles are being found.',
        threshold: 1,
        evaluationPeriods: 2,
        comparisonOperator: atLeastOne,
      },
      NotifyErrors: {
        metric: props.notifyFunction.metricErrors({ period: Duration.minutes(15), statistic: 'Sum' }),
        // SNS refusals are handed back per record, not thrown; a thrown error is a broken configuration or code.
        description: 'The notify function failed whole invocations: change notifications are not going out. See its logs.',
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: atLeastOne,
      },
      NotifyFailures: {
        metric: props.notifyFailureQueue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' }),
        description:
          'Change notifications were given up on after every retry: the failure queue names the stream batches. The changes are in the table and its feeds; subscribers missed them.',
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: atLeastOne,
      },
    };
    const action = new SnsAction(this.topic);
    for (const [name, spec] of Object.entries(specs)) {
      const alarm = new Alarm(this, name, {
        metric: spec.metric,
        alarmDescription: spec.description,
        threshold: spec.threshold,
        evaluationPeriods: spec.evaluationPeriods,
        comparisonOperator: spec.comparisonOperator,
        // Idle periods publish no data: silence is health, not an alarm.
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
      alarm.addAlarmAction(action);
      alarm.addOkAction(action);
    }
  }
}
