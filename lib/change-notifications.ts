// Changes as they happen, for researchers and newsrooms: the table's stream
// feeds the notify Lambda, which publishes each new change to an SNS topic.
// Subscribers pick what they care about with a filter policy on the message
// attributes (kinds, stealth, source, significance).
import { Duration, Validations } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { FilterCriteria, FilterRule, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { CHANGE_PREFIX } from '../lambdas/adapters/dynamo-items';
import { parseConfig } from '../lambdas/domain/config';
import { MonitorFunction } from './monitor-function';

const NOTIFY_TIMEOUT = Duration.seconds(30);
const NOTIFY_BATCH_SIZE = 100;
/**
 * Tries of a batch SNS keeps refusing, besides the first; then its stream
 * position goes to the failure queue and the shard moves on.
 */
const NOTIFY_RETRY_ATTEMPTS = 5;

export interface ChangeNotificationsProps {
  readonly table: ITable;
  /** The public site, for the links in each notification. */
  readonly siteUrl: string;
  /** monitor.config.json as compact JSON: its webhooks and SNS subscriptions are notified too. */
  readonly configText: string;
}

export class ChangeNotifications extends Construct {
  readonly topic: Topic;
  /** Where Lambda records the stream positions of batches it gave up on. */
  readonly failureQueue: Queue;
  readonly notify: MonitorFunction;

  constructor(scope: Construct, id: string, props: ChangeNotificationsProps) {
    super(scope, id);
    this.topic = new Topic(this, 'Topic', { displayName: 'Article changes', enforceSSL: true });
    this.failureQueue = new Queue(this, 'Failures', {
      // Two weeks, the maximum; the records themselves leave the stream after 24 hours, the table keeps the changes.
      retentionPeriod: Duration.days(14),
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
    });
    Validations.of(this.failureQueue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        'This queue is itself the last stop for failed stream batches (a Lambda on-failure destination): nothing consumes it, so there is nothing to dead-letter; an alarm fires on its first message.',
    });

    this.notify = new MonitorFunction(this, 'Notify', {
      entry: 'lambdas/handlers/notify.ts',
      description: 'Publishes each newly recorded change to the change notification topic.',
      timeout: NOTIFY_TIMEOUT,
      memorySize: 256,
      environment: { CHANGE_TOPIC_ARN: this.topic.topicArn, SITE_URL: props.siteUrl, MONITOR_CONFIG: props.configText },
    });
    this.topic.grantPublish(this.notify.function);
    // Topics the operator named in the config, each by its own ARN.
    const configuredTopics = parseConfig(JSON.parse(props.configText) as unknown).notifications.topics.map((topic) => topic.topicArn);
    if (configuredTopics.length > 0) {
      this.notify.function.addToRolePolicy(new PolicyStatement({ actions: ['sns:Publish'], resources: configuredTopics }));
    }
    this.notify.function.addEventSource(
      new DynamoEventSource(props.table, {
        // A change recorded while the mapping was being set up is still announced.
        startingPosition: StartingPosition.TRIM_HORIZON,
        batchSize: NOTIFY_BATCH_SIZE,
        // Only new change items wake the function (and cost an invocation); the handler checks again.
        filters: [
          FilterCriteria.filter({
            eventName: FilterRule.isEqual('INSERT'),
            dynamodb: { NewImage: { sk: { S: FilterRule.beginsWith(CHANGE_PREFIX) } } },
          }),
        ],
        reportBatchItemFailures: true,
        bisectBatchOnError: true,
        retryAttempts: NOTIFY_RETRY_ATTEMPTS,
        // A notification a day late is no longer news; the stream keeps records only that long anyway.
        maxRecordAge: Duration.days(1),
        onFailure: new SqsDlq(this.failureQueue),
      }),
    );
    Validations.of(this.notify).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        "dynamodb:ListStreams cannot be limited to one table (IAM has no resource for it); CDK's stream grant adds it on '*', and every read action is scoped to this table's stream.",
    });
  }
}
