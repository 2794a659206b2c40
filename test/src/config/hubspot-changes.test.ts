import { describe, expect, it } from 'vitest';
import { loadConnections, parseConnections } from '../../../src/config/load-connections.js';
import { parseEnv } from '../../../src/core/env.js';

const hubspot = (extra: Record<string, unknown>): Record<string, unknown> => ({
  id: 'hs',
  provider: 'hubspot',
  auth: { type: 'oauth', clientId: 'client-id', clientSecret: 'client-secret', refreshToken: 'refresh' },
  ...extra,
});

describe('HubSpot `changes` setting at boot', () => {
  it('defaults to webhooks and accepts journal for an app with client credentials', () => {
    expect(parseConnections([hubspot({})], 'test')[0]).toMatchObject({ changes: 'webhooks' });
    expect(parseConnections([hubspot({ changes: 'journal' })], 'test')[0]).toMatchObject({
      changes: 'journal',
    });
  });

  it('refuses an unknown value and a journal without client credentials, naming the field', () => {
    expect(() => parseConnections([hubspot({ changes: 'polling' })], 'test')).toThrow(
      /connections\.hs\.changes/,
    );
    expect(() =>
      parseConnections(
        [hubspot({ changes: 'journal', auth: { type: 'private_app', accessToken: 'pat' } })],
        'test',
      ),
    ).toThrow(/connections\.hs\.changes: "journal" reads with the app's client-credentials token/);
  });

  it('reads HUBSPOT_CHANGES from the environment', () => {
    const env = parseEnv({
      HUBSPOT_CLIENT_ID: 'client-id',
      HUBSPOT_CLIENT_SECRET: 'client-secret-at-least-16',
      HUBSPOT_REFRESH_TOKEN: 'refresh',
      HUBSPOT_CHANGES: 'journal',
    });
    expect(loadConnections(env)[0]).toMatchObject({ id: 'hubspot', changes: 'journal' });
    expect(() => parseEnv({ HUBSPOT_CHANGES: 'pull' })).toThrow(/HUBSPOT_CHANGES/);
  });
});
