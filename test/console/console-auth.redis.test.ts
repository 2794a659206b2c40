import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMBEDDED_HUBSPOT, EMBEDDED_SALESFORCE } from '../../src/embedded/start-embedded-stack.js';
import {
  CONSOLE_ADMIN_TOKEN,
  CONSOLE_SF_TOKEN,
  type ConsoleStack,
  csrfOf,
  loginHttp,
  startConsoleStack,
} from './console-harness.js';

const form = (fields: Record<string, string>): RequestInit => ({
  method: 'POST',
  redirect: 'manual',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields).toString(),
});

describe('admin console sessions, CSRF and scoping (HTTP)', () => {
  let c: ConsoleStack;
  beforeAll(async () => {
    c = await startConsoleStack();
  }, 90_000);
  afterAll(async () => {
    await c.stop();
  });

  it('sends a page without a session to the login form and refuses a change without one', async () => {
    const page = await fetch(`${c.consoleUrl}/`, { redirect: 'manual' });
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toBe('/admin/console/login');
    const change = await fetch(
      `${c.consoleUrl}/connections/${EMBEDDED_SALESFORCE}/mapping/rollback`,
      form({}),
    );
    expect(change.status).toBe(401);
    const forged = await fetch(`${c.consoleUrl}/`, {
      headers: { cookie: `psc_session=${'a'.repeat(43)}` },
      redirect: 'manual',
    });
    expect(forged.status).toBe(303);
  });

  it('refuses a wrong token and sets an HttpOnly SameSite=Strict session cookie for a right one', async () => {
    const wrong = await fetch(`${c.consoleUrl}/login`, form({ token: 'not-a-token-at-all-0123456789' }));
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('set-cookie')).toBeNull();
    const { setCookie } = await loginHttp(c.consoleUrl, CONSOLE_ADMIN_TOKEN);
    expect(setCookie).toMatch(
      /^psc_session=[A-Za-z0-9_-]{43}; Path=\/admin\/console; HttpOnly; SameSite=Strict; Max-Age=\d+/,
    );
  });

  it('sends a strict Content-Security-Policy and no inline script', async () => {
    const res = await fetch(`${c.consoleUrl}/login`);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    const body = await res.text();
    expect(body).not.toMatch(/<script(?![^>]*\bsrc=)/);
    expect(body).not.toMatch(/\sstyle=/);
  });

  it('refuses a change without or with a wrong CSRF token, and changes nothing', async () => {
    const { cookie } = await loginHttp(c.consoleUrl, CONSOLE_ADMIN_TOKEN);
    const page = await (
      await fetch(`${c.consoleUrl}/connections/${EMBEDDED_SALESFORCE}/mapping`, { headers: { cookie } })
    ).text();
    const csrf = csrfOf(page);
    const versions = async () => c.stack.service.deps.connections.get(EMBEDDED_SALESFORCE)?.mapping();
    const before = await versions();
    const text = 'provider: salesforce\nobjects: {}\n';
    for (const token of [undefined, `${csrf.slice(0, -2)}xx`]) {
      const fields: Record<string, string> = { text, intent: 'save', activate: 'true' };
      if (token !== undefined) fields['_csrf'] = token;
      const res = await fetch(`${c.consoleUrl}/connections/${EMBEDDED_SALESFORCE}/mapping/save`, {
        ...form(fields),
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
      });
      expect(res.status).toBe(403);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('admin_forbidden');
    }
    const api = await fetch(
      `${c.stack.service.url ?? ''}/admin/connections/${EMBEDDED_SALESFORCE}/mapping/versions`,
      {
        headers: { authorization: `Bearer ${CONSOLE_ADMIN_TOKEN}` },
      },
    );
    expect(((await api.json()) as { versions: unknown[] }).versions).toEqual([]);
    expect(await versions()).toEqual(before);
  });

  it('keeps a connection token to its own connection', async () => {
    const { cookie } = await loginHttp(c.consoleUrl, CONSOLE_SF_TOKEN);
    const home = await (await fetch(`${c.consoleUrl}/`, { headers: { cookie } })).text();
    expect(home).toContain(`id="conn-${EMBEDDED_SALESFORCE}"`);
    expect(home).not.toContain(EMBEDDED_HUBSPOT);
    expect(home).not.toContain('id="queues"');
    const other = await fetch(`${c.consoleUrl}/connections/${EMBEDDED_HUBSPOT}/mapping`, {
      headers: { cookie },
    });
    expect(other.status).toBe(403);
    expect(await other.text()).not.toContain('provider: hubspot');
  });

  it('ends the session at logout: the old cookie no longer opens a page', async () => {
    const { cookie } = await loginHttp(c.consoleUrl, CONSOLE_ADMIN_TOKEN);
    const home = await (await fetch(`${c.consoleUrl}/`, { headers: { cookie } })).text();
    const out = await fetch(`${c.consoleUrl}/logout`, {
      ...form({ _csrf: csrfOf(home) }),
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
    });
    expect(out.status).toBe(303);
    expect(out.headers.get('set-cookie')).toContain('Max-Age=0');
    const after = await fetch(`${c.consoleUrl}/`, { headers: { cookie }, redirect: 'manual' });
    expect(after.status).toBe(303);
  });
});
