/**
 * npm run bench:writeback — write-back API cost and rate-limit behaviour.
 * Drives the real write-back job (jobs/write-back/write-back.ts) with connections from `buildConnections`
 * pointing at the local CRM sandboxes, real stores on a real Redis (unique prefix, removed after), and
 * counts what the sandboxes saw:
 *  - salesforceCallsPer1000 / hubspotCallsPer1000: API calls per 1,000 changed records;
 *  - noopWrites: calls made when the same values are written again (must be 0);
 *  - against a HubSpot sandbox enforcing 100 requests / 10 s with a 20,000-write backlog:
 *    rateLimitedFailures (writes lost to 429s) and rateUtilization (achieved ÷ allowed request rate).
 * Progress goes to stderr; the last stdout line is one JSON object of the figures.
 */
import { hubspotDefaultSchema } from '../connectors/hubspot/default-schema.js';
import { salesforceDefaultSchema } from '../connectors/salesforce/default-schema.js';
import { startHubspotSandbox, startSalesforceSandbox } from '../connectors/sandbox/start-sandboxes.js';
import { ensureRedis } from '../src/queue/local-redis.js';
import { createRedis } from '../src/queue/redis.js';
import { addRecords, buildBed, drain, log, provision, updates } from './writeback-bed.js';

const RECORDS = 5_000;
const BACKLOG = 20_000;
const ALLOWED_PER_10S = 100;
const BATCH_UPDATE = 'POST /crm/objects/2026-03/:objectType/batch/update';

const endpoint = await ensureRedis(process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379', { autostart: true });
const redis = createRedis(endpoint.target, 'worker');
const sf = await startSalesforceSandbox({ dailyApiLimit: 1_000_000 });
const hs = await startHubspotSandbox({ rateLimits: { tenSecondly: 1_000, searchPerSecond: 100 } });
const hsRate = await startHubspotSandbox({ rateLimits: { tenSecondly: ALLOWED_PER_10S } });
const bed = buildBed(redis, [
  {
    id: 'sf-bench',
    provider: 'salesforce',
    loginUrl: sf.url,
    auth: { type: 'access_token', accessToken: sf.credentials.accessToken, instanceUrl: sf.url },
    limits: { perSecond: 200, dailyLimit: 1_000_000 },
  },
  {
    id: 'hs-bench',
    provider: 'hubspot',
    baseUrl: hs.url,
    auth: { type: 'private_app', accessToken: hs.credentials.accessToken },
    limits: { burstPer10s: 1_000 },
  },
  {
    id: 'hs-rate',
    provider: 'hubspot',
    baseUrl: hsRate.url,
    auth: { type: 'private_app', accessToken: hsRate.credentials.accessToken },
    // The connection's budget is configured for what this portal enforces.
    limits: { burstPer10s: ALLOWED_PER_10S },
  },
]);

try {
  const started = performance.now();
  log('provisioning the default schema in both sandboxes');
  await provision(bed, 'sf-bench', salesforceDefaultSchema(false));
  await provision(bed, 'hs-bench', hubspotDefaultSchema(false));
  const contactsOnly = {
    dryRun: false,
    customObjects: [],
    fields: { contacts: hubspotDefaultSchema(false).fields.contacts ?? [] },
  };
  await provision(bed, 'hs-rate', contactsOnly);

  // 4,000 people and 1,000 opportunities changed, in each CRM.
  const leads = addRecords(sf.store, 'Lead', 4_000, (i) => ({
    LastName: `Lead ${i}`,
    Company: `Co ${i % 97}`,
  }));
  const opps = addRecords(sf.store, 'Opportunity', RECORDS - 4_000, (i) => ({
    Name: `Deal ${i}`,
    StageName: 'Prospecting',
    CloseDate: '2027-03-31',
  }));
  const contacts = addRecords(hs.store, 'contacts', 4_000, (i) => ({ email: `p${i}@bench.example` }));
  const deals = addRecords(hs.store, 'deals', RECORDS - 4_000, (i) => ({ dealname: `Deal ${i}` }));
  const sfWrites = [
    ...updates('Lead', 'Id', leads, (i) => ({
      PS_Duplicate_Status__c: i % 3 === 0 ? 'Duplicate' : 'Possible Duplicate',
      PS_Duplicate_Of__c: leads[0] ?? null,
      PS_Duplicate_Likelihood__c: 80 + (i % 20),
      PS_Duplicate_Reason__c: 'same email domain, phonetic name match',
    })),
    ...updates('Opportunity', 'Id', opps, (i) => ({
      PS_Partner_Sourced__c: i % 2 === 0,
      PS_Partner_Influenced__c: true,
      PS_Attribution_Model__c: 'position_based',
    })),
  ];
  const hsWrites = [
    ...updates('contacts', 'id', contacts, (i) => ({
      ps_duplicate_status: i % 3 === 0 ? 'Duplicate' : 'Possible Duplicate',
      ps_duplicate_of: contacts[0] ?? null,
      ps_duplicate_likelihood: String(80 + (i % 20)),
      ps_duplicate_reason: 'same email domain, phonetic name match',
    })),
    ...updates('deals', 'id', deals, (i) => ({
      ps_partner_sourced: String(i % 2 === 0),
      ps_partner_influenced: 'true',
      ps_attribution_model: 'position_based',
    })),
  ];

  log(`writing ${RECORDS} changed records to each CRM`);
  sf.counters.reset();
  hs.counters.reset();
  await bed.deps.writeBack.enqueue('sf-bench', sfWrites);
  await bed.deps.writeBack.enqueue('hs-bench', hsWrites);
  const sfStats = await drain(bed, 'sf-bench', 60_000);
  const hsStats = await drain(bed, 'hs-bench', 60_000);
  const salesforceCalls = sf.counters.total();
  const hubspotCalls = hs.counters.total();
  log(`  Salesforce: ${salesforceCalls} calls, ${sfStats.written} written, ${sfStats.rejected} rejected`);
  log(`  HubSpot:    ${hubspotCalls} calls, ${hsStats.written} written, ${hsStats.rejected} rejected`);

  log('writing the same values again (no-ops)');
  sf.counters.reset();
  hs.counters.reset();
  await bed.deps.writeBack.enqueue('sf-bench', sfWrites);
  await bed.deps.writeBack.enqueue('hs-bench', hsWrites);
  const noopStats = [await drain(bed, 'sf-bench', 30_000), await drain(bed, 'hs-bench', 30_000)];
  const noopWrites = sf.counters.total() + hs.counters.total();
  log(`  ${noopStats.reduce((n, s) => n + s.noops, 0)} skipped, ${noopWrites} calls`);

  log(`draining a ${BACKLOG}-write backlog against HubSpot enforcing ${ALLOWED_PER_10S} requests / 10 s`);
  const backlogIds = addRecords(hsRate.store, 'contacts', BACKLOG, (i) => ({ email: `b${i}@bench.example` }));
  await bed.deps.writeBack.enqueue(
    'hs-rate',
    updates('contacts', 'id', backlogIds, (i) => ({
      ps_duplicate_status: 'Unique',
      ps_duplicate_likelihood: String(i % 100),
    })),
  );
  hsRate.counters.reset();
  const t0 = performance.now();
  const progress = setInterval(() => {
    const done = hsRate.counters.get(BATCH_UPDATE);
    const s = (performance.now() - t0) / 1000;
    log(`  ${s.toFixed(0)} s: ${done} batch requests (${(done / s).toFixed(2)} req/s)`);
  }, 5_000);
  const rateStats = await drain(bed, 'hs-rate', 80_000);
  clearInterval(progress);
  const seconds = (performance.now() - t0) / 1000;
  const accepted = hsRate.counters.get(BATCH_UPDATE);
  // Requests HubSpot refused with 429 never reach a route, so they are counted under their raw path.
  const refused = hsRate.counters.get('POST /crm/objects/2026-03/contacts/batch/update');
  const rejections = await bed.deps.writeBack.rejections('hs-rate');
  const rateLimitedFailures =
    rejections.filter((r) => /RATE_LIMIT|429/.test(`${r.crmCode} ${r.message}`)).length +
    (await bed.deps.writeBack.pendingCount('hs-rate'));
  const rateUtilization = accepted / seconds / (ALLOWED_PER_10S / 10);
  log(
    `  ${rateStats.written} written in ${seconds.toFixed(1)} s: ${accepted} requests, ${refused} refused with 429`,
  );

  const figures = {
    salesforceCallsPer1000: Number(((salesforceCalls * 1000) / RECORDS).toFixed(2)),
    hubspotCallsPer1000: Number(((hubspotCalls * 1000) / RECORDS).toFixed(2)),
    noopWrites,
    rateLimitedFailures,
    rateUtilization: Number(rateUtilization.toFixed(3)),
    hubspot429s: refused,
    backlogSeconds: Number(seconds.toFixed(1)),
    totalSeconds: Number(((performance.now() - started) / 1000).toFixed(1)),
  };
  process.stdout.write(`${JSON.stringify(figures)}\n`);
} finally {
  await bed.close();
  redis.disconnect();
  await Promise.all([sf.close(), hs.close(), hsRate.close(), endpoint.stop()]);
}
