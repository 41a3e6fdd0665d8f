// Stopping a process for a fault, and knowing it has stopped.
import { readFileSync } from 'node:fs';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * SIGSTOP, then wait until the kernel reports the process stopped: kill() returns before a busy
 * process has actually stopped, and on a loaded machine one of its threads can still answer a request.
 */
export async function stopProcess(pid: number): Promise<void> {
  process.kill(pid, 'SIGSTOP');
  for (let i = 0; i < 100; i++) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      // No /proc (not Linux): give the signal a moment.
      await sleep(200);
      return;
    }
    // The state follows the command name, which is in parentheses and may itself contain spaces.
    if (stat.charAt(stat.lastIndexOf(')') + 2) === 'T') return;
    await sleep(20);
  }
}
