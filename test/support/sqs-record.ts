// An SQS record as the Lambda event source mapping hands it to the check handler.
import type { SQSRecord } from 'aws-lambda';

/** A record with this body; an object is sent as its JSON, as the dispatcher sends it. */
export function sqsRecord(messageId: string, body: unknown): SQSRecord {
  return {
    messageId,
    receiptHandle: `receipt-${messageId}`,
    body: typeof body === 'string' ? body : JSON.stringify(body),
    attributes: {
      ApproximateReceiveCount: '1',
      SentTimestamp: String(Date.now()),
      SenderId: 'dispatch',
      ApproximateFirstReceiveTimestamp: String(Date.now()),
    },
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:us-east-1:123456789012:CheckQueue',
    awsRegion: 'us-east-1',
  };
}
