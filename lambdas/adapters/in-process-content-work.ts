// ContentWork on the calling thread: for Lambda, where one vCPU leaves no
// other thread to hand the work to.
import { readPage } from '../domain/page-reading';
import type { ContentWork } from '../ports';

export const inProcessContentWork: ContentWork = {
  read: async (html, url, rules) => readPage(html, url, rules),
  close: async () => {},
};
