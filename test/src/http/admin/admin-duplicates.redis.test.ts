import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminActor } from '../../../../connectors/sandbox/salesforce/org.js';
import { EMBEDDED_HUBSPOT, EMBEDDED_SALESFORCE } from '../../../../src/embedded/start-embedded-stack.js';
import {
  CONSOLE_ADMIN_TOKEN,
  CONSOLE_SF_TOKEN,
  type ConsoleStack,
  startConsoleStack,
} from '../../../console/console-harness.js';
import { settle, syncEverything } from '../../../pipeline/stack-helpers.js';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('admin API: reviewing flagged duplicates', () => {
  let c: ConsoleStack;
  let base = '';
  const ids: Record<string, string> = {};
  const lead = (label: string, fields: Record<string, string>): void => {
    ids[label] = c.stack.salesforce.store.create(
      'Lead',
      { Status: 'Open - Not Contacted', ...fields },
      adminActor,
    ).id;
  };
  beforeAll(async () => {
    c = await startConsoleStack();
    base = `${c.stack.service.url ?? ''}/admin/connections`;
    lead('jonathan', {
      FirstName: 'Jonathan',
      LastName: 'Smithers',
      Email: 'jonathan.smithers@initech.example',
      Company: 'Initech',
    });
    await sleep(20);
    lead('jon', {
      FirstName: 'Jon',
      LastName: 'Smithers',
      Email: 'Jonathan.Smithers+x@initech.example',
      Company: 'Initech Corp.',
    });
    lead('karl', {
      FirstName: 'Karl',
      LastName: 'Weber',
      Email: 'karl.weber@hooli.example',
      Company: 'Hooli',
    });
    await sleep(20);
    lead('karl2', {
      FirstName: 'Karl',
      LastName: 'Weber',
      Email: 'KARL.WEBER@hooli.example',
      Company: 'Hooli GmbH',
    });
    await syncEverything(c.stack, 60_000);
    await settle(c.stack);
  }, 120_000);
  afterAll(async () => {
    await c.stop();
  });

  const post = async (conn: string, action: string, body: unknown, token = CONSOLE_ADMIN_TOKEN) => {
    const res = await fetch(`${base}/${conn}/duplicates/${action}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const field = (label: string, name: string): unknown =>
    c.stack.salesforce.store.getAny('Lead', ids[label] ?? '')?.fields[name];

  it('lists flagged pairs side by side with the fields they share', async () => {
    const res = await fetch(`${base}/${EMBEDDED_SALESFORCE}/duplicates?status=all`, {
      headers: { authorization: `Bearer ${CONSOLE_SF_TOKEN}` },
    });
    expect(res.status).toBe(200);
    const { pairs } = (await res.json()) as {
      pairs: {
        record: { id: string };
        duplicateOf: { id: string };
        fields: { field: string; same: boolean }[];
      }[];
    };
    const jon = pairs.find((p) => p.record.id === ids['jon']);
    expect(jon?.duplicateOf.id).toBe(ids['jonathan']);
    expect(jon?.fields.filter((f) => f.same).map((f) => f.field)).toEqual(['lastName']);
    const bad = await fetch(`${base}/${EMBEDDED_SALESFORCE}/duplicates?status=maybe`, {
      headers: { authorization: `Bearer ${CONSOLE_ADMIN_TOKEN}` },
    });
    expect(bad.status).toBe(400);
  });

  it('refuses bad bodies, other connections and pairs that are not flagged, with a code', async () => {
    expect(await post(EMBEDDED_SALESFORCE, 'dismiss', { recordId: ids['jon'] })).toMatchObject({
      status: 400,
      body: { error: { code: 'bad_request', issues: [{ path: 'body.duplicateOf' }] } },
    });
    const other = await post(
      EMBEDDED_HUBSPOT,
      'dismiss',
      { recordId: 'x', duplicateOf: 'y' },
      CONSOLE_SF_TOKEN,
    );
    expect(other.status).toBe(403);
    // The survivor is not flagged against the record flagged as its duplicate.
    const reversed = { recordId: ids['jonathan'], duplicateOf: ids['jon'] };
    expect(await post(EMBEDDED_SALESFORCE, 'dismiss', reversed)).toMatchObject({
      status: 409,
      body: { error: { code: 'pair_not_flagged' } },
    });
  });

  it('dismisses with a connection token: recorded as that token, written back, final for a confirm', async () => {
    const pair = { recordId: ids['jon'], duplicateOf: ids['jonathan'] };
    const first = await post(EMBEDDED_SALESFORCE, 'dismiss', pair, CONSOLE_SF_TOKEN);
    expect(first).toMatchObject({
      status: 200,
      body: { review: { verdict: 'dismissed', by: `connection:${EMBEDDED_SALESFORCE}`, source: 'console' } },
    });
    const again = await post(EMBEDDED_SALESFORCE, 'dismiss', pair);
    expect(again.body).toEqual(first.body);
    expect(await post(EMBEDDED_SALESFORCE, 'confirm', pair)).toMatchObject({
      status: 409,
      body: { error: { code: 'pair_dismissed' } },
    });
    await settle(c.stack);
    expect(field('jon', 'PS_Duplicate_Status__c')).toBe('Not a duplicate');
  });

  it('confirms a pair: the record shows Duplicate, confirmed by the admin', async () => {
    const pair = { recordId: ids['karl2'], duplicateOf: ids['karl'] };
    expect(await post(EMBEDDED_SALESFORCE, 'confirm', pair)).toMatchObject({
      status: 200,
      body: { review: { verdict: 'confirmed', by: 'admin' } },
    });
    await settle(c.stack);
    expect(field('karl2', 'PS_Duplicate_Status__c')).toBe('Duplicate');
    expect(field('karl2', 'PS_Duplicate_Of__c')).toBe(ids['karl']);
    expect(String(field('karl2', 'PS_Duplicate_Reason__c'))).toMatch(/confirmed by admin; /);
  });
});
