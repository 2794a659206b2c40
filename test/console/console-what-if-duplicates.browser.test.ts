import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMBEDDED_HUBSPOT, EMBEDDED_SALESFORCE } from '../../src/embedded/start-embedded-stack.js';
import { createRulesStore } from '../../src/store/rules-store.js';
import { settle, syncEverything, UI_USER } from '../pipeline/stack-helpers.js';
import { launchChromium, loginInBrowser, screenshot } from './browser.js';
import {
  CONSOLE_ADMIN_TOKEN,
  CONSOLE_SF_TOKEN,
  type ConsoleStack,
  startConsoleStack,
} from './console-harness.js';

const EMAIL = 'w.chen@othermail.example';

describe('admin console what-if for duplicate thresholds in Chromium', () => {
  let c: ConsoleStack;
  let browser: Browser;
  let page: Page;
  const crmStatus = (email: string): unknown =>
    c.stack.salesforce.store.list('Lead').find((r) => r.fields['Email'] === email)?.fields[
      'PS_Duplicate_Status__c'
    ];

  beforeAll(async () => {
    [c, browser] = await Promise.all([startConsoleStack(), launchChromium()]);
    await syncEverything(c.stack, 60_000);
    // Same name and company as the seed's Wei Chen, another mailbox: a match scored about 0.92.
    c.stack.salesforce.store.create(
      'Lead',
      { FirstName: 'Wei', LastName: 'Chen', Company: 'Globex', Email: EMAIL },
      UI_USER,
    );
    await settle(c.stack, 60_000);
    page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    await loginInBrowser(page, c.consoleUrl, CONSOLE_ADMIN_TOKEN);
  }, 120_000);
  afterAll(async () => {
    await browser.close();
    await c.stop();
  });

  it('shows on the connections page when the last change was received, after it was processed', async () => {
    await page.getByRole('link', { name: 'Connections' }).click();
    const last = await page.getByTestId(`last-change-${EMBEDDED_SALESFORCE}`).textContent();
    expect(last).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$/);
    const text = (await page.locator('main').innerText()).replace(/\s+/g, ' ');
    expect(text).toMatch(/search: [\d.]+ of 1 per 333 ms in use now/);
    await screenshot(page, 'connections');
  });

  const showChanges = async (duplicate: string) => {
    await page.getByRole('link', { name: 'What-if' }).click();
    await page.getByLabel('Connection').selectOption(EMBEDDED_SALESFORCE);
    await page.getByLabel('Duplicate at score ≥', { exact: true }).fill(duplicate);
    await page.getByRole('button', { name: 'Show changes' }).click();
    await page.locator('#whatif-dup-h').waitFor();
  };

  it('lists the duplicate fields a stricter threshold would change, then applies it through the write-back', async () => {
    expect(crmStatus(EMAIL)).toBe('Duplicate');
    const all = c.stack.salesforce.store.list('Lead').map((r) => r.fields['PS_Duplicate_Status__c']);

    await showChanges('0.95');
    await expect(page.locator('#whatif-dup-h').textContent()).resolves.toMatch(
      /1 of 17 leads and contacts would change their duplicate fields \(duplicate at\s+0\.95, possible at 0\.6\)/,
    );
    const rows = await page.locator('#what-if-duplicates tbody tr').allInnerTexts();
    expect(rows).toEqual([
      `Wei Chen <${EMAIL}>\tlead\tduplicate of Wei Chen <wei.chen@globex.example> (92%)\tpossible duplicate of Wei Chen <wei.chen@globex.example> (92%)`,
    ]);
    await screenshot(page, 'what-if-duplicates');
    // The dry run wrote nothing.
    expect(c.stack.salesforce.store.list('Lead').map((r) => r.fields['PS_Duplicate_Status__c'])).toEqual(all);
    const { redis, keys } = c.stack.service.deps;
    expect((await createRulesStore(redis, keys).get(EMBEDDED_SALESFORCE)).duplicates.duplicate).toBe(0.9);

    await page.getByRole('button', { name: 'Apply and write back' }).click();
    await page
      .getByText(/Duplicate thresholds 0\.95 \/ 0\.6: 1 lead\(s\) and contact\(s\) are being re-checked/)
      .waitFor();
    await settle(c.stack, 60_000);
    expect(crmStatus(EMAIL)).toBe('Possible Duplicate');
    expect((await createRulesStore(redis, keys).get(EMBEDDED_SALESFORCE)).duplicates).toEqual({
      duplicate: 0.95,
      possible: 0.6,
    });
    // Applied: the same thresholds change nothing more.
    await showChanges('0.95');
    await expect(page.locator('#whatif-dup-h').textContent()).resolves.toMatch(/^\s*0 of 17 leads/);
  });

  it('refuses a threshold pair that does not fit the stored one, with the reason, and changes nothing', async () => {
    await page.getByRole('link', { name: 'What-if' }).click();
    await page.getByLabel('Connection').selectOption(EMBEDDED_SALESFORCE);
    await page.getByLabel('Possible duplicate at score ≥').fill('0.99');
    await page.getByRole('button', { name: 'Show changes' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain(
      'possible threshold must not exceed duplicate threshold',
    );
    expect(crmStatus(EMAIL)).toBe('Possible Duplicate');
  });

  it('is an admin API route: bad bodies are 400 with the field, another connection is 403', async () => {
    const post = (id: string, token: string, body: unknown) =>
      fetch(`${c.stack.service.url ?? ''}/admin/connections/${id}/duplicates/recompute`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const bad = await post(EMBEDDED_SALESFORCE, CONSOLE_ADMIN_TOKEN, { duplicate: 1.5 });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({
      error: { code: 'bad_request', issues: [{ path: 'body.duplicate' }] },
    });
    const other = await post(EMBEDDED_HUBSPOT, CONSOLE_SF_TOKEN, { duplicate: 0.95 });
    expect(other.status).toBe(403);
    const own = await post(EMBEDDED_SALESFORCE, CONSOLE_SF_TOKEN, { duplicate: 0.95 });
    expect(own.status).toBe(200);
    expect(await own.json()).toMatchObject({ dryRun: true, changed: 0, people: 17 });
  });
});
