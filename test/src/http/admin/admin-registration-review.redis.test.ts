import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMBEDDED_HUBSPOT, EMBEDDED_SALESFORCE } from '../../../../src/embedded/start-embedded-stack.js';
import { createDecisionStore } from '../../../../src/store/decision-store.js';
import { CONSOLE_ADMIN_TOKEN, CONSOLE_SF_TOKEN } from '../../../console/console-harness.js';
import {
  readRegistration,
  registrationIdByName,
  submitPendingRegistrations,
} from '../../../console/review-fixtures.js';
import { settle, startTestStack, syncEverything } from '../../../pipeline/stack-helpers.js';
import { repDate } from '../../../../src/explain/rep-words/index.js';

const HS_TOKEN = 'review-test-hubspot-token-0123456789ab';

describe('admin API review queue: approve and reject registrations waiting for review', () => {
  let stack: Awaited<ReturnType<typeof startTestStack>>;
  let url = '';
  const call = (method: string, path: string, token: string, body?: unknown) =>
    fetch(`${url}/admin/connections${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

  beforeAll(async () => {
    stack = await startTestStack({
      env: { ADMIN_TOKEN: CONSOLE_ADMIN_TOKEN },
      adminTokens: { salesforce: CONSOLE_SF_TOKEN, hubspot: HS_TOKEN },
    });
    url = stack.stack.service.url ?? '';
    await syncEverything(stack.stack, 60_000);
    await submitPendingRegistrations(stack.stack);
  }, 120_000);
  afterAll(async () => {
    await stack.stop();
  });

  it('lists pending registrations with their conflicts and rule checks in words', async () => {
    const res = await call('GET', `/${EMBEDDED_SALESFORCE}/registrations/pending`, CONSOLE_SF_TOKEN);
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      registrations: {
        id: string;
        partnerName: string;
        customerCompany: string;
        conflicts: { text: string }[];
        ruleChecks: { passed: boolean; text: string }[];
      }[];
    };
    const byPartner = new Map(
      body.registrations.map((r) => [`${r.customerCompany} via ${r.partnerName}`, r]),
    );
    const northwind = byPartner.get('Wayne Enterprises via Northwind Resellers');
    expect(northwind?.ruleChecks.find((c) => !c.passed)?.text).toBe(
      'amount 120000 USD vs auto-approval ceiling 50000',
    );
    const contoso = byPartner.get('Wayne Ent. via Contoso Integrations GmbH');
    expect(contoso?.conflicts.map((c) => c.text)).toContain(
      "Northwind Resellers's registration for Wayne Enterprises submitted " +
        `${repDate(new Date().toISOString())} is waiting for review (same customer domain; needs a person to decide)`,
    );
    // Approved ones are not in the queue.
    expect(byPartner.has('Globex via Fabrikam Cloud Ltd')).toBe(false);
  });

  it("refuses another connection's token (403), a missing reason (400) and an unknown record (404)", async () => {
    const id = registrationIdByName(stack.stack.salesforce, 'Wayne Enterprises via Northwind Resellers');
    const path = `/${EMBEDDED_SALESFORCE}/registrations/${id}/approve`;
    const other = await call('POST', path, HS_TOKEN, { reason: 'not mine' });
    expect(other.status).toBe(403);
    expect(await other.json()).toMatchObject({ error: { code: 'admin_forbidden' } });
    const list = await call('GET', `/${EMBEDDED_SALESFORCE}/registrations/pending`, HS_TOKEN);
    expect(list.status).toBe(403);
    const blank = await call('POST', path, CONSOLE_ADMIN_TOKEN, { reason: '  ' });
    expect(blank.status).toBe(400);
    expect(await blank.json()).toMatchObject({
      error: { code: 'bad_request', issues: [{ path: 'body.reason' }] },
    });
    const extra = await call('POST', path, CONSOLE_ADMIN_TOKEN, { reason: 'ok', status: 'approved' });
    expect(extra.status).toBe(400);
    const unknown = await call(
      'POST',
      `/${EMBEDDED_SALESFORCE}/registrations/a0X000000000000/reject`,
      CONSOLE_ADMIN_TOKEN,
      {
        reason: 'nope',
      },
    );
    expect(unknown.status).toBe(404);
    expect((await readRegistration(stack.stack.salesforce, id)).Status__c).toBe('Pending Review');
  });

  it('rejects with the reason written to the CRM', async () => {
    const sb = stack.stack.salesforce;
    const id = registrationIdByName(sb, 'Wayne Ent. via Contoso Integrations GmbH');
    const res = await call(
      'POST',
      `/${EMBEDDED_SALESFORCE}/registrations/${id}/reject`,
      CONSOLE_ADMIN_TOKEN,
      {
        reason: 'Northwind brought this customer',
      },
    );
    expect(res.status).toBe(200);
    await settle(stack.stack, 60_000);
    const crm = await readRegistration(sb, id);
    expect(crm.Status__c).toBe('Rejected');
    expect(crm.Reason__c).toBe('Rejected on review: Northwind brought this customer');
    const list = await call('GET', `/${EMBEDDED_SALESFORCE}/registrations/pending`, CONSOLE_ADMIN_TOKEN);
    const ids = ((await list.json()) as { registrations: { id: string }[] }).registrations.map((r) => r.id);
    expect(ids).not.toContain(id);
  });

  it('approves through the write-back, keeps it against the next automatic review and refuses a second verdict (409)', async () => {
    const sb = stack.stack.salesforce;
    const id = registrationIdByName(sb, 'Wayne Enterprises via Northwind Resellers');
    const res = await call('POST', `/${EMBEDDED_SALESFORCE}/registrations/${id}/approve`, CONSOLE_SF_TOKEN, {
      reason: 'strategic account, agreed with sales',
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      registration: { id, status: 'approved' },
      decidedBy: `connection:${EMBEDDED_SALESFORCE}`,
      writes: 1,
    });
    await settle(stack.stack, 60_000);
    const crm = await readRegistration(sb, id);
    expect(crm.Status__c).toBe('Approved');
    expect(String(crm.Reason__c)).toMatch(
      /^Approved on review: strategic account, agreed with sales; protected until \d{1,2} [A-Z][a-z]{2} \d{4}$/,
    );
    const { redis, keys, scheduler } = stack.stack.service.deps;
    const stored = await createDecisionStore(redis, keys).get(EMBEDDED_SALESFORCE, 'registration', id);
    expect(stored).toMatchObject({
      action: 'review',
      status: 'approved',
      decidedBy: `connection:${EMBEDDED_SALESFORCE}`,
    });

    // The automatic review runs again for it (as after any change of the record): the decision stands.
    await scheduler.reviewRegistrations(EMBEDDED_SALESFORCE, [id]);
    await settle(stack.stack, 60_000);
    expect((await readRegistration(sb, id)).Status__c).toBe('Approved');

    const again = await call(
      'POST',
      `/${EMBEDDED_SALESFORCE}/registrations/${id}/reject`,
      CONSOLE_ADMIN_TOKEN,
      {
        reason: 'changed my mind',
      },
    );
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ error: { code: 'registration_not_pending' } });
    expect((await readRegistration(sb, id)).Status__c).toBe('Approved');
  });

  it('is documented in /admin/openapi.json', async () => {
    const res = await fetch(`${url}/admin/openapi.json`, {
      headers: { authorization: `Bearer ${CONSOLE_ADMIN_TOKEN}` },
    });
    const doc = (await res.json()) as { paths: Record<string, Record<string, unknown>> };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/admin/connections/{id}/registrations/pending',
        '/admin/connections/{id}/registrations/{registrationId}/approve',
        '/admin/connections/{id}/registrations/{registrationId}/reject',
      ]),
    );
    expect(EMBEDDED_HUBSPOT).toBeTruthy();
  });
});
