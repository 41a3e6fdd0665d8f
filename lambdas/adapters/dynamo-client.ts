import {
  DynamoDBClient,
  DynamoDBServiceException,
  InternalServerError,
  ProvisionedThroughputExceededException,
  RequestLimitExceeded,
  ThrottlingException,
  TransactionCanceledException,
} from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { StoreBusyError, StoreRejectedError, StoreUnavailableError } from '../errors';

export interface DynamoConnection {
  /** Omit on AWS; an http URL for DynamoDB Local or another emulator. */
  endpoint?: string;
  region?: string;
  /** How long one attempt of a call may take before it is given up on. */
  requestTimeoutMs?: number;
}

/**
 * A DynamoDB call normally answers in milliseconds. Without a limit, a stopped
 * or hung DynamoDB (Local) would hang every page and command with it.
 */
const DEFAULT_REQUEST_TIMEOUT_MS = 5000;
const CONNECT_TIMEOUT_MS = 2000;

/** True for DynamoDB Local and other emulators on this machine. */
function isLoopback(endpoint: string): boolean {
  const host = new URL(endpoint).hostname;
  return host === 'localhost' || host === '[::1]' || /^127\./.test(host);
}

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

function errorCode(error: unknown): string | undefined {
  const code = error instanceof Error ? (error as NodeJS.ErrnoException).code : undefined;
  return typeof code === 'string' ? code : undefined;
}

/**
 * A transaction is cancelled, not throttled, when one of its items is over its table's or index's
 * provisioned capacity: retrying later helps, as for any throttled call.
 */
function throttledTransaction(error: unknown): error is TransactionCanceledException {
  return (
    error instanceof TransactionCanceledException &&
    (error.CancellationReasons ?? []).some((reason) => reason.Code === 'ThrottlingError' || reason.Code === 'ProvisionedThroughputExceeded')
  );
}

/**
 * The store's callers learn what kind of trouble DynamoDB is in by class: not
 * answering or unreachable (StoreUnavailableError), throttling (StoreBusyError),
 * refusing a request as invalid, such as an item over 400 KB (StoreRejectedError).
 * Everything else (failed conditions, transactions cancelled by a condition or a conflict) passes
 * through as the SDK threw it.
 */
function storeError(error: unknown, where: string): unknown {
  if (
    error instanceof ThrottlingException ||
    error instanceof ProvisionedThroughputExceededException ||
    error instanceof RequestLimitExceeded ||
    throttledTransaction(error)
  ) {
    return new StoreBusyError(`DynamoDB at ${where} is throttling requests: ${error.message}`, { cause: error });
  }
  if (error instanceof InternalServerError) {
    return new StoreUnavailableError(`DynamoDB at ${where} failed: ${error.message}`, { cause: error });
  }
  if (error instanceof DynamoDBServiceException) {
    if (error.name === 'ValidationException') return new StoreRejectedError(`DynamoDB refused the request: ${error.message}`, { cause: error });
    if ((error.$metadata.httpStatusCode ?? 0) >= 500) {
      return new StoreUnavailableError(`DynamoDB at ${where} failed: ${error.message}`, { cause: error });
    }
    return error;
  }
  if (error instanceof Error && error.name === 'TimeoutError') {
    return new StoreUnavailableError(`DynamoDB at ${where} did not answer in time`, { cause: error });
  }
  const code = errorCode(error);
  if (code !== undefined && NETWORK_CODES.has(code)) {
    return new StoreUnavailableError(`DynamoDB at ${where} cannot be reached (${code})`, { cause: error });
  }
  return error;
}

/**
 * A document client. Against a loopback endpoint (DynamoDB Local) it uses fixed dummy
 * credentials, which the emulator accepts; any other endpoint (a real DynamoDB, e.g. to
 * export a deployment) uses the normal AWS credential chain and the region in its host name.
 * Every call has a time limit per attempt.
 */
export function createDocumentClient(connection: DynamoConnection = {}): DynamoDBDocumentClient {
  const { endpoint } = connection;
  const local = endpoint !== undefined && isLoopback(endpoint);
  const regionInHost = endpoint !== undefined ? /^dynamodb\.([a-z0-9-]+)\.amazonaws\.com$/.exec(new URL(endpoint).hostname)?.[1] : undefined;
  const region = connection.region ?? (local ? 'local' : regionInHost);
  const client = new DynamoDBClient({
    ...(endpoint !== undefined ? { endpoint } : {}),
    ...(region !== undefined ? { region } : {}),
    ...(local ? { credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
    maxAttempts: local ? 2 : 4,
    requestHandler: {
      connectionTimeout: CONNECT_TIMEOUT_MS,
      requestTimeout: connection.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
      // Without this the SDK only logs a warning when the time is up, and keeps waiting.
      throwOnRequestTimeout: true,
    },
  });
  const where = endpoint ?? 'AWS';
  client.middlewareStack.add(
    (next) => async (args) => {
      try {
        return await next(args);
      } catch (error) {
        throw storeError(error, where);
      }
    },
    { step: 'initialize', name: 'monitorStoreErrors', priority: 'high' },
  );
  return DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertEmptyValues: false },
  });
}
