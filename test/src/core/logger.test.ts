import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/core/logger.js';
import { scrubSecrets } from '../../../src/core/redact-secrets.js';

function capture(): { lines: () => Record<string, unknown>[]; raw: () => string; stream: Writable } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk.toString('utf8'));
      done();
    },
  });
  const raw = (): string => chunks.join('');
  return {
    stream,
    raw,
    lines: () =>
      raw()
        .split('\n')
        .filter((l) => l !== '')
        .map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}

describe('createLogger', () => {
  it('writes JSON lines with level, time and message', () => {
    const out = capture();
    createLogger({ level: 'info', destination: out.stream }).info({ jobId: 'j1' }, 'synced');
    const [line] = out.lines();
    expect(line).toMatchObject({ level: 'info', msg: 'synced', jobId: 'j1', service: 'partnersync' });
    expect(typeof line?.['time']).toBe('string');
  });

  it('redacts tokens, secrets, authorization and signature headers', () => {
    const out = capture();
    const log = createLogger({ level: 'info', destination: out.stream });
    log.info(
      {
        req: {
          headers: {
            authorization: 'Bearer sk-live-1',
            'x-hubspot-signature-v3': 'sig-v3-value',
            'x-hubspot-signature': 'sig-v1-value',
          },
        },
        connection: { accessToken: 'at-123', refreshToken: 'rt-456', clientSecret: 'cs-789' },
        auth: { deep: { password: 'pw-000' } },
        token: 'top-level-token',
      },
      'request',
    );
    const text = out.raw();
    for (const secret of [
      'sk-live-1',
      'sig-v3-value',
      'sig-v1-value',
      'at-123',
      'rt-456',
      'cs-789',
      'pw-000',
      'top-level-token',
    ]) {
      expect(text).not.toContain(secret);
    }
    expect(text).toContain('[Redacted]');
  });

  it('scrubs bearer tokens that vendor errors put into messages and stacks', () => {
    const out = capture();
    const log = createLogger({ level: 'info', destination: out.stream });
    log.error(
      { err: new Error('401 for request with Authorization: Bearer 00Dxx!AQ4AQ.secret') },
      'call failed',
    );
    expect(out.raw()).not.toContain('00Dxx!AQ4AQ.secret');
    expect(out.lines()[0]?.['err']).toMatchObject({ type: 'Error' });
  });

  it('scrubs OAuth parameters in URLs', () => {
    expect(scrubSecrets('POST /token?refresh_token=abc&client_secret=def&grant_type=x')).toBe(
      'POST /token?refresh_token=[Redacted]&client_secret=[Redacted]&grant_type=x',
    );
  });
});
