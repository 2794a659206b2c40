import { describe, expect, it } from 'vitest';
import { ConnectionConfig } from '../../../connectors/connection-config.js';
import { selectConnection } from '../../../src/config/select-connection.js';
import { ConfigError } from '../../../src/core/errors/index.js';

const hubspot = (id: string): ConnectionConfig =>
  ConnectionConfig.parse({
    id,
    provider: 'hubspot',
    auth: { type: 'private_app', accessToken: 'pat-na1-00000000-0000-0000-0000-000000000000' },
    baseUrl: 'http://127.0.0.1:1',
  });

describe('selectConnection', () => {
  const configs = [hubspot('hs-eu'), hubspot('hs-us')];

  it('returns the configured connection with that id', () => {
    expect(selectConnection(configs, 'hs-us').id).toBe('hs-us');
  });

  it('refuses an unknown id as a configuration error naming the configured ones', () => {
    expect(() => selectConnection(configs, 'hs')).toThrow(
      new ConfigError('no connection "hs" is configured (configured: hs-eu, hs-us)'),
    );
    expect(() => selectConnection([], 'hs')).toThrow('(configured: none)');
  });
});
