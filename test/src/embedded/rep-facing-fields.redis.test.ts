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
const ID_OR_TOKEN =
  /\b[a-zA-Z0-9]{3}[0-9][a-zA-Z0-9]{11}([a-zA-Z0-9]{3})?\b|\b\d{5,}\b|opportunity_partner|lead_source|\blinear\b|\(\(/;

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

const DAY_MS = 86_400_000;
/** The influence window opens 90 days (the default lookback) before the opportunity was created. */
const windowStart = (created: string): string =>
  day(new Date(Date.parse(created) - 90 * DAY_MS).toISOString());

function expectNoIdOrToken(texts: readonly unknown[]): void {
  for (const text of texts) {
    expect(typeof text).toBe('string');
    expect(String(text)).not.toMatch(ID_OR_TOKEN);
  }
}

describe('Salesforce, read back through jsforce', () => {
  it('shows a duplicate by name, as a link to the lead to keep, with a percentage and words', async () => {
    const [jon] = await soql(
      "SELECT PS_Duplicate_Status__c, PS_Duplicate_Of_Lead__c, PS_Duplicate_Of_Contact__c, PS_Duplicate_Of_Name__c, PS_Duplicate_Likelihood__c, PS_Duplicate_Reason__c FROM Lead WHERE Email = 'Jonathan.Smith+events@acme.example'",
    );
    expect(jon).toMatchObject({
      PS_Duplicate_Status__c: 'Duplicate',
      PS_Duplicate_Of_Name__c: 'Jonathan Smith',
      PS_Duplicate_Of_Contact__c: null,
      PS_Duplicate_Likelihood__c: 99,
      PS_Duplicate_Reason__c:
        'Very likely duplicate, 99 %: same mailbox (ignoring the +tag); same phone; same last name Smith; company Acme Corporation = ACME Corp.; same company domain acme.example; first name Jonathan ≈ Jon (nickname)',
    });
    // The lookup opens the lead to keep: the one named in Duplicate Of.
    const [keep] = await soql(
      `SELECT FirstName, LastName FROM Lead WHERE Id = '${String(jon?.['PS_Duplicate_Of_Lead__c'])}'`,
    );
    expect(keep).toMatchObject({ FirstName: 'Jonathan', LastName: 'Smith' });
    expectNoIdOrToken([jon?.['PS_Duplicate_Reason__c']]);
  });

  it('explains a rejected and a converted registration with names and dates, all dates filled', async () => {
    const regs = await soql(
      'SELECT Name, Status__c, Reason__c, Submitted_At__c, Decided_At__c, Expires_On__c FROM PS_Deal_Registration__c',
    );
    const byName = new Map(regs.map((r) => [String(r['Name']), r]));
    const [opp] = await soql(
      "SELECT CreatedDate FROM Opportunity WHERE Name = 'Wayne Enterprises - Platform'",
    );
    const converted = byName.get('Wayne Enterprises via Northwind Resellers');
    const expires = String(converted?.['Expires_On__c']);
    expect(converted).toMatchObject({
      Status__c: 'Converted',
      Reason__c: `Converted into the opportunity “Wayne Enterprises - Platform”, created ${day(String(opp?.['CreatedDate']))}`,
    });
    expect(byName.get('Wayne Ent. via Contoso Integrations GmbH')).toMatchObject({
      Status__c: 'Rejected',
      Reason__c: `Rejected: registered first by Northwind Resellers, protected until ${day(expires)} (same customer domain wayne.example)`,
    });
    expect(expires).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    for (const r of regs) {
      expect(r['Submitted_At__c']).toEqual(expect.any(String));
      expect(r['Decided_At__c']).toEqual(expect.any(String));
    }
    expectNoIdOrToken(regs.map((r) => r['Reason__c']));
  });

  it('names the sourcing and influencing partners, the credit split and what each partner did', async () => {
    const [opp] = await soql(
      "SELECT Id, CreatedDate, PS_Partner_Sourced__c, PS_Sourcing_Partner__c, PS_Partner_Influenced__c, PS_Influencing_Partners__c, PS_Attribution_Model__c FROM Opportunity WHERE Name = 'Wayne Enterprises - Platform'",
    );
    expect(opp).toMatchObject({
      PS_Partner_Sourced__c: true,
      PS_Partner_Influenced__c: true,
      PS_Influencing_Partners__c: 'Contoso Integrations GmbH; Fabrikam Cloud Ltd',
      PS_Attribution_Model__c: 'Split equally between 2 partners',
    });
    const [sourcer] = await soql(
      `SELECT Name FROM Account WHERE Id = '${String(opp?.['PS_Sourcing_Partner__c'])}'`,
    );
    expect(sourcer?.['Name']).toBe('Northwind Resellers');
    const id = String(opp?.['Id']);
    const created = String(opp?.['CreatedDate']);
    const [touch] = await soql(`SELECT CreatedDate FROM OpportunityPartner WHERE OpportunityId = '${id}'`);
    const added = day(String(touch?.['CreatedDate']), false);
    const rows = await soql(
      `SELECT Role__c, Credit_Percent__c, Model__c, Evidence__c FROM PS_Partner_Attribution__c WHERE Opportunity__c = '${id}' ORDER BY Role__c, Evidence__c`,
    );
    const influenced = (p: string) => ({
      Role__c: 'Influenced',
      Credit_Percent__c: 50,
      Model__c: 'Split equally between 2 partners',
      Evidence__c: `Influenced by ${p}: 50 % (split equally between 2 partners). ${p} was added as a partner on this opportunity on ${added}; touches count from ${windowStart(created)}`,
    });
    expect(rows).toMatchObject([
      influenced('Contoso Integrations GmbH'),
      influenced('Fabrikam Cloud Ltd'),
      {
        Role__c: 'Sourced',
        Credit_Percent__c: 100,
        Model__c: 'All sourcing credit to one partner',
        Evidence__c: `Sourced by Northwind Resellers: its approved registration became this opportunity on ${day(created)}`,
      },
    ]);
    expectNoIdOrToken(rows.flatMap((r) => [r['Model__c'], r['Evidence__c']]));
  });

  it('provisions plain labels with help text a rep can read', async () => {
    const lead = await sf.sobject('Lead').describe();
    const field = (name: string) => lead.fields.find((f) => f.name === name);
    expect(field('PS_Duplicate_Likelihood__c')).toMatchObject({
      label: 'Duplicate Likelihood',
      type: 'percent',
    });
    expect(field('PS_Duplicate_Of_Lead__c')).toMatchObject({
      label: 'Duplicate Of Lead',
      referenceTo: ['Lead'],
    });
    expect(field('PS_Duplicate_Of_Contact__c')).toMatchObject({ referenceTo: ['Contact'] });
    const ours = lead.fields.filter((f) => f.name.startsWith('PS_'));
    expect(ours.filter((f) => f.label.startsWith('PS ') || (f.inlineHelpText ?? '') === '')).toEqual([]);
  });
});

describe('HubSpot, read back through @hubspot/api-client', () => {
  it('shows a duplicate by name with a percentage and says why the emails differ', async () => {
    const page = await hs.crm.contacts.basicApi.getPage(100, undefined, [
      'email',
      'ps_duplicate_status',
      'ps_duplicate_of_name',
      'ps_duplicate_likelihood',
      'ps_duplicate_reason',
    ]);
    const jon = page.results.find((c) => c.properties['email'] === 'jonathan.smith+events@acme.example');
    expect(jon?.properties).toMatchObject({
      ps_duplicate_status: 'Duplicate',
      ps_duplicate_of_name: 'Jonathan Smith',
      ps_duplicate_likelihood: '99',
      ps_duplicate_reason:
        'Very likely duplicate, 99 %: same mailbox (ignoring the +tag); same phone; same last name Smith; company Acme Corporation = ACME Corp.; same company domain acme.example; first name Jonathan ≈ Jon (nickname)',
    });
  });

  it('explains registrations with names and dates, and names the sourcing partner beside its id', async () => {
    const regs = await hs.crm.objects.basicApi.getPage(
      `p${HS_PORTAL_ID}_ps_deal_registration`,
      100,
      undefined,
      [
        'ps_customer_company',
        'ps_partner_name',
        'ps_status',
        'ps_reason',
        'ps_submitted_at',
        'ps_decided_at',
        'ps_expires_on',
      ],
    );
    const by = (c: string) => regs.results.find((r) => r.properties['ps_customer_company'] === c)?.properties;
    const deals = await hs.crm.deals.basicApi.getPage(100, undefined, [
      'dealname',
      'createdate',
      'ps_sourcing_partner_name',
      'ps_attribution_model',
      'ps_influencing_partners',
    ]);
    const deal = deals.results.find((d) => d.properties['dealname'] === 'Stark Industries - Platform');
    const expires = String(by('Stark Industries')?.['ps_expires_on']);
    expect(by('Stark Industries')).toMatchObject({
      ps_partner_name: 'Northwind Resellers',
      ps_status: 'converted',
      ps_reason: `Converted into the opportunity “Stark Industries - Platform”, created ${day(String(deal?.properties['createdate']))}`,
    });
    expect(by('Stark Ind.')).toMatchObject({
      ps_partner_name: 'Contoso Integrations GmbH',
      ps_status: 'rejected',
      ps_reason: `Rejected: registered first by Northwind Resellers, protected until ${day(expires)} (same customer domain stark.example)`,
    });
    for (const r of regs.results) {
      expect(r.properties['ps_submitted_at']).toEqual(expect.any(String));
      expect(r.properties['ps_decided_at']).toEqual(expect.any(String));
    }
    expectNoIdOrToken(regs.results.map((r) => r.properties['ps_reason']));
    expect(deal?.properties).toMatchObject({
      ps_sourcing_partner_name: 'Northwind Resellers',
      ps_attribution_model: 'Split equally between 2 partners',
      ps_influencing_partners: 'Contoso Integrations GmbH;Fabrikam Cloud Ltd',
    });
    const rows = await hs.crm.objects.basicApi.getPage(
      `p${HS_PORTAL_ID}_ps_partner_attribution`,
      100,
      undefined,
      ['ps_model', 'ps_evidence'],
    );
    const contoso = rows.results.find((r) => r.properties['ps_evidence']?.includes('Contoso'));
    expect(contoso?.properties['ps_model']).toBe('Split equally between 2 partners');
    expect(contoso?.properties['ps_evidence']).toMatch(
      /^Influenced by Contoso Integrations GmbH: 50 % \(split equally between 2 partners\)\. Contoso Integrations GmbH was associated with this deal as a partner on \d{1,2} [A-Z][a-z]{2}; touches count from \d{1,2} [A-Z][a-z]{2} \d{4}$/,
    );
    expectNoIdOrToken(rows.results.flatMap((r) => [r.properties['ps_model'], r.properties['ps_evidence']]));
  });
});
