import { describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/cli.js';
import { TEST_REDIS_URL } from '../../helpers/redis.js';

interface Summary {
  duplicates: { crm: string; name: string; status: string; of: string; reason: string }[];
  registrations: { crm: string; customer: string; partner: string; status: string; reason: string }[];
  revenue: { crm: string; partner: string; sourced: number; influenced: number }[];
  apiCalls: { salesforce: { writes: number; minimumWriteCalls: number }; hubspot: { writes: number } };
  seconds: number;
}

describe('partnersync demo', () => {
  it('runs the embedded default end to end and exits 0 within 60 s with what reps would see', async () => {
    const result = await runCli(['demo', '--json'], { REDIS_URL: TEST_REDIS_URL }, 90_000);
    expect(result.code, result.stderr).toBe(0);
    const summary = JSON.parse(result.stdout.trim().split('\n').at(-1) ?? '{}') as Summary;
    expect(summary.seconds).toBeLessThan(60);

    const jon = summary.duplicates.filter((d) => d.name === 'Jon Smith');
    expect(jon.map((d) => d.crm).sort()).toEqual(['HubSpot', 'HubSpot', 'Salesforce']);
    for (const d of jon) {
      expect(d).toMatchObject({ status: 'Duplicate', of: 'Jonathan Smith' });
      expect(d.reason).toContain('first name Jonathan ≈ Jon (nickname)');
    }

    const byCustomer = Object.fromEntries(
      summary.registrations.map((r) => [`${r.customer}/${r.partner}`, r]),
    );
    expect(byCustomer['Wayne Enterprises/Northwind Resellers']?.status).toBe('Converted');
    expect(byCustomer['Wayne Ent./Contoso Integrations GmbH']?.reason).toMatch(
      /^Rejected: registered first by Northwind Resellers, protected until \d{1,2} \w{3} \d{4} \(same customer domain wayne\.example\)$/,
    );
    expect(byCustomer['Globex/Fabrikam Cloud Ltd']?.reason).toMatch(
      /^Rejected: Globex, Inc\. already has the open opportunity “/,
    );
    expect(byCustomer['Wayne Enterprises Inc/Northwind Resellers']?.reason).toMatch(
      /^Rejected: this partner already registered Wayne Enterprises on \d{1,2} \w{3} \d{4} /,
    );

    expect(summary.revenue).toEqual(
      expect.arrayContaining([
        { crm: 'Salesforce', partner: 'Northwind Resellers', sourced: 120_000, influenced: 0 },
        { crm: 'Salesforce', partner: 'Contoso Integrations GmbH', sourced: 0, influenced: 60_000 },
        { crm: 'Salesforce', partner: 'Fabrikam Cloud Ltd', sourced: 0, influenced: 60_000 },
      ]),
    );
    expect(summary.apiCalls.salesforce.writes).toBeGreaterThanOrEqual(
      summary.apiCalls.salesforce.minimumWriteCalls,
    );
  });
});
