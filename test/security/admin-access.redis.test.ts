import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_ROUTES } from '../../src/http/admin/create-admin-router.js';
import {
  ADMIN_TOKEN,
  type AdminHarness,
  HS_TOKEN,
  SF_TOKEN,
  startAdminHarness,
} from '../src/http/admin/admin-harness.js';

let h: AdminHarness;
let sfMapping: unknown;
beforeAll(async () => {
  h = await startAdminHarness();
  const res = await h.call('GET', '/admin/connections/sf/mapping');
  sfMapping = ((await res.json()) as { mapping: unknown }).mapping;
  // One stored (inactive) version, so activate/rollback have something a foreign token could touch.
  expect((await h.call('PUT', '/admin/connections/sf/mapping', ADMIN_TOKEN, sfMapping)).status).toBe(201);
});
afterAll(async () => {
  await h.close();
});

/** Every mounted route plus the OpenAPI route the router adds: a new entry in ADMIN_ROUTES is covered here. */
const ROUTES = [
  ...ADMIN_ROUTES.map((r) => ({ method: r.method.toUpperCase(), path: r.path })),
  { method: 'GET', path: '/openapi.json' },
];

const concrete = (path: string, id: string): string =>
  `/admin${path.replace(':id', encodeURIComponent(id)).replace(':v', '1')}`;

/** A body the route would accept from the right token, so only the token decides. */
function bodyFor(method: string, path: string): unknown {
  if (method === 'GET') return undefined;
  if (path.endsWith('/preview')) return { object: 'Lead', id: '00Q000000000001AAA' };
  if (method === 'PUT') return sfMapping;
  return {};
}

describe('admin routes without a valid token', () => {
  const tokens: { name: string; token: string | null; header?: string }[] = [
    { name: 'no Authorization header', token: null },
    { name: 'a wrong bearer token', token: 'x'.repeat(40) },
    { name: 'an empty bearer token', token: '' },
    { name: 'a prefix of the real token', token: ADMIN_TOKEN.slice(0, -1) },
    { name: 'the real token with one more character', token: `${ADMIN_TOKEN}0` },
    { name: 'the real token in lower-case scheme', token: null, header: `bearer ${ADMIN_TOKEN}` },
    {
      name: 'the real token as Basic credentials',
      token: null,
      header: `Basic ${Buffer.from(`a:${ADMIN_TOKEN}`).toString('base64')}`,
    },
  ];
  for (const route of ROUTES) {
    for (const t of tokens) {
      it(`answers 401 to ${t.name} on ${route.method} ${route.path}`, async () => {
        const path = concrete(route.path, 'sf');
        const body = bodyFor(route.method, route.path);
        const res = await fetch(`${h.url}${path}`, {
          method: route.method,
          headers: {
            ...(t.header !== undefined ? { authorization: t.header } : {}),
            ...(t.token !== null ? { authorization: `Bearer ${t.token}` } : {}),
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });
        expect(res.status).toBe(401);
        expect(await res.json()).toMatchObject({ error: { code: 'admin_unauthorized' } });
      });
    }
  }
});

describe("one connection's admin token against another connection", () => {
  const scoped = ROUTES.filter((r) => r.path.includes(':id'));

  it('covers every connection-scoped route the router mounts', () => {
    expect(scoped.length).toBeGreaterThanOrEqual(8);
    expect(
      ROUTES.filter((r) => !r.path.includes(':id'))
        .map((r) => r.path)
        .sort(),
    ).toEqual(['/connections', '/openapi.json']);
  });

  for (const route of scoped) {
    for (const [token, own, other] of [
      [HS_TOKEN, 'hs', 'sf'],
      [SF_TOKEN, 'sf', 'hs'],
    ] as const) {
      it(`answers 403 to the ${own} token on ${route.method} ${route.path} of ${other}`, async () => {
        const res = await h.call(
          route.method,
          concrete(route.path, other),
          token,
          bodyFor(route.method, route.path),
        );
        expect(res.status).toBe(403);
        expect(await res.json()).toMatchObject({ error: { code: 'admin_forbidden' } });
      });
    }

    for (const variant of ['SF', 'Sf', 'nope', 'sf ', 'hs/../sf']) {
      it(`does not let the hs token reach ${JSON.stringify(variant)} through ${route.method} ${route.path}`, async () => {
        const res = await h.call(
          route.method,
          concrete(route.path, variant),
          HS_TOKEN,
          bodyFor(route.method, route.path),
        );
        expect([403, 404]).toContain(res.status);
      });
    }
  }

  it('leaves the other connection’s mappings untouched after every attempt', async () => {
    for (const route of scoped)
      await h.call(route.method, concrete(route.path, 'sf'), HS_TOKEN, bodyFor(route.method, route.path));
    expect(await h.store.activeVersion('sf')).toBeNull();
    expect((await h.store.list('sf')).map((v) => v.version)).toEqual([1]);
    expect(await h.store.audit('sf')).toHaveLength(1);
  });

  it('still lets each connection token use its own connection', async () => {
    expect((await h.call('GET', '/admin/connections/sf/mapping/versions', SF_TOKEN)).status).toBe(200);
    expect((await h.call('GET', '/admin/connections/hs/mapping/versions', HS_TOKEN)).status).toBe(200);
  });

  it('lists only the token’s own connection', async () => {
    const res = await h.call('GET', '/admin/connections', SF_TOKEN);
    expect(((await res.json()) as { connections: { id: string }[] }).connections.map((c) => c.id)).toEqual([
      'sf',
    ]);
  });
});

describe('queue dashboard', () => {
  const paths = [
    '/admin/queues',
    '/admin/queues/',
    '/admin/queues/api/queues',
    '/admin/queues/api/redis/stats',
  ];
  for (const path of paths) {
    for (const [name, header] of [
      ['a connection token as bearer', `Bearer ${SF_TOKEN}`],
      ['a connection token as Basic password', `Basic ${Buffer.from(`x:${HS_TOKEN}`).toString('base64')}`],
    ] as const) {
      it(`refuses ${name} on GET ${path} with 403`, async () => {
        const res = await fetch(`${h.url}${path}`, { headers: { authorization: header } });
        expect(res.status).toBe(403);
      });
    }
    it(`refuses no token on GET ${path} with 401`, async () => {
      expect((await fetch(`${h.url}${path}`)).status).toBe(401);
    });
  }

  it('refuses a connection token on the dashboard’s mutating API', async () => {
    for (const path of [
      '/admin/queues/api/queues/pause',
      '/admin/queues/api/queues/write-back/clean/failed',
    ]) {
      const res = await h.call('PUT', path, SF_TOKEN, {});
      expect(res.status).toBe(403);
    }
  });
});

describe('admin request bodies', () => {
  it('answers 413 JSON to an oversize body and stores nothing', async () => {
    const before = (await h.store.list('hs')).length;
    const big = { text: 'x'.repeat(1_100_000) };
    const res = await h.call('PUT', '/admin/connections/hs/mapping', ADMIN_TOKEN, big);
    expect(res.status).toBe(413);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await res.json()).toMatchObject({ error: { code: 'payload_too_large' } });
    expect(await h.store.list('hs')).toHaveLength(before);
  });

  it('looks at the token before the body: 401 to an anonymous oversize or malformed body', async () => {
    const big = await h.call('POST', '/admin/connections/hs/preview', null, { id: 'x'.repeat(1_100_000) });
    expect(big.status).toBe(401);
    const malformed = await fetch(`${h.url}/admin/connections/hs/preview`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{nope',
    });
    expect(malformed.status).toBe(401);
    expect(await malformed.json()).toMatchObject({ error: { code: 'admin_unauthorized' } });
  });
});
