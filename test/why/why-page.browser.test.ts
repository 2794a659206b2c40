import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/core/logger.js';
import type { DemoWhyLink } from '../../src/embedded/demo-why-links.js';
import { runDemo, type DemoResult } from '../../src/embedded/run-demo.js';
import { verifyWhyLink } from '../../src/why-link/verify-why-link.js';
import { whyPath, type WhyTarget } from '../../src/why-link/why-link.js';
import { launchChromium } from '../console/browser.js';
import { TEST_REDIS_URL } from '../helpers/redis.js';
import { whyInputOf } from '../helpers/why-link.js';

/** Screenshots for README (docs/screenshots/why-*.png); only with SCREENSHOTS=1 so runs leave the tree clean. */
async function screenshot(page: Page, name: string): Promise<void> {
  if (process.env['SCREENSHOTS'] !== '1') return;
  await page.screenshot({ path: `docs/screenshots/why-${name}.png`, fullPage: true });
}

let demo: DemoResult;
let browser: Browser;

beforeAll(async () => {
  [demo, browser] = await Promise.all([
    runDemo(createLogger({ level: 'silent' }), { redis: TEST_REDIS_URL }),
    launchChromium(),
  ]);
}, 120_000);

afterAll(async () => {
  await browser.close();
  await demo.stop();
});

/** The link the demo read back from the Salesforce record of one kind of decision. */
function linkOf(kind: DemoWhyLink['kind']): string {
  const link = demo.summary.whyLinks.find((l) => l.crm === 'Salesforce' && l.kind === kind);
  if (link === undefined) throw new Error(`no Salesforce ${kind} link`);
  return link.url;
}

/** Opens a link with JavaScript off, as the page must work without it. */
async function open(url: string): Promise<{ page: Page; status: number }> {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  const res = await page.goto(url);
  return { page, status: res?.status() ?? 0 };
}

/** One attribute of every element a locator finds, in document order. */
async function attrs(locator: Locator, name: string): Promise<(string | null)[]> {
  const out: (string | null)[] = [];
  for (let i = 0; i < (await locator.count()); i += 1) out.push(await locator.nth(i).getAttribute(name));
  return out;
}

const text = async (page: Page, selector: string): Promise<string[]> =>
  (await page.locator(selector).allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim());

describe('"Why?" pages in Chromium, JavaScript off', () => {
  it('a duplicate lead: the decision, its reasons, and both records side by side with shared values marked', async () => {
    const { page, status } = await open(linkOf('duplicate'));
    expect(status).toBe(200);
    await page.getByRole('heading', { name: 'Why is this lead marked as a duplicate?', level: 1 }).waitFor();
    expect(await text(page, '.decision')).toEqual([
      'Duplicate of the lead Jonathan Smith (Very likely duplicate, 99 %)',
    ]);
    expect(await text(page, 'ul.evidence li')).toContain('Same mailbox (ignoring the +tag).');
    const table = page.locator('table.compare');
    expect(await text(page, 'table.compare thead th')).toEqual([
      'Field',
      'This lead: Jon Smith',
      'The lead to keep: Jonathan Smith',
    ]);
    expect(
      await table
        .getByRole('row', { name: /Last name/ })
        .locator('mark')
        .allTextContents(),
    ).toEqual(['Smith', 'Smith']);
    expect(
      await table
        .getByRole('row', { name: /First name/ })
        .locator('mark')
        .count(),
    ).toBe(0);
    // The page names the other record; it never shows a CRM id.
    expect(await page.locator('body').textContent()).not.toMatch(/00Q[0-9A-Za-z]{12,15}/);
    await screenshot(page, 'duplicate');
  });

  it('a rejected registration: who registered first, and the timeline', async () => {
    const { page } = await open(linkOf('rejected registration'));
    await page.getByRole('heading', { name: 'Why was this registration rejected?', level: 1 }).waitFor();
    const [decision] = await text(page, '.decision');
    expect(decision).toMatch(
      /^Rejected: Northwind Resellers registered Wayne Ent\. first, on \d+ \w+ 2026; that registration protects it until \d+ \w+ 2027 \(same company domain wayne\.example\)$/,
    );
    const events = await text(page, 'ol.timeline li');
    expect(events.some((e) => e.endsWith('Northwind Resellers registered Wayne Enterprises'))).toBe(true);
    expect(events.some((e) => e.endsWith('Contoso Integrations GmbH registered Wayne Ent.'))).toBe(true);
    expect(events.at(-1)).toMatch(/Decided: rejected$/);
    const times = (await attrs(page.locator('ol.timeline time'), 'datetime')).map((t) => Date.parse(t ?? ''));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(await page.locator('body').textContent()).not.toMatch(/a0Y[0-9A-Za-z]{12,15}/);
    await screenshot(page, 'rejected-registration');
  });

  it('a converted registration: the opportunity it became', async () => {
    const { page } = await open(linkOf('converted registration'));
    await page.getByRole('heading', { name: 'Why was this registration converted?', level: 1 }).waitFor();
    expect(await text(page, '.decision')).toEqual([
      'Converted: it became the opportunity “Wayne Enterprises - Platform”',
    ]);
    expect((await text(page, 'ol.timeline li')).join(' | ')).toMatch(
      /registered Wayne Enterprises.*The opportunity “Wayne Enterprises - Platform” was created/,
    );
    await screenshot(page, 'converted-registration');
  });

  it('a sourced and influenced deal: the credit split as a chart, touches in words, the timeline', async () => {
    const { page } = await open(linkOf('sourced + influenced deal'));
    await page
      .getByRole('heading', { name: 'Why is this deal credited to these partners?', level: 1 })
      .waitFor();
    expect(await text(page, '.decision')).toEqual([
      'Sourced by Northwind Resellers; influenced by Contoso Integrations GmbH and Fabrikam Cloud Ltd',
    ]);
    const chart = page.getByRole('img', { name: /Credit split/ });
    expect(await chart.locator('g.bar text').allTextContents()).toEqual([
      'Northwind Resellers (sourced)',
      '100 % · 120,000.00 USD',
      'Contoso Integrations GmbH (influenced)',
      '50 % · 60,000.00 USD',
      'Fabrikam Cloud Ltd (influenced)',
      '50 % · 60,000.00 USD',
    ]);
    // The bars are drawn to scale: 100 % is twice as wide as 50 %.
    const widths = await attrs(chart.locator('rect'), 'width');
    expect(widths).toEqual(['260', '130', '130']);
    expect(await text(page, 'ul.evidence li')).toContainEqual(
      expect.stringMatching(
        /^Contoso Integrations GmbH was added as a partner on this deal on \d+ \w+ 2026: counted\.$/,
      ),
    );
    expect((await text(page, 'ol.timeline li')).join(' | ')).toMatch(
      /registered this customer.*This deal was created/,
    );
    await screenshot(page, 'deal');
  });

  it('refuses a tampered link and one signed with a rotated-out key, as a page and as JSON', async () => {
    const good = linkOf('duplicate');
    const sig = new URL(good).searchParams.get('signature') ?? '';
    const tampered = good.replace(sig, `${sig.slice(0, -1)}${sig.endsWith('A') ? 'B' : 'A'}`);
    const input = whyInputOf(good);
    const target = {
      connection: input.connection,
      object: input.object,
      recordId: input.recordId,
    } as WhyTarget;
    const oldKey = { id: '0', secret: 'the-key-before-rotation-0123456789abcdef' };
    const rotated = `${demo.url}${whyPath(oldKey, target)}`;
    expect(verifyWhyLink(oldKey, whyInputOf(rotated)).ok).toBe(true);
    for (const [url, code, words] of [
      [tampered, 'why_link_invalid', /was changed/],
      [rotated, 'why_link_revoked', /key that has been replaced/],
    ] as const) {
      const { page, status } = await open(url);
      expect(status).toBe(403);
      await page.getByRole('heading', { name: 'This “Why?” link does not work' }).waitFor();
      expect(await page.locator('.decision').textContent()).toMatch(words);
      expect(await page.locator('body').textContent()).not.toContain('Jon Smith');
      const json = await fetch(url, { headers: { accept: 'application/json' } });
      expect(json.status).toBe(403);
      expect(await json.json()).toMatchObject({ error: { code } });
    }
    const { page } = await open(tampered);
    await screenshot(page, 'refused');
  });
});
