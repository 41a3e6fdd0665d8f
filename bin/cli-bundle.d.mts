// Types of cli-bundle.mjs, which stays JavaScript: it runs before anything can load TypeScript.
export interface BundleSpec {
  /** The project: entries and recorded inputs are relative to it. */
  root: string;
  /** Builds and current.json go here. */
  cacheDir: string;
  /** Output name (without .mjs) to entry file. */
  entries: Record<string, string>;
}

export const MONITOR_BUNDLE: BundleSpec;

/** The current build's directory when nothing it was built from has changed since. */
export function freshBundle(spec: BundleSpec): string | undefined;

/** Builds, publishes and records a bundle; resolves to its directory. Throws when esbuild fails. */
export function buildBundle(spec: BundleSpec): Promise<string>;

export function currentBundle(spec: BundleSpec, warn?: (line: string) => void): Promise<string | undefined>;

export function discardBundle(spec: BundleSpec): void;
