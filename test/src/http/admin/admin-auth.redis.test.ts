import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, type AdminHarness, HS_TOKEN, SF_TOKEN, startAdminHarness } from './admin-harness.js';

let h: AdminHarness;
beforeAll(async () => {
  h = await startAdminHarness();
});
afterAll(async () => {
  await h.close();
});

describe('admin API authentication', () => {
  const cases: { name: string; token: string | null; path: string; status: number; code?: string }[] = [
    {
      name: 'no token',
      token: null,
      path: '/admin/connections/sf/mapping',
      status: 401,
      code: 'admin_unauthorized',
    },
    {
      name: 'a wrong token',
      token: 'x'.repeat(40),
      path: '/admin/connections/sf/mapping',
      status: 401,
      code: 'admin_unauthorized',
    },
    {
      name: "another connection's token",
      token: HS_TOKEN,
      path: '/admin/connections/sf/mapping',
      status: 403,
      code: 'admin_forbidden',
    },
    {
      name: 'the connection’s own token',
      token: SF_TOKEN,
      path: '/admin/connections/sf/mapping',
      status: 200,
    },
    {
      name: 'the all-connections token',
      token: ADMIN_TOKEN,
      path: '/admin/connections/hs/mapping',
      status: 200,
    },
    {
      name: 'a connection token on the dashboard',
      token: SF_TOKEN,
      path: '/admin/queues',
      status: 403,
      code: 'admin_forbidden',
    },
    {
      name: 'no token on an unknown admin path',
      token: null,
      path: '/admin/nothing-here',
      status: 401,
      code: 'admin_unauthorized',
    },
  ];
  for (const c of cases) {
    it(`answers ${c.status} to ${c.name} on ${c.path}`, async () => {
      const res = await h.call('GET', c.path, c.token);
      expect(res.status).toBe(c.status);
      const body = (await res.json()) as { error?: { code: string; message: string } };
      if (c.code !== undefined)
        expect(body.error).toMatchObject({ code: c.code, message: expect.any(String) });
    });
  }

  it('rejects a malformed Authorization header with 401', async () => {
    const res = await fetch(`${h.url}/admin/connections`, {
      headers: { authorization: `Token ${ADMIN_TOKEN}` },
    });
    expect(res.status).toBe(401);
  });

  it('lists only the connection a per-connection token belongs to', async () => {
    const res = await h.call('GET', '/admin/connections', HS_TOKEN);
    expect(await res.json()).toEqual({
      connections: [{ id: 'hs', provider: 'hubspot', activeMappingVersion: null }],
    });
    const all = (await (await h.call('GET', '/admin/connections')).json()) as {
      connections: { id: string }[];
    };
    expect(all.connections.map((c) => c.id).sort()).toEqual(['hs', 'sf']);
  });

  it('never writes a token into the logs', async () => {
    await h.call('GET', '/admin/connections', SF_TOKEN);
    await h.call('GET', '/admin/connections/sf/mapping', HS_TOKEN);
    await h.call('GET', '/admin/connections', 'wrong-token-wrong-token-wrong');
    const text = h.logText();
    expect(text).toContain('/admin/connections');
    for (const token of [ADMIN_TOKEN, SF_TOKEN, HS_TOKEN, 'wrong-token-wrong-token-wrong'])
      expect(text).not.toContain(token);
  });
});

describe('queue dashboard', () => {
  it('answers 401 without a token and asks the browser for credentials', async () => {
    const res = await fetch(`${h.url}/admin/queues`);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/^Basic /);
  });

  it('serves the board and its queue API with the all-connections token', async () => {
    const page = await h.call('GET', '/admin/queues');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('/admin/queues');
    const api = await h.call('GET', '/admin/queues/api/queues');
    expect(api.status).toBe(200);
    const body = (await api.json()) as { queues: { name: string }[] };
    // Each connection has its own queues; the board names them connection/queue.
    expect(body.queues.map((q) => q.name)).toContain('sf/write-back');
  });

  it('accepts the token as a Basic password, as browsers send it', async () => {
    const basic = Buffer.from(`admin:${ADMIN_TOKEN}`).toString('base64');
    const res = await fetch(`${h.url}/admin/queues`, { headers: { authorization: `Basic ${basic}` } });
    expect(res.status).toBe(200);
  });
});

describe('openapi.json', () => {
  it('is an OpenAPI 3.1 document listing every admin path', async () => {
    const res = await h.call('GET', '/admin/openapi.json');
    expect(res.status).toBe(200);
    const doc = JSON.parse(await res.text()) as {
      openapi: string;
      paths: Record<string, Record<string, unknown>>;
    };
    expect(doc.openapi).toBe('3.1.0');
    const ops = Object.entries(doc.paths).flatMap(([p, methods]) =>
      Object.keys(methods).map((m) => `${m.toUpperCase()} ${p}`),
    );
    expect(ops.sort()).toEqual(
      [
        'GET /admin/connections',
        'GET /admin/connections/{id}/mapping',
        'PUT /admin/connections/{id}/mapping',
        'GET /admin/connections/{id}/mapping/versions',
        'POST /admin/connections/{id}/mapping/versions/{v}/activate',
        'POST /admin/connections/{id}/mapping/rollback',
        'GET /admin/connections/{id}/mapping/audit',
        'POST /admin/connections/{id}/preview',
        'GET /admin/connections/{id}/rejections',
        'GET /admin/openapi.json',
      ].sort(),
    );
    const text = JSON.stringify(doc);
    for (const ref of text.matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)) {
      expect(
        Object.keys((doc as unknown as { components: { schemas: object } }).components.schemas),
      ).toContain(ref[1]);
    }
  });
});
