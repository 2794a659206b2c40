import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { hubspotDefaultSchema } from '../../../connectors/hubspot/default-schema.js';
import { UNLIMITED_GATE } from '../../../connectors/rate-budget.js';
import { createConnector } from '../../../connectors/registry.js';
import { salesforceDefaultSchema } from '../../../connectors/salesforce/default-schema.js';
import {
  type HubspotSandbox,
  type SalesforceSandbox,
  startHubspotSandbox,
  startSalesforceSandbox,
} from '../../../connectors/sandbox/start-sandboxes.js';
import { defaultMappingPath } from '../../../mappings/load-mapping-file.js';
import { runCli } from '../../helpers/cli.js';
import { deleteKeys, TEST_REDIS_URL, testPrefix, workerRedis } from '../../helpers/redis.js';

/** `partnersync mappings validate FILE --connection ID` against provisioned sandboxes, through the real CLI. */

const prefix = testPrefix();
let dir: string;
let sf: SalesforceSandbox;
/** A Salesforce org with multiple currencies, state/country picklists and partner accounts on. */
let sfFull: SalesforceSandbox;
let hs: HubspotSandbox;

const sfConnection = (id: string, sb: SalesforceSandbox) => ({
  id,
  provider: 'salesforce',
  loginUrl: sb.url,
  auth: { type: 'access_token', accessToken: sb.credentials.accessToken, instanceUrl: sb.url },
  limits: { perSecond: 1_000 },
});

beforeAll(async () => {
  sf = await startSalesforceSandbox();
  sfFull = await startSalesforceSandbox({
    features: { multiCurrency: true, stateCountryPicklists: true, partnerAccounts: true },
  });
  hs = await startHubspotSandbox({ rateLimits: { tenSecondly: 10_000 } });
  const connections = [
    sfConnection('sf', sf),
    sfConnection('sf-full', sfFull),
    {
      id: 'hs',
      provider: 'hubspot',
      baseUrl: hs.url,
      auth: { type: 'private_app', accessToken: hs.credentials.accessToken },
      limits: { burstPer10s: 10_000 },
    },
  ];
  const signal = AbortSignal.timeout(30_000);
  for (const c of connections) {
    const schema = c.provider === 'salesforce' ? salesforceDefaultSchema(false) : hubspotDefaultSchema(false);
    await createConnector(c, { gate: UNLIMITED_GATE }).ensureSchema(schema, { signal });
  }
  dir = await mkdtemp(join(tmpdir(), 'ps-validate-live-'));
  await writeFile(join(dir, 'connections.yaml'), stringify({ connections }));
});

afterAll(async () => {
  await Promise.all([sf.close(), sfFull.close(), hs.close()]);
  await rm(dir, { recursive: true, force: true });
  const redis = workerRedis();
  await deleteKeys(redis, `${prefix}:*`);
  await redis.quit();
});

const validate = (file: string, connection: string) =>
  runCli(
    ['mappings', 'validate', file, '--connection', connection],
    {
      REDIS_URL: TEST_REDIS_URL,
      REDIS_AUTOSTART: 'false',
      REDIS_PREFIX: prefix,
      CONNECTIONS_FILE: join(dir, 'connections.yaml'),
    },
    60_000,
  );

/** The default mapping of `provider` with one line replaced, written to the temp dir. */
async function broken(provider: 'salesforce' | 'hubspot', from: string, to: string): Promise<string> {
  const text = await readFile(defaultMappingPath(provider), 'utf8');
  expect(text.split(from)).toHaveLength(2);
  const file = join(dir, `${provider}-${to.replace(/\W+/g, '_')}.yaml`);
  await writeFile(file, text.replace(from, to));
  return file;
}

describe('partnersync mappings validate --connection', () => {
  it.each([
    ['salesforce', 'sf'],
    ['hubspot', 'hs'],
  ] as const)('the %s default mapping fits the provisioned sandbox', async (provider, connection) => {
    const result = await validate(defaultMappingPath(provider), connection);
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(new RegExp(`OK \\(${provider}, .*fits connection ${connection}\\)`));
    expect(result.code).toBe(0);
    // Every line before OK is a note (a field only some orgs have), never an issue.
    const lines = result.stdout.trim().split('\n');
    expect(lines.slice(0, -1).filter((l) => !l.startsWith('note: '))).toEqual([]);
  });

  it('notes, without failing, the Salesforce fields that only exist with an org setting on', async () => {
    const plain = await validate(defaultMappingPath('salesforce'), 'sf');
    expect(plain.code).toBe(0);
    expect(plain.stdout).toContain(
      'note: ' +
        `${defaultMappingPath('salesforce')} objects.opportunity.fields.currency.from: Opportunity has no ` +
        'field "CurrencyIsoCode" (only orgs with multiple currencies enabled have it); it reads as empty',
    );
    expect(plain.stdout).toMatch(/objects\.lead\.fields\.phone\.transform: Lead has no field "CountryCode"/);
    // The same org with those settings on has every field, with a type that fits: no notes at all.
    const full = await validate(defaultMappingPath('salesforce'), 'sf-full');
    expect(full.stdout.trim().split('\n')).toEqual([
      expect.stringMatching(/OK \(salesforce, .*fits connection sf-full\)$/),
    ]);
    expect(full.code).toBe(0);
  });

  it('exits 1 naming the path, field and object of a field the CRM does not have', async () => {
    const file = await broken(
      'salesforce',
      '      company: { from: Company, transform: trim }\n',
      '      company: { from: Compnay, transform: trim }\n',
    );
    const result = await validate(file, 'sf');
    expect(result.stdout).toContain(
      `${file} objects.lead.fields.company.from: Lead has no field "Compnay" (did you mean "Company"?)`,
    );
    expect(result.stdout).not.toMatch(/: OK \(/);
    expect(result.code).toBe(1);
  });

  it.each([
    [
      'salesforce',
      'sf',
      '      city: BillingCity\n',
      '      city: NumberOfEmployees\n',
      'objects.account.fields.city.from: Account.NumberOfEmployees is a int field, but city is a string',
    ],
    [
      'hubspot',
      'hs',
      '      name: dealname\n',
      '      name: amount\n',
      'objects.deal.fields.name.from: deals.amount is a number field, but name is a string',
    ],
  ] as const)(
    '%s: exits 1 naming the path, field and object of a type mismatch',
    async (p, c, from, to, want) => {
      const file = await broken(p, from, to);
      const result = await validate(file, c);
      expect(result.stdout).toContain(`${file} ${want} (add a transform)`);
      expect(result.code).toBe(1);
    },
  );

  it('fails with one line on stderr for a connection that is not configured', async () => {
    const result = await validate(defaultMappingPath('hubspot'), 'nope');
    expect(result.stderr.trim()).toMatch(/cannot describe connection nope: .*nope/);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.code).toBe(1);
  });
});
