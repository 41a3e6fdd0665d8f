import { ConfigError } from '../errors';

/** A setting the CDK stack always provides; its absence is a deployment error. */
export function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new ConfigError(`environment variable ${name} is not set`);
  return value;
}
