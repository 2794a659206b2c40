import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMBEDDED_HUBSPOT, EMBEDDED_SALESFORCE } from '../../../../src/embedded/start-embedded-stack.js';
import { CONSOLE_ADMIN_TOKEN, loginHttp } from '../../../console/console-harness.js';
import { settle, startTestStack, syncEverything, UI_USER } from '../../../pipeline/stack-helpers.js';

describe('connection status after changes are processed', () => {
  let stack: Awaited<ReturnType<typeof startTestStack>>;
  let url = '';
  const status = async (id: string) => {
    const res = await fetch(`${url}/admin/connections/${id}/status`, {
      headers: { authorization: `Bearer ${CONSOLE_ADMIN_TOKEN}` },
    });
    expect(res.status).toBe(200);
    return (await res.json()) as {
      pendingChanges: number;
      lastChangeAt: string | null;
      budget: { buckets: { bucket: string; windowSeconds: number }[] };
    };
  };

  beforeAll(async () => {
    stack = await startTestStack({ env: { ADMIN_TOKEN: CONSOLE_ADMIN_TOKEN } });
    url = stack.stack.service.url ?? '';
    await syncEverything(stack.stack, 60_000);
  }, 120_000);
  afterAll(async () => {
    await stack.stop();
  });

  it('keeps "last change received" once the change has been processed', async () => {
    const before = Date.now();
    stack.stack.salesforce.store.create(
      'Lead',
      { FirstName: 'Ada', LastName: 'Status', Company: 'Status Co', Email: 'ada@status.example' },
      UI_USER,
    );
    await settle(stack.stack, 60_000);
    const after = await status(EMBEDDED_SALESFORCE);
    expect(after.pendingChanges).toBe(0);
    expect(after.lastChangeAt).not.toBeNull();
    expect(Date.parse(after.lastChangeAt ?? '')).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(after.lastChangeAt ?? '')).toBeLessThanOrEqual(Date.now());

    const { cookie } = await loginHttp(`${url}/admin/console`, CONSOLE_ADMIN_TOKEN);
    const page = await (await fetch(`${url}/admin/console/`, { headers: { cookie } })).text();
    const shown = new RegExp(
      `data-testid="last-change-${EMBEDDED_SALESFORCE}"\\s*>${(after.lastChangeAt ?? '').replace(/\.\d+Z$/, 'Z').replace('T', ' ')}<`,
    );
    expect(page).toMatch(shown);
  });

  it('reads a sub-second budget window in milliseconds', async () => {
    const hs = await status(EMBEDDED_HUBSPOT);
    const search = hs.budget.buckets.find((b) => b.bucket === 'search');
    expect(search?.windowSeconds).toBeCloseTo(1 / 3, 5);
    const { cookie } = await loginHttp(`${url}/admin/console`, CONSOLE_ADMIN_TOKEN);
    const html = await (await fetch(`${url}/admin/console/`, { headers: { cookie } })).text();
    const page = html.replace(/\s+/g, ' ');
    expect(page).toMatch(/search: [\d.]+ of 1 per 333 ms in use now/);
    expect(page).not.toContain('per 0 s');
  });
});
