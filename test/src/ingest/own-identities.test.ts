import { describe, expect, it } from 'vitest';
import { ConnectionConfig } from '../../../connectors/connection-config.js';
import type { CrmConnector } from '../../../connectors/port.js';
import { createLogger } from '../../../src/core/logger.js';
import type { WebhookConnection } from '../../../connectors/webhook-connection.js';
import { webhookConnectionOf } from '../../../src/queue/build-connections.js';
import { ownIdentities } from '../../../src/ingest/own-identities.js';
import type { ConnectionRegistry } from '../../../src/queue/pipeline-deps.js';

const config = ConnectionConfig.parse({
  id: 'sf',
  provider: 'salesforce',
  auth: { type: 'access_token', accessToken: 'tok', instanceUrl: 'https://acme.my.salesforce.example' },
});
const base = webhookConnectionOf(config);
const flush = () => new Promise((r) => setTimeout(r, 0));

function registry(identity: () => Promise<{ userId: string; organizationId: string }>): ConnectionRegistry {
  const connector = { identity } as unknown as CrmConnector;
  const runtime = { config, connector, webhook: base, mapping: () => Promise.reject(new Error('unused')) };
  return { get: (id) => (id === 'sf' ? runtime : undefined), list: () => [runtime] };
}

const userOf = (c: WebhookConnection): string | undefined =>
  c.provider === 'salesforce' ? c.integrationUserId : undefined;

describe('ownIdentities', () => {
  it('tags the Salesforce connection with the token user once learned, and our client name always', async () => {
    let calls = 0;
    const ids = ownIdentities(
      registry(async () => {
        calls += 1;
        return { userId: '0055g00000B2intAAB', organizationId: '00D5g000004SbxAEAS' };
      }),
      createLogger({ level: 'silent' }),
    );
    expect(base).toMatchObject({ clientId: 'partnersync', integrationUserId: undefined });
    ids.warm();
    await flush();
    expect(userOf(ids.withIdentity(base))).toBe('0055g00000B2intAAB');
    ids.withIdentity(base);
    expect(calls).toBe(1);
  });

  it('never blocks a webhook on a failed lookup and tries again only after the retry gap', async () => {
    let now = 0;
    let calls = 0;
    const ids = ownIdentities(
      registry(async () => {
        calls += 1;
        throw new Error('login.salesforce.com unreachable');
      }),
      createLogger({ level: 'silent' }),
      { now: () => now, retryMs: 60_000 },
    );
    expect(userOf(ids.withIdentity(base))).toBeUndefined();
    await flush();
    ids.withIdentity(base);
    expect(calls).toBe(1);
    now = 61_000;
    ids.withIdentity(base);
    await flush();
    expect(calls).toBe(2);
  });
});
