import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/core/errors/index.js';
import { parseEnv } from '../../../src/core/env.js';

function configError(source: Record<string, string>): ConfigError {
  try {
    parseEnv(source);
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('parseEnv', () => {
  it('applies defaults for an empty environment', () => {
    const env = parseEnv({});
    expect(env.PORT).toBe(3000);
    expect(env.REDIS_URL).toBe('redis://127.0.0.1:6379');
    expect(env.REDIS_AUTOSTART).toBe(true);
    expect(env.HUBSPOT_BASE_URL).toBe('https://api.hubapi.com');
  });

  it('rejects a non-numeric PORT naming the variable', () => {
    const err = configError({ PORT: 'abc' });
    expect(err.issues?.map((i) => i.path)).toEqual(['PORT']);
    expect(err.message).toContain('PORT');
  });

  it('lists every bad variable in one error, including cross-field rules', () => {
    const err = configError({
      PORT: 'abc',
      LOG_LEVEL: 'loud',
      HUBSPOT_APP_ID: '123',
      SALESFORCE_ORG_ID: '00D000000000001AAA',
    });
    expect(err.issues?.map((i) => i.path).sort()).toEqual([
      'HUBSPOT_ACCESS_TOKEN',
      'LOG_LEVEL',
      'PORT',
      'SALESFORCE_ACCESS_TOKEN',
    ]);
  });

  it('requires an instance URL with a Salesforce access token', () => {
    const err = configError({ SALESFORCE_ACCESS_TOKEN: 'tok' });
    expect(err.issues?.map((i) => i.path)).toEqual(['SALESFORCE_INSTANCE_URL']);
  });

  it('accepts a HubSpot OAuth connection without an access token', () => {
    const env = parseEnv({
      HUBSPOT_CLIENT_ID: 'id',
      HUBSPOT_REFRESH_TOKEN: 'r',
      HUBSPOT_CLIENT_SECRET: 'hubspot-client-secret-0000',
    });
    expect(env.HUBSPOT_ACCESS_TOKEN).toBeUndefined();
  });

  it('reads "false" as false for boolean variables', () => {
    expect(parseEnv({ REDIS_AUTOSTART: 'false' }).REDIS_AUTOSTART).toBe(false);
    expect(configError({ REDIS_AUTOSTART: 'maybe' }).issues?.[0]?.path).toBe('REDIS_AUTOSTART');
  });

  it('requires ADMIN_TOKEN in production', () => {
    expect(configError({ NODE_ENV: 'production' }).issues?.map((i) => i.path)).toEqual(['ADMIN_TOKEN']);
  });

  it('never echoes secret values in its message', () => {
    const err = configError({ ADMIN_TOKEN: 'short-secret-value', PORT: 'x' });
    expect(err.message).not.toContain('short-secret-value');
  });
});
