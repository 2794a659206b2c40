import { describe, expect, it } from 'vitest';
import { runDemo } from '../../../src/embedded/run-demo.js';
import { createLogger } from '../../../src/core/logger.js';
import { deleteKeys, TEST_REDIS_URL, workerRedis } from '../../helpers/redis.js';

describe('npm run demo', () => {
  it(
    'decides the HubSpot registrations and attributes the HubSpot deal, as it does in Salesforce',
    { timeout: 180_000 },
    async () => {
      const demo = await runDemo(createLogger({ level: 'silent' }), { redis: TEST_REDIS_URL });
      const prefix = demo.stack.service.deps.keys.prefix;
      try {
        const hs = demo.summary.registrations.filter((r) => r.crm === 'HubSpot');
        expect(hs.map((r) => [r.customer, r.partner, r.status])).toEqual([
          ['Stark Industries', 'Northwind Resellers', 'converted'],
          ['Stark Ind.', 'Contoso Integrations GmbH', 'rejected'],
          ['Globex', 'Fabrikam Cloud Ltd', 'rejected'],
          ['Stark Industries Inc', 'Northwind Resellers', 'rejected'],
        ]);
        expect(hs.every((r) => r.reason !== '')).toBe(true);
        expect(hs[2]?.reason).toMatch(/already has the open opportunity “/);
        expect(demo.summary.revenue.filter((r) => r.crm === 'HubSpot')).toEqual([
          { crm: 'HubSpot', partner: 'Northwind Resellers', sourced: 80_000, influenced: 0 },
          { crm: 'HubSpot', partner: 'Contoso Integrations GmbH', sourced: 0, influenced: 40_000 },
          { crm: 'HubSpot', partner: 'Fabrikam Cloud Ltd', sourced: 0, influenced: 40_000 },
        ]);
        const deal = demo.stack.hubspot.store
          .list('deals')
          .find((d) => d.fields['dealname'] === 'Stark Industries - Platform');
        expect(deal?.fields).toMatchObject({
          ps_partner_sourced: 'true',
          ps_partner_influenced: 'true',
          ps_influencing_partners: 'Contoso Integrations GmbH;Fabrikam Cloud Ltd',
        });
        // Every write-back succeeded: nothing parked for an admin.
        expect(await demo.stack.service.deps.writeBack.rejections('sandbox-hubspot')).toEqual([]);
      } finally {
        await demo.stop();
        const admin = workerRedis();
        await deleteKeys(admin, `*${prefix}*`);
        await admin.quit();
      }
    },
  );
});
