import { describe, it } from 'vitest';
import { runFaultScenario } from './fault-scenario.js';

/**
 * Issue 8 item 3: FAULT_SUITE_CHANGES (default 10,000) HubSpot contact changes plus the Salesforce
 * attribution scenario go through two `partnersync worker` processes while every CRM call has a 10 %
 * chance of a 429, 5xx or timeout, every webhook arrives three times out of order, one worker is
 * SIGKILLed and Redis (AOF) is restarted. The CRMs must end exactly in the expected state.
 */
const CHANGES = Number(process.env['FAULT_SUITE_CHANGES'] ?? 10_000);
const RATE = Number(process.env['FAULT_SUITE_RATE'] ?? 250);

describe('fault suite', () => {
  it(
    'ends in the exact expected CRM state through 429/5xx/timeouts, triple out-of-order webhooks, a SIGKILLed worker and a Redis restart',
    { timeout: 600_000 },
    () => runFaultScenario({ changes: CHANGES, rate: RATE }),
  );
});
