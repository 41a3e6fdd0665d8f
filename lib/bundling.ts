// How every Lambda is built, in one place: the stack hands these to
// NodejsFunction, and the real-bundle test hands the same values to esbuild, so
// the test runs the code a deploy would ship.
import { Architecture, Runtime } from 'aws-cdk-lib/aws-lambda';
import { OutputFormat, type BundlingOptions } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { BuildOptions } from 'esbuild';
import { fileURLToPath } from 'node:url';

/** Handler entries are named relative to this; its package-lock.json pins what gets bundled. */
export const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));

export const LAMBDA_RUNTIME = Runtime.NODEJS_22_X;
// Graviton: about 20% cheaper per GB-second than x86 for the same work.
export const LAMBDA_ARCHITECTURE = Architecture.ARM_64;

/** ESM output has no `require`; some CommonJS dependencies bundled into it still call it. */
export const ESM_REQUIRE_BANNER = "import { createRequire } from 'module';const require = createRequire(import.meta.url);";

/** The esbuild settings both NodejsFunction and the bundle test use. */
const BUNDLE_SETTINGS = {
  format: 'esm',
  target: 'node22',
  platform: 'node',
  minify: true,
  sourcemap: true,
  // Stack traces need only the mappings; the sources would double the upload.
  sourcesContent: false,
  mainFields: ['module', 'main'],
  banner: ESM_REQUIRE_BANNER,
} as const;

export const LAMBDA_BUNDLING: BundlingOptions = {
  format: OutputFormat.ESM,
  target: BUNDLE_SETTINGS.target,
  minify: BUNDLE_SETTINGS.minify,
  sourceMap: BUNDLE_SETTINGS.sourcemap,
  sourcesContent: BUNDLE_SETTINGS.sourcesContent,
  mainFields: [...BUNDLE_SETTINGS.mainFields],
  banner: BUNDLE_SETTINGS.banner,
  // Ship the SDK version the tests ran against instead of whatever the runtime
  // happens to carry; it also lets a bundle run outside Lambda as it is.
  bundleAwsSDK: true,
};

/** The esbuild build NodejsFunction performs for `entry`, written to `outfile` (use .mjs). */
export function lambdaEsbuildOptions(entry: string, outfile: string): BuildOptions {
  return {
    entryPoints: [entry],
    outfile,
    bundle: true,
    format: BUNDLE_SETTINGS.format,
    target: BUNDLE_SETTINGS.target,
    platform: BUNDLE_SETTINGS.platform,
    minify: BUNDLE_SETTINGS.minify,
    sourcemap: BUNDLE_SETTINGS.sourcemap,
    sourcesContent: BUNDLE_SETTINGS.sourcesContent,
    mainFields: [...BUNDLE_SETTINGS.mainFields],
    banner: { js: BUNDLE_SETTINGS.banner },
    logLevel: 'warning',
  };
}
