// The queue between dispatch and check. Standard, not FIFO: dispatch spaces each
// host's checks with a per-message DelaySeconds (FIFO queues have no per-message
// delay, only a queue-wide one), and once the spacing is decided when queuing,
// FIFO's per-group ordering buys nothing while its group locking lets one slow
// or poison host hold back its group. Duplicates (standard queues deliver at
// least once) are skipped by the checker's due guard.
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
      // Two weeks, the maximum: enough to notice the alarm, read the message and fix the cause.
      retentionPeriod: Duration.days(14),
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
    });
    this.queue = new Queue(this, 'Queue', {
      visibilityTimeout: Duration.seconds(props.consumerTimeout.toSeconds() * VISIBILITY_PER_CONSUMER_TIMEOUT),
      // A check not taken within a day is stale: its lease ran out long ago and dispatch has queued the article again.
      retentionPeriod: Duration.days(1),
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: CHECK_MAX_RECEIVES },
    });
  }
}
