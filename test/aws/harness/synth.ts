// The stack as `cdk synth` builds it: the CDK app (bin/app.ts, cdk-nag and all) run the way the CDK
// CLI runs it, with asset bundling on, into a temporary cloud assembly. The harness reads everything
// it emulates from that assembly: the template and the asset folders its functions point at.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../../lib/bundling';
import type { Template } from './template';

export interface CloudAssembly {
  outdir: string;
  stackName: string;
  template: Template;
  /** Wall time of the synth. */
  ms: number;
}

interface Manifest {
  artifacts: Record<string, { type: string; properties?: { templateFile?: string } }>;
}

/** Synthesizes bin/app.ts with `context` (as `-c name=value` would), bundling every function. */
export async function synthesize(context: Record<string, unknown>, timeoutMs = 180_000): Promise<CloudAssembly> {
  const outdir = mkdtempSync(join(tmpdir(), 'monitor-aws-synth-'));
  const started = Date.now();
  // The CDK CLI hands the app its output folder and context through these two variables.
  const child = spawn(process.execPath, ['--import', 'tsx', 'bin/app.ts'], {
    cwd: PROJECT_ROOT,
    // Asset metadata is on by default in the CLI: it names each function's bundle folder in the template.
    env: { ...process.env, CDK_OUTDIR: outdir, CDK_CONTEXT_JSON: JSON.stringify({ 'aws:cdk:enable-asset-metadata': true, ...context }) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-8000)));
  child.stderr.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-8000)));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  clearTimeout(timer);
  if (code !== 0) throw new Error(`cdk synth (bin/app.ts) exited ${code}:\n${output.trim()}`);

  const manifest = JSON.parse(readFileSync(join(outdir, 'manifest.json'), 'utf8')) as Manifest;
  const stacks = Object.entries(manifest.artifacts).filter(([, artifact]) => artifact.type === 'aws:cloudformation:stack');
  if (stacks.length !== 1) throw new Error(`expected one stack in the cloud assembly, found ${stacks.map(([name]) => name).join(', ') || 'none'}`);
  const [stackName, artifact] = stacks[0]!;
  const templateFile = artifact.properties?.templateFile;
  if (templateFile === undefined) throw new Error(`stack ${stackName} names no template file`);
  const template = JSON.parse(readFileSync(join(outdir, templateFile), 'utf8')) as Template;
  return { outdir, stackName, template, ms: Date.now() - started };
}
