// `monitor list`, `pause`, `resume` and `unwatch`: looking after the watched
// articles. An unwatched article keeps its history; only --delete removes it.
import { listStatus, type ArticleFilter } from '../domain/article-filter';
import { articleJson } from '../domain/json';
import type { ArticleHead } from '../domain/types';
import { UsageError } from '../errors';
import type { CheckerDeps } from '../service/checker';
import { allMatching, deleteArticle, pauseArticle, resumeArticle, unwatchArticle, type ManageResult } from '../service/manage';
import { timeAgo } from '../domain/relative-time';
import type { CliArgs } from './args';
import { EXIT_FAILED, EXIT_OK, failsOnlyThisInput } from './error-policy';
import { counted } from './format';
import type { CliIo } from './main';
import { safeForTerminal } from './terminal-diff';

export async function listCommand(args: CliArgs, deps: CheckerDeps, io: CliIo): Promise<number> {
  const filter: ArticleFilter = {
    ...(args.status !== undefined ? { status: args.status } : {}),
    ...(args.source !== undefined ? { source: args.source } : {}),
    ...(args.flapping ? { flapping: true } : {}),
  };
  const heads: ArticleHead[] = [];
  for await (const head of allMatching(deps.store, filter)) heads.push(head);
  heads.sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
  if (args.json) {
    for (const head of heads) io.out(JSON.stringify(articleJson(head)));
    return EXIT_OK;
  }
  if (heads.length === 0) {
    io.out(Object.keys(filter).length > 0 ? 'no watched article matches' : 'no articles are watched yet: start with "monitor watch <url>"');
    return EXIT_OK;
  }
  const now = deps.clock.now();
  const rows = heads.map((head) => [
    listStatus(head) + (head.flapping ? '*' : ''),
    counted(head.versionCount, 'version'),
    counted(head.changeCount, 'change'),
    // Version 0 sets lastChangedAt for the schedule; only a recorded change is a change to the reader.
    head.changeCount === 0 || head.lastChangedAt === null ? 'never changed' : `changed ${timeAgo(head.lastChangedAt, now)}`,
    head.url,
    safeForTerminal(head.latestTitle ?? ''),
  ]);
  const widths = [0, 1, 2, 3].map((column) => Math.max(...rows.map((row) => (row[column] ?? '').length)));
  for (const row of rows) {
    const padded = row.slice(0, 4).map((cell, column) => cell.padEnd(widths[column] ?? 0));
    io.out(`${padded.join('  ')}  ${row[4]}${row[5] ? `  ${row[5]}` : ''}`);
  }
  const byState = new Map<string, number>();
  for (const head of heads) byState.set(listStatus(head), (byState.get(listStatus(head)) ?? 0) + 1);
  const flapping = heads.filter((head) => head.flapping).length;
  io.out(
    `${counted(heads.length, 'article')}: ${[...byState].map(([state, count]) => `${count} ${state}`).join(', ')}${
      flapping ? ` (* ${flapping} flapping)` : ''
    }`,
  );
  return EXIT_OK;
}

type Action = 'pause' | 'resume' | 'unwatch';

function describe(action: Action, result: ManageResult): string {
  const { article, changed } = result;
  switch (action) {
    case 'pause':
      return changed ? `paused ${article.url} (its history is kept; "monitor resume" checks it again)` : `${article.url} was already paused`;
    case 'resume':
      return changed ? `resumed ${article.url}` : `${article.url} was not paused`;
    case 'unwatch':
      return changed
        ? `unwatched ${article.url}: no longer checked or listed; its ${counted(article.versionCount, 'version')} and ${counted(article.changeCount, 'change')} are kept ("monitor watch" watches it again, "unwatch --delete" deletes them)`
        : `${article.url} was already unwatched`;
  }
}

export async function manageCommand(action: Action, args: CliArgs, deps: CheckerDeps, io: CliIo): Promise<number> {
  const urls = [...new Set(args.positionals)];
  if (urls.length === 0) throw new UsageError(`${action} needs at least one URL`, action);
  const operation = { pause: pauseArticle, resume: resumeArticle, unwatch: unwatchArticle }[action];
  let failures = 0;
  for (const url of urls) {
    try {
      if (action === 'unwatch' && args.delete) {
        const { url: deleted } = await deleteArticle(deps, url);
        io.out(args.json ? JSON.stringify({ type: 'deleted', url: deleted }) : `deleted ${deleted} and its whole history`);
        continue;
      }
      const result = await operation(deps, url);
      io.out(args.json ? JSON.stringify({ ...articleJson(result.article), changed: result.changed }) : describe(action, result));
    } catch (error) {
      if (!failsOnlyThisInput(error)) throw error;
      failures++;
      io.err(`monitor: ${error.message}`);
    }
  }
  return failures > 0 ? EXIT_FAILED : EXIT_OK;
}
