import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { stringify } from 'yaml';
import type { ConnectionConfig } from '../../connectors/connection-config.js';

export interface DemoEnvInput {
  readonly dir: string;
  /** REDIS_URL, or REDIS_CLUSTER_NODES and its options. */
  readonly redisEnv: Readonly<Record<string, string>>;
  readonly redisPrefix: string;
  readonly adminToken: string;
  readonly serviceUrl: string;
  readonly connections: readonly ConnectionConfig[];
  readonly sandboxes: {
    readonly salesforce: { readonly url: string; readonly accessToken: string };
    readonly hubspot: { readonly url: string; readonly accessToken: string };
  };
}

export interface DemoEnvFiles {
  readonly envFile: string;
  readonly connectionsFile: string;
  /** The lines of demo.env, in order. */
  readonly env: Readonly<Record<string, string>>;
}

/** Single-quoted for POSIX shells (`set -a; . ./demo.env`), so no value is expanded. */
const shellQuote = (value: string): string => `'${value.replace(/'/g, `'\\''`)}'`;

/**
 * Writes `demo.env` and `demo.connections.yaml` so every CLI command runs against a kept demo as
 * printed: the same Redis and key prefix, the sandbox connections (with their sandbox credentials).
 */
export async function writeDemoEnv(input: DemoEnvInput): Promise<DemoEnvFiles> {
  const connectionsFile = resolve(input.dir, 'demo.connections.yaml');
  const envFile = resolve(input.dir, 'demo.env');
  await writeFile(
    connectionsFile,
    `# Written by \`partnersync demo --keep\`: the demo's sandbox connections.\n${stringify({ connections: input.connections })}`,
    { encoding: 'utf8', mode: 0o600 },
  );
  const env: Record<string, string> = {
    ...input.redisEnv,
    REDIS_PREFIX: input.redisPrefix,
    CONNECTIONS_FILE: connectionsFile,
    ADMIN_TOKEN: input.adminToken,
    PARTNERSYNC_URL: input.serviceUrl,
    PARTNERSYNC_CONSOLE_URL: `${input.serviceUrl}/admin/console/`,
    SANDBOX_SALESFORCE_URL: input.sandboxes.salesforce.url,
    SANDBOX_SALESFORCE_ACCESS_TOKEN: input.sandboxes.salesforce.accessToken,
    SANDBOX_HUBSPOT_URL: input.sandboxes.hubspot.url,
    SANDBOX_HUBSPOT_ACCESS_TOKEN: input.sandboxes.hubspot.accessToken,
  };
  const lines = Object.entries(env).map(([k, v]) => `${k}=${shellQuote(v)}`);
  await writeFile(
    envFile,
    `# Written by \`partnersync demo --keep\`; load with: set -a; . ./demo.env; set +a\n${lines.join('\n')}\n`,
    { encoding: 'utf8', mode: 0o600 },
  );
  return { envFile, connectionsFile, env };
}
