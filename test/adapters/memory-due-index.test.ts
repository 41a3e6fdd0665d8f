// The in-memory due index keeps the DueIndex contract, over a MemoryStore.
import { describe } from 'vitest';
import { MemoryDueIndex } from '../../lambdas/adapters/memory-due-index';
import { MemoryStore } from '../../lambdas/adapters/memory-store';
import { dueIndexContract } from './due-index-contract';

describe('MemoryDueIndex', () => {
  dueIndexContract(async () => {
    const store = new MemoryStore();
    return { store, dueIndex: new MemoryDueIndex(store) };
  });
});
