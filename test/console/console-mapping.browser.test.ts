import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMBEDDED_HUBSPOT, EMBEDDED_SALESFORCE } from '../../src/embedded/start-embedded-stack.js';
import { launchChromium, loginInBrowser, screenshot } from './browser.js';
import {
  CONSOLE_ADMIN_TOKEN,
  CONSOLE_SF_TOKEN,
  type ConsoleStack,
  startConsoleStack,
} from './console-harness.js';

describe('admin console in Chromium: login, scoping, mappings', () => {
  let c: ConsoleStack;
  let browser: Browser;
  beforeAll(async () => {
    [c, browser] = await Promise.all([startConsoleStack(), launchChromium()]);
  }, 120_000);
  afterAll(async () => {
    await browser.close();
    await c.stop();
  });

  const activeVersion = async (): Promise<number | null> => {
    const res = await fetch(
      `${c.stack.service.url ?? ''}/admin/connections/${EMBEDDED_SALESFORCE}/mapping/versions`,
      {
        headers: { authorization: `Bearer ${CONSOLE_ADMIN_TOKEN}` },
      },
    );
    return ((await res.json()) as { active: number | null }).active;
  };

  it('logs in and out; a page after logout asks for the token again', async () => {
    const page = await browser.newPage();
    await loginInBrowser(page, c.consoleUrl, CONSOLE_ADMIN_TOKEN);
    await expect(page.getByRole('heading', { name: /sandbox-salesforce/ }).count()).resolves.toBe(1);
    await expect(page.getByRole('heading', { name: /sandbox-hubspot/ }).count()).resolves.toBe(1);
    const cookies = await page.context().cookies();
    expect(cookies.find((k) => k.name === 'psc_session')).toMatchObject({
      httpOnly: true,
      sameSite: 'Strict',
    });
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByLabel('Admin token').waitFor();
    await page.goto(`${c.consoleUrl}/`);
    expect(page.url()).toBe(`${c.consoleUrl}/login`);
    await page.close();
  });

  it("shows a connection token only its own connection and refuses the other's pages", async () => {
    const page = await browser.newPage();
    await loginInBrowser(page, c.consoleUrl, CONSOLE_SF_TOKEN);
    await expect(page.getByRole('heading', { name: /sandbox-salesforce/ }).count()).resolves.toBe(1);
    expect(await page.content()).not.toContain(EMBEDDED_HUBSPOT);
    const other = await page.goto(`${c.consoleUrl}/connections/${EMBEDDED_HUBSPOT}/mapping`);
    expect(other?.status()).toBe(403);
    await page.close();
  });

  it('shows a mapping error at its line, previews a record, activates a version and rolls back', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('console', (m) => {
      // A 422 page answer is logged as a failed load; anything else (a CSP refusal, a script error) is not expected.
      if (m.type() === 'error' && !m.text().includes('status of 422')) errors.push(m.text());
    });
    await loginInBrowser(page, c.consoleUrl, CONSOLE_ADMIN_TOKEN);
    await page.getByRole('link', { name: 'Edit mapping' }).first().click();
    await page.getByRole('heading', { name: `Mapping of ${EMBEDDED_SALESFORCE}` }).waitFor();
    const editor = page.getByLabel('Mapping (YAML)');
    const original = await editor.inputValue();
    const lines = original.split('\n');
    const line = lines.findIndex((l) => l.includes('transform: trim')) + 1;
    expect(line).toBeGreaterThan(0);
    const broken = lines.map((l, i) =>
      i === line - 1 ? l.replace('transform: trim', 'transform: trimm') : l,
    );
    await editor.fill(broken.join('\n'));
    await page.getByRole('button', { name: 'Save as new version' }).click();
    const marked = page.locator(`#line-${line}`);
    await expect(marked.getAttribute('class')).resolves.toBe('issue');
    await expect(marked.textContent()).resolves.toContain('unknown transform "trimm"');
    await expect(page.getByRole('link', { name: `Line ${line}` }).count()).resolves.toBe(1);
    await screenshot(page, 'mapping-issue');
    expect(await activeVersion()).toBeNull();

    // Fixed: stored as version 1, not yet active.
    await page
      .getByLabel('Mapping (YAML)')
      .fill(original.replace('timeZone: America/Los_Angeles', 'timeZone: America/New_York'));
    await page.getByLabel('Note').fill('New York time zone');
    await page.getByRole('button', { name: 'Save as new version' }).click();
    await page.getByText('Saved version 1.').waitFor();
    expect(await activeVersion()).toBeNull();

    const lead = c.stack.salesforce.store.list('Lead')[0];
    if (lead === undefined) throw new Error('the seeded sandbox has no Lead');
    await page.getByLabel('CRM object').fill('Lead');
    await page.getByLabel('Record id').fill(lead.id);
    await page.getByLabel('Version', { exact: true }).selectOption('1');
    await page.getByRole('button', { name: 'Preview' }).click();
    const preview = page.locator('#preview');
    await preview.waitFor();
    await expect(preview.textContent()).resolves.toContain('person');
    await expect(preview.textContent()).resolves.toContain(String(lead.fields['Email'] ?? ''));
    await screenshot(page, 'mapping-preview');

    await page.getByRole('button', { name: 'Activate version 1' }).click();
    await page.getByText('Version 1 is active.').waitFor();
    expect(await activeVersion()).toBe(1);
    await page.getByRole('button', { name: 'Roll back to the previously active version' }).click();
    await page.getByText('Rolled back: the mapping file is active.').waitFor();
    expect(await activeVersion()).toBeNull();
    const audit = await page.locator('#audit tbody tr td:nth-child(3)').allTextContents();
    expect(audit.slice(0, 3)).toEqual(['rollback', 'activate', 'put']);
    await page.getByLabel('From', { exact: true }).selectOption('file');
    await page.getByLabel('To', { exact: true }).selectOption('1');
    await page.getByRole('button', { name: 'Diff' }).click();
    await expect(page.locator('#diff').textContent()).resolves.toContain('~ defaults');
    expect(errors).toEqual([]);
    await page.close();
  });
});
