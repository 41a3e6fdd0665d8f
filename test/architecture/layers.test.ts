// The direction of every import in lambdas/, bin/ and lib/, as ARCHITECTURE.md
// draws it: inner layers never reach outward, domain code stays pure, and only
// the composition root picks adapters. A new import against the direction fails here.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

type Layer = 'errors' | 'domain' | 'ports' | 'adapters' | 'service' | 'web' | 'composition' | 'handlers' | 'local' | 'cli' | 'lib' | 'bin';

/** Which layers each layer may import from (besides itself). */
const MAY_IMPORT: Record<Layer, readonly Layer[]> = {
  errors: [],
  domain: ['errors'],
  ports: ['domain', 'errors'],
  adapters: ['domain', 'ports', 'errors'],
  service: ['domain', 'ports', 'errors'],
  web: ['service', 'domain', 'ports', 'errors'],
  composition: ['adapters', 'service', 'web', 'local', 'domain', 'ports', 'errors'],
  handlers: ['composition', 'adapters', 'service', 'web', 'domain', 'ports', 'errors'],
  local: ['composition', 'adapters', 'service', 'web', 'domain', 'ports', 'errors'],
  cli: ['composition', 'local', 'adapters', 'service', 'domain', 'ports', 'errors'],
  lib: ['adapters', 'domain', 'errors'],
  bin: ['cli', 'lib', 'errors'],
};

/** Packages pure code may use: parsing and diffing libraries, hashing. No AWS SDK, no network, no files. */
const PURE_PACKAGES = ['cheerio', 'cheerio/slim', 'domhandler', 'diff', 'node:crypto'];
const PURE_LAYERS: readonly Layer[] = ['domain', 'ports', 'errors', 'service'];

/** Powertools (logs, metrics) is Lambda plumbing: only the outer ring may know it. */
const POWERTOOLS_LAYERS: readonly Layer[] = ['handlers', 'adapters'];

/** Adapters that only the composition root builds; everything else receives them through ports. */
const BUILT_ONLY_BY_COMPOSITION = ['dynamo-store', 'dynamo-due-index', 'http-fetcher', 'robots', 'sns-publisher', 'sqs-queue', 'dynamo-client'];

export function layerOf(path: string): Layer | null {
  const [top, second] = path.split('/');
  if (top === 'bin') return 'bin';
  if (top === 'lib') return 'lib';
  if (top !== 'lambdas' || second === undefined) return null;
  if (second === 'errors.ts') return 'errors';
  if (second === 'ports.ts') return 'ports';
  const folder: Record<string, Layer> = {
    domain: 'domain',
    adapters: 'adapters',
    service: 'service',
    web: 'web',
    composition: 'composition',
    handlers: 'handlers',
    local: 'local',
    cli: 'cli',
  };
  return folder[second] ?? null;
}

export interface Import {
  from: string;
  specifier: string;
}

/** What is wrong with one import, or null when it goes the right way. */
export function violation({ from, specifier }: Import): string | null {
  const layer = layerOf(from);
  if (layer === null) return `${from} is in no layer: put it in one of ${Object.keys(MAY_IMPORT).join(', ')}`;
  if (!specifier.startsWith('.')) {
    if (specifier.startsWith('@aws-lambda-powertools/') && !POWERTOOLS_LAYERS.includes(layer)) {
      return `${from} (${layer}) imports ${specifier}: Powertools belongs to the Lambda edge (handlers, adapters); hand it a plain report instead`;
    }
    if (PURE_LAYERS.includes(layer) && !PURE_PACKAGES.includes(specifier)) {
      return `${from} (${layer}) imports the package ${specifier}: ${layer} code is pure; reach the outside world through a port`;
    }
    return null;
  }
  const target = relative(ROOT, resolve(ROOT, dirname(from), specifier)).replace(/(\.ts)?$/, '.ts');
  const targetLayer = layerOf(target);
  if (targetLayer === null) return `${from} imports ${target}, which is in no layer`;
  if (targetLayer !== layer && !MAY_IMPORT[layer].includes(targetLayer)) {
    return `${from} (${layer}) imports ${target} (${targetLayer}); ${layer} may import only ${MAY_IMPORT[layer].join(', ') || 'nothing'}`;
  }
  const adapter = target.match(/^lambdas\/adapters\/([\w-]+)\.ts$/)?.[1];
  if (adapter && BUILT_ONLY_BY_COMPOSITION.includes(adapter) && !['composition', 'adapters'].includes(layer) && layer !== 'lib') {
    return `${from} imports the ${adapter} adapter; only lambdas/composition builds adapters`;
  }
  return null;
}

function sourceFiles(folder: string): string[] {
  return readdirSync(join(ROOT, folder), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.(ts|mjs)$/.test(entry.name))
    .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)));
}

const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

export function importsOf(path: string): Import[] {
  const text = readFileSync(join(ROOT, path), 'utf8');
  return [...text.matchAll(IMPORT)].map((match) => ({ from: path, specifier: match[1] ?? match[2] ?? '' }));
}

describe('layering', () => {
  it('every import in lambdas/, lib/ and bin/ goes the right way', () => {
    const files = ['lambdas', 'lib', 'bin'].flatMap(sourceFiles);
    expect(files.length).toBeGreaterThan(50);
    const problems = files.flatMap(importsOf).flatMap((entry) => violation(entry) ?? []);
    expect(problems).toEqual([]);
  });

  it('catches imports against the direction', () => {
    expect(violation({ from: 'lambdas/domain/schedule.ts', specifier: '../service/host-limiter' })).toMatch(/domain may import only errors/);
    expect(violation({ from: 'lambdas/service/notify.ts', specifier: '../web/base-url' })).toMatch(/service may import only/);
    expect(violation({ from: 'lambdas/domain/schedule.ts', specifier: '@aws-sdk/client-dynamodb' })).toMatch(/pure/);
    expect(violation({ from: 'lambdas/service/observe.ts', specifier: 'undici' })).toMatch(/pure/);
    expect(violation({ from: 'lambdas/cli/main.ts', specifier: '../adapters/dynamo-store' })).toMatch(/only lambdas\/composition builds adapters/);
    expect(violation({ from: 'lambdas/handlers/check.ts', specifier: '../cli/main' })).toMatch(/handlers may import only/);
    expect(violation({ from: 'lambdas/web/app.ts', specifier: '../service/watch' })).toBeNull();
    expect(violation({ from: 'lambdas/web/app.ts', specifier: '@aws-lambda-powertools/logger' })).toMatch(/Powertools belongs to the Lambda edge/);
    expect(violation({ from: 'lambdas/composition/runtime.ts', specifier: '@aws-lambda-powertools/metrics' })).toMatch(/Powertools/);
    expect(violation({ from: 'lambdas/handlers/observability.ts', specifier: '@aws-lambda-powertools/metrics' })).toBeNull();
    expect(violation({ from: 'lambdas/domain/extract/parse.ts', specifier: 'cheerio/slim' })).toBeNull();
  });
});
