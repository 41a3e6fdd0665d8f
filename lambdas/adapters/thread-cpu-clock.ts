// The CPU time of the calling thread alone, for the extraction budget: the
// process's time also counts the collector's helper threads and every other
// worker of the pool, so a page read while the others are busy would be
// charged for their work and an ordinary big page refused. Linux (Lambda
// included) tells a thread its own time in /proc/thread-self/schedstat, whose
// first field is the nanoseconds it has run; a synchronous read happens on the
// calling thread, so "self" is the thread asking. Elsewhere, the process's time.
import { readFileSync } from 'node:fs';
import { type CpuClock, processCpuClock } from '../domain/extract/work-budget';

const SCHEDSTAT = '/proc/thread-self/schedstat';

function threadNanoseconds(): number {
  return Number.parseInt(readFileSync(SCHEDSTAT, 'latin1'), 10);
}

function threadClockWorks(): boolean {
  try {
    return Number.isFinite(threadNanoseconds());
  } catch {
    return false;
  }
}

/** Chosen once: one extraction must never compare readings of two different clocks. */
export const threadCpuClock: CpuClock = threadClockWorks() ? () => threadNanoseconds() / 1e6 : processCpuClock;
