import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN_TOKEN,
  HS_TOKEN,
  startAdminHarness,
  type AdminHarness,
} from '../src/http/admin/admin-harness.js';
import { leastBlocked, longestBlockMs, slowestHealthzMs } from './event-loop-probe.js';

let h: AdminHarness;
beforeAll(async () => {
  h = await startAdminHarness();
});
afterAll(async () => {
  await h.close();
});

/** A raw JSON request (bodies that JSON.stringify cannot build, such as 50,000 levels deep). */
async function putRaw(path: string, token: string, body: string): Promise<Response> {
  return fetch(`${h.url}${path}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body,
  });
}

describe('finding 3: a large mapping upload no longer blocks the process', () => {
  it('refuses a 618 KB mapping with 40k keys with 422 quickly, without holding /healthz or the event loop', async () => {
    const keys = Array.from({ length: 40_000 }, (_, i) => `  field_${String(i).padStart(6, '0')}: x\n`).join(
      '',
    );
    const text = `provider: hubspot\nobjects:\n  contact:\n    source: contacts\n    fields:\n${keys.replace(/^/gm, '    ')}`;
    const before = (await h.store.list('hs')).length;
    const { result, blockedMs, tookMs } = await leastBlocked(3, async () => {
      const started = performance.now();
      const measured = await longestBlockMs(() =>
        slowestHealthzMs(h.url, () => h.call('PUT', '/admin/connections/hs/mapping', HS_TOKEN, { text })),
      );
      return { ...measured, tookMs: performance.now() - started };
    });
    expect(result.result.status).toBe(422);
    expect(await result.result.json()).toMatchObject({ error: { code: 'mapping_invalid' } });
    expect(tookMs).toBeLessThan(2_000);
    expect(result.slowestMs).toBeLessThan(100);
    expect(blockedMs).toBeLessThan(100);
    expect(await h.store.list('hs')).toHaveLength(before);
  });

  it('answers a YAML alias bomb with 422 naming the problem, not 500', async () => {
    const levels = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 9; i += 1) {
      const prev = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      levels.push(`${name}: &${name} [${Array.from({ length: 9 }, () => `*${prev}`).join(',')}]`);
    }
    const text = `${levels.join('\n')}\nprovider: hubspot\n`;
    const res = await h.call('PUT', '/admin/connections/hs/mapping', HS_TOKEN, { text });
    expect(res.status).toBe(422);
    const body = (await res.json()) as { error: { code: string; issues: { message: string }[] } };
    expect(body.error.code).toBe('mapping_invalid');
    expect(body.error.issues[0]?.message).toMatch(/alias/i);
    expect(h.logText()).not.toContain('unhandled error');
  });

  it('answers a JSON mapping body nested 50,000 deep with 413, before parsing it', async () => {
    const deep = `{"provider":"hubspot","objects":${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}}`;
    const res = await putRaw('/admin/connections/hs/mapping', HS_TOKEN, deep);
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ error: { code: 'payload_limit_exceeded' } });
  });
});

describe('findings 5 and 7: preview object names are checked before any CRM call', () => {
  for (const [connection, object, id] of [
    ['sf', 'Lead WHERE Id!=null', '00Q000000000001AAA'],
    ['sf', 'Lead', "00Q' OR Id!=null"],
    ['hs', '..', '1'],
    ['hs', 'contacts', '../../owners'],
    ['hs', 'contacts/..', '1'],
  ] as const) {
    it(`${connection}: object ${JSON.stringify(object)}, id ${JSON.stringify(id)} → 400, no CRM call`, async () => {
      const sandbox = connection === 'sf' ? h.sf : h.hs;
      const calls = sandbox.counters.total();
      const res = await h.call('POST', `/admin/connections/${connection}/preview`, ADMIN_TOKEN, {
        object,
        id,
      });
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ error: { code: 'bad_request' } });
      expect(sandbox.counters.total()).toBe(calls);
    });
  }
});
