import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { ConnectionConfig } from '../../connectors/connection-config.js';
import { hubspotChangesIssue } from '../../connectors/hubspot/journal/changes-setting.js';
import type { Env } from '../core/env.js';
import { ConfigError, type ErrorIssue } from '../core/errors/index.js';
import { connectionsFromEnv } from './connections-from-env.js';

const ConnectionsFile = z.object({ connections: z.array(z.record(z.string(), z.unknown())).min(1) });

/** A JWT key given as a file path is read here, once, so connectors only ever see the PEM text. */
function resolveKeyFiles(raw: Record<string, unknown>, source: string): Record<string, unknown> {
  const auth = raw['auth'];
  if (typeof auth !== 'object' || auth === null || !('privateKeyFile' in auth)) return raw;
  const { privateKeyFile, ...rest } = auth as Record<string, unknown>;
  try {
    return { ...raw, auth: { ...rest, privateKey: readFileSync(String(privateKeyFile), 'utf8') } };
  } catch (err) {
    throw new ConfigError(`${source}: cannot read private key file ${String(privateKeyFile)}`, {
      cause: err,
    });
  }
}

/** Validates raw connection configs, listing every problem of every connection in one ConfigError. */
export function parseConnections(
  raws: readonly Record<string, unknown>[],
  source: string,
): ConnectionConfig[] {
  const issues: ErrorIssue[] = [];
  const configs: ConnectionConfig[] = [];
  const ids = new Set<string>();
  raws.forEach((raw, index) => {
    const name = typeof raw['id'] === 'string' ? raw['id'] : `#${index + 1}`;
    const result = ConnectionConfig.safeParse(resolveKeyFiles(raw, source));
    if (!result.success) {
      for (const i of result.error.issues)
        issues.push({ path: `connections.${name}.${i.path.join('.')}`, message: i.message });
      return;
    }
    const changesIssue = result.data.provider === 'hubspot' ? hubspotChangesIssue(result.data) : undefined;
    if (changesIssue !== undefined)
      issues.push({ path: `connections.${name}.changes`, message: changesIssue });
    if (ids.has(result.data.id))
      issues.push({ path: `connections.${name}.id`, message: 'duplicate connection id' });
    ids.add(result.data.id);
    configs.push(result.data);
  });
  if (issues.length > 0) {
    throw new ConfigError(
      `${source}: invalid connections:\n${issues.map((i) => `  ${i.path}: ${i.message}`).join('\n')}`,
      {
        issues,
      },
    );
  }
  return configs;
}

/** Connections from CONNECTIONS_FILE when set, otherwise the single-connection env variables. */
export function loadConnections(env: Env): ConnectionConfig[] {
  if (env.CONNECTIONS_FILE === undefined) return parseConnections(connectionsFromEnv(env), 'environment');
  const file = env.CONNECTIONS_FILE;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError(`CONNECTIONS_FILE: cannot read ${file}`, { cause: err });
  }
  const parsed = ConnectionsFile.safeParse(parseYaml(text));
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    throw new ConfigError(`${file}: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, { issues });
  }
  return parseConnections(parsed.data.connections, file);
}
