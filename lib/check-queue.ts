// The queue between dispatch and check. FIFO, because the dispatcher puts the
// article's host in MessageGroupId: SQS then hands out one host's messages one
// at a time, which is our per-host politeness on AWS.
import { Duration } from 'aws-cdk-lib';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

/** Attempts before a message is parked in the dead-letter queue for an operator to look at. */
const CHECK_MAX_RECEIVES = 3;
/** AWS's advice for Lambda consumers: room for the function's retries within one visibility window. */
const VISIBILITY_PER_CONSUMER_TIMEOUT = 6;

export interface CheckQueueProps {
  /** The timeout of the function that consumes the queue. */
  readonly consumerTimeout: Duration;
}

export class CheckQueue extends Construct {
  readonly queue: Queue;
  readonly deadLetterQueue: Queue;

  constructor(scope: Construct, id: string, props: CheckQueueProps) {
    super(scope, id);
    this.deadLetterQueue = new Queue(this, 'DeadLetters', {
      fifo: true,
      // Two weeks, the maximum: enough to notice the alarm, read the message and fix the cause.
      retentionPeriod: Duration.days(14),
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
    });
    this.queue = new Queue(this, 'Queue', {
      fifo: true,
      // The dispatcher sets MessageDeduplicationId (article key + due time): a re-sent
      // due article is dropped, while a later due time for the same article is not.
      contentBasedDeduplication: false,
      visibilityTimeout: Duration.seconds(props.consumerTimeout.toSeconds() * VISIBILITY_PER_CONSUMER_TIMEOUT),
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: CHECK_MAX_RECEIVES },
    });
  }
}
