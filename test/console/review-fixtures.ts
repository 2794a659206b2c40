import type { SalesforceSandbox } from '../../connectors/sandbox/start-sandboxes.js';
import { submitRegistrations } from '../../src/embedded/demo-activity.js';
import type { EmbeddedStack } from '../../src/embedded/start-embedded-stack.js';
import { EMBEDDED_SALESFORCE } from '../../src/embedded/start-embedded-stack.js';
import { createRulesStore } from '../../src/store/rules-store.js';
import { settle } from '../pipeline/stack-helpers.js';

/**
 * The demo's registrations with an auto-approval ceiling of 50,000 USD: Northwind's 120,000 Wayne
 * Enterprises deal and Contoso's later one for the same customer wait for a person (pending_review).
 */
export async function submitPendingRegistrations(stack: EmbeddedStack): Promise<void> {
  const { redis, keys } = stack.service.deps;
  await createRulesStore(redis, keys).set(EMBEDDED_SALESFORCE, {
    registration: { autoApproval: { maxAmount: 50_000 } },
  });
  submitRegistrations(stack.salesforce);
  await settle(stack, 60_000);
}

/** The registration's id in the sandbox, by its Name (`<company> via <partner>`). */
export function registrationIdByName(sb: SalesforceSandbox, name: string): string {
  const found = sb.store.list('PS_Deal_Registration__c').filter((r) => r.fields['Name'] === name);
  if (found.length !== 1 || found[0] === undefined)
    throw new Error(`${found.length} registrations named ${name}`);
  return found[0].id;
}

/** The registration as a Salesforce REST client reads it from the sandbox. */
export async function readRegistration(
  sb: SalesforceSandbox,
  id: string,
): Promise<{ Status__c?: unknown; Reason__c?: unknown; Expires_On__c?: unknown }> {
  const res = await fetch(`${sb.url}/services/data/v60.0/sobjects/PS_Deal_Registration__c/${id}`, {
    headers: { authorization: `Bearer ${sb.credentials.accessToken}` },
  });
  if (res.status !== 200) throw new Error(`sandbox answered ${res.status} for registration ${id}`);
  return (await res.json()) as { Status__c?: unknown; Reason__c?: unknown; Expires_On__c?: unknown };
}
