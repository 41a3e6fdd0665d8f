// The in-memory store keeps the ArticleStore contract, with no DynamoDB to run.
import { describe } from 'vitest';
import { MemoryStore } from '../../lambdas/adapters/memory-store';
import { articleStoreContract } from './store-contract';

describe('MemoryStore', () => {
  articleStoreContract(async (clock) => new MemoryStore(clock));
});
