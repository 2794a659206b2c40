import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settle, syncEverything } from '../pipeline/stack-helpers.js';
import { launchChromium, loginInBrowser, screenshot } from './browser.js';
import {
  CONSOLE_ADMIN_TOKEN,
  CONSOLE_SF_TOKEN,
  type ConsoleStack,
  startConsoleStack,
} from './console-harness.js';
import { readRegistration, registrationIdByName, submitPendingRegistrations } from './review-fixtures.js';

const NORTHWIND = 'Wayne Enterprises via Northwind Resellers';
const CONTOSO = 'Wayne Ent. via Contoso Integrations GmbH';

describe('admin console review queue in Chromium', () => {
  let c: ConsoleStack;
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    [c, browser] = await Promise.all([startConsoleStack(), launchChromium()]);
    await syncEverything(c.stack, 60_000);
    await submitPendingRegistrations(c.stack);
    page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    // The connection's own token: the queue is kept to its connection like every admin route.
    await loginInBrowser(page, c.consoleUrl, CONSOLE_SF_TOKEN);
  }, 120_000);
  afterAll(async () => {
    await browser.close();
    await c.stop();
  });

  const card = (title: string) => page.getByRole('region', { name: title, exact: true });

  it('lists the registrations waiting for review with their conflicts in words', async () => {
    await page.getByRole('link', { name: 'Review' }).click();
    await page.getByRole('heading', { name: 'Review: deal registrations', level: 1 }).waitFor();
    await expect(card(NORTHWIND).textContent()).resolves.toContain(
      'Needs a person: amount 120000 USD vs auto-approval ceiling 50000',
    );
    const contoso = (await card(CONTOSO).textContent()) ?? '';
    expect(contoso).toMatch(
      /Northwind Resellers's registration for Wayne Enterprises submitted \d{1,2} [A-Z][a-z]{2} \d{4} is waiting for review \(same customer domain; needs a person to decide\)/,
    );
    expect(contoso).not.toContain(registrationIdByName(c.stack.salesforce, NORTHWIND));
    await screenshot(page, 'review-registrations');
  });

  it('rejects one with a reason and the CRM shows it', async () => {
    const id = registrationIdByName(c.stack.salesforce, CONTOSO);
    await card(CONTOSO).getByLabel(`Reason for ${CONTOSO}`).fill('Northwind brought this customer');
    await card(CONTOSO).getByRole('button', { name: 'Reject' }).click();
    await expect(page.getByRole('status').textContent()).resolves.toContain(`${CONTOSO}: rejected.`);
    await expect(card(CONTOSO).count()).resolves.toBe(0);
    await settle(c.stack, 60_000);
    const crm = await readRegistration(c.stack.salesforce, id);
    expect(crm).toMatchObject({
      Status__c: 'Rejected',
      Reason__c: 'Rejected on review: Northwind brought this customer',
    });
  });

  it('approves one and the CRM field changes to Approved', async () => {
    const id = registrationIdByName(c.stack.salesforce, NORTHWIND);
    expect((await readRegistration(c.stack.salesforce, id)).Status__c).toBe('Pending Review');
    // A second admin's tab, opened before the approval, still shows the registration as waiting.
    const stale = await browser.newPage();
    await loginInBrowser(stale, c.consoleUrl, CONSOLE_ADMIN_TOKEN);
    await stale.goto(`${c.consoleUrl}/review/registrations`);
    await card(NORTHWIND).getByLabel(`Reason for ${NORTHWIND}`).fill('strategic account');
    await card(NORTHWIND).getByRole('button', { name: 'Approve' }).click();
    await expect(page.getByRole('status').textContent()).resolves.toContain(`${NORTHWIND}: approved.`);
    await settle(c.stack, 60_000);
    const crm = await readRegistration(c.stack.salesforce, id);
    expect(crm.Status__c).toBe('Approved');
    expect(String(crm.Reason__c)).toMatch(/^Approved on review: strategic account; protected until /);
    // A verdict from the stale tab is refused with the reason, and the CRM keeps the approval.
    const staleCard = stale.getByRole('region', { name: NORTHWIND, exact: true });
    await staleCard.getByLabel(`Reason for ${NORTHWIND}`).fill('changed my mind');
    await staleCard.getByRole('button', { name: 'Reject' }).click();
    await expect(stale.getByRole('alert').textContent()).resolves.toContain(
      `${NORTHWIND} was not changed: Registration ${id} is approved, not pending_review`,
    );
    await stale.close();
    await settle(c.stack, 60_000);
    expect((await readRegistration(c.stack.salesforce, id)).Status__c).toBe('Approved');
    await page.getByRole('link', { name: 'Review' }).click();
    await expect(
      page.getByRole('heading', { name: /sandbox-salesforce: 0 waiting for review/ }).count(),
    ).resolves.toBe(1);
  });
});
