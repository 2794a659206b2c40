import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeDemoEnv } from '../../src/embedded/demo-env.js';
import { EMBEDDED_SALESFORCE } from '../../src/embedded/start-embedded-stack.js';
import { runCli } from '../helpers/cli.js';
import { TEST_REDIS_URL } from '../helpers/redis.js';
import { settle, syncEverything } from '../pipeline/stack-helpers.js';
import { openRegisteredDeal, submitRegistrations } from '../../src/embedded/demo-activity.js';
import { launchChromium, loginInBrowser, screenshot } from './browser.js';
import { CONSOLE_ADMIN_TOKEN, type ConsoleStack, startConsoleStack } from './console-harness.js';

const FROM = '2000-01-01';
const TO = '2099-12-31';

describe('admin console report in Chromium', () => {
  let c: ConsoleStack;
  let browser: Browser;
  let dir: string;
  beforeAll(async () => {
    [c, browser, dir] = await Promise.all([
      startConsoleStack(),
      launchChromium(),
      mkdtemp(join(tmpdir(), 'console-report-')),
    ]);
    await syncEverything(c.stack, 60_000);
    // The demo's partner activity: registrations, then the registered deal with two more partners on it.
    submitRegistrations(c.stack.salesforce);
    await settle(c.stack);
    openRegisteredDeal(c.stack.salesforce);
    await settle(c.stack);
  }, 120_000);
  afterAll(async () => {
    await browser.close();
    await c.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it("shows per-partner revenue whose totals and CSV match the CLI's report attribution", async () => {
    // The CLI runs as a user would after `demo --keep`: with demo.env's variables.
    const files = await writeDemoEnv({
      dir,
      redisEnv: { REDIS_URL: TEST_REDIS_URL },
      redisPrefix: c.prefix,
      adminToken: CONSOLE_ADMIN_TOKEN,
      serviceUrl: c.stack.service.url ?? '',
      connections: c.stack.connections,
      sandboxes: {
        salesforce: { url: c.stack.salesforce.url, accessToken: c.stack.salesforce.credentials.accessToken },
        hubspot: { url: c.stack.hubspot.url, accessToken: c.stack.hubspot.credentials.accessToken },
      },
    });
    const cli = await runCli(
      [
        'report',
        'attribution',
        '--connection',
        EMBEDDED_SALESFORCE,
        '--from',
        FROM,
        '--to',
        TO,
        '--format',
        'csv',
        '--basis',
        'created',
      ],
      { ...files.env },
      60_000,
    );
    expect(cli.code, cli.stderr).toBe(0);
    const rows = cli.stdout
      .trim()
      .split('\r\n')
      .slice(1)
      .map((l) => l.split(','));
    expect(rows.length).toBeGreaterThan(0);
    const sum = (col: number): string =>
      String(rows.reduce((s, r) => s + Math.round(Number(r[col]) * 100), 0) / 100);

    const page = await browser.newPage();
    await loginInBrowser(page, c.consoleUrl, CONSOLE_ADMIN_TOKEN);
    await page.getByRole('link', { name: 'Reports' }).click();
    await page.getByLabel('Connection').selectOption(EMBEDDED_SALESFORCE);
    await page.getByLabel('From').fill(FROM);
    await page.getByLabel('To (inclusive)').fill(TO);
    await page.getByLabel('Count opportunities').selectOption('created');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.locator('#report-table').waitFor();
    await expect(page.locator('svg.chart rect').count()).resolves.toBe(rows.length * 2);
    await expect(page.locator('#model-words').textContent()).resolves.toContain('model linear');
    const total = page.locator('#report-table tfoot tr[data-total="USD"] td');
    const cells = await total.allTextContents();
    const num = (s: string | undefined): string => String(Number((s ?? '').replace(/,/g, '')));
    expect([num(cells[1]), num(cells[3])]).toEqual([sum(3), sum(5)]);
    await screenshot(page, 'reports');

    const href = await page.getByRole('link', { name: 'Download CSV' }).getAttribute('href');
    const download = await page.request.get(`${c.stack.service.url ?? ''}${href ?? ''}`);
    expect(download.headers()['content-type']).toContain('text/csv');
    expect(await download.text()).toBe(cli.stdout);
    await page.close();
  });

  it('shows what a different window would change without writing, then applies it', async () => {
    const page = await browser.newPage();
    await loginInBrowser(page, c.consoleUrl, CONSOLE_ADMIN_TOKEN);
    await page.getByRole('link', { name: 'What-if' }).click();
    await page.getByLabel('Connection').selectOption(EMBEDDED_SALESFORCE);
    await page.getByLabel('Window ends at').selectOption('creation');
    await page.getByRole('button', { name: 'Show changes' }).click();
    const heading = page.locator('#whatif-h');
    await heading.waitFor();
    expect(await heading.textContent()).toMatch(
      /[1-9]\d* of \d+ opportunities would change .*window ends at creation/s,
    );
    await screenshot(page, 'what-if');
    const reportOf = async () => {
      const res = await fetch(
        `${c.stack.service.url ?? ''}/admin/connections/${EMBEDDED_SALESFORCE}/reports/attribution?from=${FROM}&to=${TO}&basis=created`,
        { headers: { authorization: `Bearer ${CONSOLE_ADMIN_TOKEN}` } },
      );
      return (await res.json()) as {
        modelInWords: string;
        report: { rows: { partnerName: string; influencedAmount: number }[] };
      };
    };
    // A dry run writes nothing.
    const before = await reportOf();
    expect(before.modelInWords).toContain('until its close');

    await page.getByRole('button', { name: 'Apply and write back' }).click();
    await page.getByText(/Applied model linear to sandbox-salesforce/).waitFor();
    await settle(c.stack);
    const after = await reportOf();
    expect(after.modelInWords).toContain('until its creation');
    await page.close();
  });
});
