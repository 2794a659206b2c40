import { Client } from '@hubspot/api-client';
import { Connection } from 'jsforce';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/core/logger.js';
import { runDemo, type DemoResult } from '../../src/embedded/run-demo.js';
import { EMBEDDED_HUBSPOT, EMBEDDED_SALESFORCE } from '../../src/embedded/start-embedded-stack.js';
import { verifyWhyLink } from '../../src/why-link/verify-why-link.js';
import type { WhyKey, WhyObject } from '../../src/why-link/why-link.js';
import { TEST_REDIS_URL } from '../helpers/redis.js';
import { whyInputOf } from '../helpers/why-link.js';

/**
 * The demo end to end (both sandboxes, the service, real jobs): write-back puts each decided record's
 * signed "Why?" link into its CRM field, and reading it back through jsforce and @hubspot/api-client
 * gives an absolute URL that verifies for exactly that record and opens its page.
 */
let demo: DemoResult;
let key: WhyKey;

beforeAll(async () => {
  demo = await runDemo(createLogger({ level: 'silent' }), { redis: TEST_REDIS_URL });
  const links = demo.stack.service.deps.whyLinks;
  if (links === undefined) throw new Error('the embedded stack runs without why links');
  key = links.key;
}, 120_000);

afterAll(async () => {
  await demo.stop();
});

/** Every link read back verifies for its own record and fits a Salesforce URL field. */
function expectVerified(
  connection: string,
  object: WhyObject,
  rows: readonly { id: string; url: unknown }[],
): void {
  expect(rows.length).toBeGreaterThan(0);
  for (const row of rows) {
    expect(typeof row.url).toBe('string');
    const url = String(row.url);
    expect(url.startsWith(`${demo.url}/why/`)).toBe(true);
    expect(url.length).toBeLessThanOrEqual(255);
    expect(verifyWhyLink(key, whyInputOf(url))).toEqual({
      ok: true,
      target: { connection, object, recordId: row.id },
    });
  }
}

describe('"Why?" links written back', () => {
  it('Salesforce: leads, opportunities and registrations carry their own link, read through jsforce', async () => {
    const sf = demo.stack.salesforce;
    const conn = new Connection({
      instanceUrl: sf.url,
      accessToken: sf.credentials.accessToken,
      version: '62.0',
    });
    const read = async (object: string, field: string, where: string) => {
      const res = await conn.query<Record<string, unknown>>(
        `SELECT Id, ${field} FROM ${object} WHERE ${where}`,
      );
      return res.records.map((r) => ({ id: String(r['Id']), url: r[field] }));
    };
    expectVerified(
      EMBEDDED_SALESFORCE,
      'person',
      await read('Lead', 'PS_Why_Link__c', "PS_Duplicate_Status__c = 'Duplicate'"),
    );
    expectVerified(
      EMBEDDED_SALESFORCE,
      'opportunity',
      await read('Opportunity', 'PS_Why_Link__c', 'PS_Partner_Sourced__c = true'),
    );
    const regs = await read(
      'PS_Deal_Registration__c',
      'Why_Link__c',
      "Status__c IN ('Rejected', 'Converted')",
    );
    expect(regs.length).toBe(4);
    expectVerified(EMBEDDED_SALESFORCE, 'registration', regs);
  });

  it('HubSpot: contacts, deals and registrations carry their own link, read through @hubspot/api-client', async () => {
    const hs = demo.stack.hubspot;
    const client = new Client({ accessToken: hs.credentials.accessToken, basePath: hs.url });
    const rows = (
      page: { results: { id: string; properties: Record<string, string | null> }[] },
      want: (p: Record<string, string | null>) => boolean,
    ) =>
      page.results
        .filter((r) => want(r.properties))
        .map((r) => ({ id: r.id, url: r.properties['ps_why_link'] }));
    const contacts = await client.crm.contacts.basicApi.getPage(100, undefined, [
      'ps_why_link',
      'ps_duplicate_status',
    ]);
    expectVerified(
      EMBEDDED_HUBSPOT,
      'person',
      rows(contacts, (p) => p['ps_duplicate_status'] === 'Duplicate'),
    );
    const deals = await client.crm.deals.basicApi.getPage(100, undefined, [
      'ps_why_link',
      'ps_partner_sourced',
    ]);
    expectVerified(
      EMBEDDED_HUBSPOT,
      'opportunity',
      rows(deals, (p) => p['ps_partner_sourced'] === 'true'),
    );
    const regs = await client.crm.objects.basicApi.getPage('p_ps_deal_registration', 100, undefined, [
      'ps_why_link',
      'ps_status',
    ]);
    const decided = rows(regs, (p) => p['ps_status'] === 'rejected' || p['ps_status'] === 'converted');
    expect(decided.length).toBe(4);
    expectVerified(EMBEDDED_HUBSPOT, 'registration', decided);
  });

  it('each link read back opens its page without a login; the same link on another record is refused', async () => {
    const [link] = demo.summary.whyLinks;
    if (link === undefined) throw new Error('the demo printed no why link');
    const page = await fetch(link.url);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    const moved = link.url.replace(/\/person\/([^/?]+)/, '/person/$1x');
    const refused = await fetch(moved, { headers: { accept: 'application/json' } });
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ error: { code: 'why_link_invalid' } });
  });
});
