// Watches what the store really sends to DynamoDB, through the client's own middleware stack.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export interface SentCommand {
  name: string;
  input: Record<string, unknown>;
}

export function recordCommands(client: DynamoDBDocumentClient): { sent: SentCommand[]; stop: () => void } {
  const sent: SentCommand[] = [];
  const name = `command-log-${Math.random()}`;
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input;
      sent.push({ name: String(context.commandName), input: typeof input === 'object' && input !== null ? { ...input } : {} });
      return next(args);
    },
    { step: 'initialize', name },
  );
  return { sent, stop: () => void client.middlewareStack.remove(name) };
}
