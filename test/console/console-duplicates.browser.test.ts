import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminActor } from '../../connectors/sandbox/salesforce/org.js';
import { EMBEDDED_SALESFORCE } from '../../src/embedded/start-embedded-stack.js';
import { createPairReviewStore } from '../../src/store/pair-review-store.js';
import { settle, syncEverything } from '../pipeline/stack-helpers.js';
import { launchChromium, loginInBrowser, screenshot } from './browser.js';
import { CONSOLE_ADMIN_TOKEN, type ConsoleStack, startConsoleStack } from './console-harness.js';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('admin console duplicates in Chromium', () => {
  let c: ConsoleStack;
  let browser: Browser;
  let jon = '';
  let jonathan = '';
  beforeAll(async () => {
    [c, browser] = await Promise.all([startConsoleStack(), launchChromium()]);
    const sf = c.stack.salesforce;
    // One person entered twice: the older lead is the one to keep.
    jonathan = sf.store.create(
      'Lead',
      {
        FirstName: 'Jonathan',
        LastName: 'Smithers',
        Email: 'jonathan.smithers@initech.example',
        Company: 'Initech',
        Status: 'Open - Not Contacted',
      },
      adminActor,
    ).id;
    await sleep(20);
    jon = sf.store.create(
      'Lead',
      {
        FirstName: 'Jon',
        LastName: 'Smithers',
        Email: 'Jonathan.Smithers+events@INITECH.example',
        Company: 'Initech Corp.',
        Status: 'Open - Not Contacted',
      },
      adminActor,
    ).id;
    await syncEverything(c.stack, 60_000);
    await settle(c.stack);
  }, 120_000);
  afterAll(async () => {
    await browser.close();
    await c.stop();
  });

  it('dismisses a flagged pair: the CRM shows Not a duplicate, and it stays dismissed after a re-sync', async () => {
    const status = (): unknown =>
      c.stack.salesforce.store.getAny('Lead', jon)?.fields['PS_Duplicate_Status__c'];
    expect(status()).toMatch(/Duplicate/);
    const page = await browser.newPage();
    await loginInBrowser(page, c.consoleUrl, CONSOLE_ADMIN_TOKEN);
    await page.getByRole('link', { name: 'Duplicates' }).click();
    await page.getByRole('heading', { name: 'Duplicates to review', level: 1 }).waitFor();
    await page.getByLabel('Connection').selectOption(EMBEDDED_SALESFORCE);
    await page.getByRole('button', { name: 'Show' }).click();
    const card = page.locator(`section.duplicate-pair[data-record="${jon}"]`);
    await card.waitFor();
    // Side by side, shared values marked; the first name differs and is not.
    const lastName = card.getByRole('row', { name: /Last name/ });
    expect(await lastName.locator('mark').allTextContents()).toEqual(['Smithers', 'Smithers']);
    expect(
      await card
        .getByRole('row', { name: /First name/ })
        .locator('mark')
        .count(),
    ).toBe(0);
    await card.locator('mark').first().scrollIntoViewIfNeeded();
    await screenshot(page, 'duplicates');

    await card.getByRole('button', { name: 'Not a duplicate' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `${jon} and ${jonathan}: dismissed` })
      .waitFor();
    expect(await page.locator(`section.duplicate-pair[data-record="${jon}"]`).count()).toBe(0);
    await settle(c.stack);
    expect(status()).toBe('Not a duplicate');

    // A re-sync of everything and a re-check of both records change nothing.
    await sleep(1_100);
    await syncEverything(c.stack, 60_000);
    await c.stack.service.deps.scheduler.detectDuplicates(EMBEDDED_SALESFORCE, [jon, jonathan]);
    await settle(c.stack);
    expect(status()).toBe('Not a duplicate');
    const reviews = createPairReviewStore(c.stack.service.deps.redis, c.stack.service.deps.keys);
    expect(await reviews.ofRecord(EMBEDDED_SALESFORCE, jon)).toMatchObject([
      { verdict: 'dismissed', by: 'admin', source: 'console' },
    ]);
    await page.reload();
    expect(await page.locator(`section.duplicate-pair[data-record="${jon}"]`).count()).toBe(0);
    await page.close();
  });
});
