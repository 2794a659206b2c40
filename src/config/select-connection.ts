import type { ConnectionConfig } from '../../connectors/connection-config.js';
import { ConfigError } from '../core/errors/index.js';

/** The configured connection `id`; refuses an unknown one, naming those that are configured. */
export function selectConnection(configs: readonly ConnectionConfig[], id: string): ConnectionConfig {
  const config = configs.find((c) => c.id === id);
  if (config !== undefined) return config;
  const known = configs.map((c) => c.id).join(', ') || 'none';
  throw new ConfigError(`no connection "${id}" is configured (configured: ${known})`);
}
