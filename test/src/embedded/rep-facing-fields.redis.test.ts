import { Client } from '@hubspot/api-client';
import { Connection } from 'jsforce';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HS_PORTAL_ID } from '../../../connectors/sandbox/hubspot/portal.js';
import { createLogger } from '../../../src/core/logger.js';
import { runDemo, type DemoResult } from '../../../src/embedded/run-demo.js';
import { deleteKeys, TEST_REDIS_URL, workerRedis } from '../../helpers/redis.js';

/**
 * What a sales rep sees, read back through the real vendor clients (jsforce, @hubspot/api-client)
 * from the sandboxes after the demo's story: a duplicate, a rejected and a converted registration,
 * and a deal that is partner-sourced and partner-influenced.
 */

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** Written out here rather than imported, so the test does not trust the code it checks. */
function day(iso: string, withYear = true): string {
  const d = new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
  const text = `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()] ?? ''}`;
  return withYear ? `${text} ${d.getUTCFullYear()}` : text;
}
/** Record ids of both CRMs (Salesforce 15/18 characters, HubSpot numbers) and our internal tokens. */
const ID_OR_TOKEN = /\b[a-zA-Z0-9]{3}[0-9][a-zA-Z0-9]{11}([a-zA-Z0-9]{3})?\b|\b\d{4,}\b|opportunity_partner|lead_source|\blinear\b|\(\(/;

let demo: DemoResult;
let sf: Connection;
let hs: Client;

beforeAll(async () => {
  demo = await runDemo(createLogger({ level: 'silent' }), { redis: TEST_REDIS_URL });
  const { salesforce, hubspot } = demo.stack;
  sf = new Connection({
    instanceUrl: salesforce.url,
    accessToken: salesforce.credentials.accessToken,
    version: '62.0',
  });
  hs = new Client({ accessToken: hubspot.credentials.accessToken, basePath: hubspot.url });
}, 180_000);

afterAll(async () => {
  const prefix = demo.redisPrefix;
  await demo.stop();
  const admin = workerRedis();
  await deleteKeys(admin, `*${prefix}*`);
  await admin.quit();
});

type Row = Record<string, unknown>;
async function soql(q: string): Promise<Row[]> {
  return (await sf.query<Row>(q)).records;
}

describe('Salesforce, as a rep reads it', () => {
  it('dump', async () => {
    const leads = await soql(
      "SELECT Id, FirstName, LastName, Email, PS_Duplicate_Status__c, PS_Duplicate_Of__c, PS_Duplicate_Of_Lead__c, PS_Duplicate_Of_Contact__c, PS_Duplicate_Of_Name__c, PS_Duplicate_Likelihood__c, PS_Duplicate_Reason__c FROM Lead",
    );
    const contacts = await soql(
      "SELECT Id, FirstName, LastName, Email, PS_Duplicate_Status__c, PS_Duplicate_Of__c, PS_Duplicate_Of_Lead__c, PS_Duplicate_Of_Contact__c, PS_Duplicate_Of_Name__c, PS_Duplicate_Likelihood__c, PS_Duplicate_Reason__c FROM Contact",
    );
    const regs = await soql(
      'SELECT Id, Name, Status__c, Reason__c, Submitted_At__c, Decided_At__c, Expires_On__c, Conflict_With__c FROM PS_Deal_Registration__c',
    );
    const opps = await soql(
      'SELECT Id, Name, PS_Partner_Sourced__c, PS_Sourcing_Partner__c, PS_Partner_Influenced__c, PS_Influencing_Partners__c, PS_Attribution_Model__c, PS_Deal_Registration__c FROM Opportunity',
    );
    const rows = await soql(
      'SELECT Opportunity__c, Partner__c, Role__c, Credit_Percent__c, Model__c, Evidence__c FROM PS_Partner_Attribution__c',
    );
    const hsc = await hs.crm.contacts.basicApi.getPage(100, undefined, [
      'firstname', 'lastname', 'email', 'ps_duplicate_status', 'ps_duplicate_of', 'ps_duplicate_of_name', 'ps_duplicate_likelihood', 'ps_duplicate_reason',
    ]);
    const hsd = await hs.crm.deals.basicApi.getPage(100, undefined, [
      'dealname', 'ps_partner_sourced', 'ps_sourcing_partner_id', 'ps_sourcing_partner_name', 'ps_partner_influenced', 'ps_influencing_partners', 'ps_attribution_model',
    ]);
    const hsr = await hs.crm.objects.basicApi.getPage(`p${HS_PORTAL_ID}_ps_deal_registration`, 100, undefined, [
      'ps_customer_company', 'ps_partner_name', 'ps_status', 'ps_reason', 'ps_submitted_at', 'ps_decided_at', 'ps_expires_on',
    ]);
    const hsa = await hs.crm.objects.basicApi.getPage(`p${HS_PORTAL_ID}_ps_partner_attribution`, 100, undefined, [
      'ps_role', 'ps_credit_percent', 'ps_model', 'ps_evidence', 'ps_partner_id',
    ]);
    console.log(JSON.stringify({ leads, contacts, regs, opps, rows, hsc: hsc.results.map((r) => r.properties), hsd: hsd.results.map((r) => r.properties), hsr: hsr.results.map((r) => r.properties), hsa: hsa.results.map((r) => r.properties) }, null, 1));
    expect(day('2027-03-05')).toBe('5 Mar 2027');
    expect(ID_OR_TOKEN.test('x')).toBe(false);
  });
});
