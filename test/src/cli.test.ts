import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

describe('partnersync CLI configuration errors', () => {
  it('exits non-zero naming PORT when it is not a number', async () => {
    const result = await runCli(['start'], { PORT: 'abc' });
    expect(result.code).toBe(78);
    expect(result.stderr).toContain('PORT');
  });

  it('exits non-zero naming each bad variable when a configured connection lacks its token', async () => {
    const result = await runCli(['serve'], {
      PORT: 'abc',
      HUBSPOT_PORTAL_ID: '62515',
      SALESFORCE_ORG_ID: '00D000000000001AAA',
    });
    expect(result.code).toBe(78);
    expect(result.stderr).toMatch(/PORT/);
    expect(result.stderr).toMatch(/HUBSPOT_ACCESS_TOKEN/);
    expect(result.stderr).toMatch(/SALESFORCE_ACCESS_TOKEN/);
  });

  it('prints help for every command', async () => {
    const result = await runCli(['--help'], {});
    expect(result.code).toBe(0);
    for (const command of ['start', 'serve', 'worker', 'config']) expect(result.stdout).toContain(command);
  });
});
