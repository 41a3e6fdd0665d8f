// ContentWork on the calling thread: for Lambda, where one vCPU leaves no
// other thread to hand the work to.
import type { ContentWork } from '../ports';
import { readPageSource } from './page-source';

export const inProcessContentWork: ContentWork = {
  read: async (page, url, rules) => readPageSource(page, url, rules),
  close: async () => {},
};
