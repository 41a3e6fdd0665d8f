// Which emulated resource plays which part, told from the template's wiring rather than logical IDs:
// the check function consumes the queue that has a dead-letter queue, the dispatcher is the function
// whose environment names that queue, the web function has the Function URL, notify reads the stream.
import type { EmulatedFunction, EmulatedStack } from './deploy';
import type { ScheduleSpec } from './template';

export interface StackRoles {
  check: EmulatedFunction;
  checkQueueUrl: string;
  deadLetterQueueUrl: string | null;
  dispatch: EmulatedFunction;
  dispatchRule: ScheduleSpec;
  web: EmulatedFunction;
  siteUrl: string;
  notify: EmulatedFunction;
  changeTopicArn: string;
  tableName: string;
}

export function rolesOf(stack: EmulatedStack): StackRoles {
  const template = stack.assembly.template;
  const checkSource = stack.sqsSources.find(({ queueId }) => template.Resources[queueId]?.Properties?.RedrivePolicy !== undefined);
  if (!checkSource) throw new Error('no function consumes a queue with a dead-letter queue: where is the check worker?');
  const checkQueueUrl = stack.ref(checkSource.queueId);
  const redrive = template.Resources[checkSource.queueId]?.Properties?.RedrivePolicy as { deadLetterTargetArn?: { 'Fn::GetAtt'?: string[] } };
  const dlqId = redrive.deadLetterTargetArn?.['Fn::GetAtt']?.[0];
  const functions = [...stack.functions.values()];
  const dispatch = functions.find((f) => f.spec.logicalId !== checkSource.functionId && Object.values(f.environment).includes(checkQueueUrl));
  if (!dispatch) throw new Error(`no function has the check queue's URL in its environment: where is the dispatcher?`);
  const dispatchRule = stack.schedules.find((rule) => rule.targetFunctionIds.includes(dispatch.spec.logicalId));
  if (!dispatchRule) throw new Error(`no schedule runs ${dispatch.spec.logicalId}`);
  const url = [...stack.urls.values()][0];
  if (!url) throw new Error('the template has no Function URL');
  const notifySource = stack.streamSources[0];
  if (!notifySource) throw new Error('no function reads the table stream');
  const notify = stack.fn(notifySource.functionId);
  const topicArn = Object.values(notify.environment).find((value) => value.startsWith('arn:aws:sns:'));
  if (!topicArn) throw new Error(`${notify.spec.logicalId} names no SNS topic in its environment`);
  const tableId = Object.entries(template.Resources).find(([, r]) => r.Type === 'AWS::DynamoDB::Table')?.[0];
  return {
    check: stack.fn(checkSource.functionId),
    checkQueueUrl,
    deadLetterQueueUrl: dlqId === undefined ? null : stack.ref(dlqId),
    dispatch,
    dispatchRule,
    web: stack.fn(url.functionId),
    siteUrl: url.url,
    notify,
    changeTopicArn: topicArn,
    tableName: stack.ref(tableId ?? ''),
  };
}
