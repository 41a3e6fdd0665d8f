// EventBridge schedule → discover new articles from the configured sources.
import { discoverAll } from '../service/discovery';
import { runtimeFromEnv } from '../composition/lambda-environment';

export async function handler(): Promise<{ watched: number }> {
  const reports = await discoverAll(runtimeFromEnv());
  for (const report of reports) console.log(JSON.stringify(report));
  return { watched: reports.reduce((sum, r) => sum + r.watched.length, 0) };
}
