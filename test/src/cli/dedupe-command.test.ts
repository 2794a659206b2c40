import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { parseCountry, runDedupe } from '../../../src/cli/dedupe-command.js';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dedupe-cli-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function sink(): { stream: Writable; text: () => string } {
  let text = '';
  return {
    stream: new Writable({
      write(chunk: Buffer, _enc, done) {
        text += chunk.toString();
        done();
      },
    }),
    text: () => text,
  };
}

async function run(csv: string, options: { country?: string } = {}): Promise<{ pairs: string; log: string }> {
  const input = join(dir, `in-${Math.random().toString(36).slice(2)}.csv`);
  const output = `${input}.pairs.csv`;
  await writeFile(input, csv);
  const err = sink();
  await runDedupe(
    { input, output, thresholdDuplicate: 0.9, thresholdPossible: 0.6, ...options },
    { stdout: sink().stream, stderr: err.stream },
  );
  return { pairs: await readFile(output, 'utf8'), log: err.text() };
}

const SALESFORCE = 'Lead ID,First Name,Last Name,Title,Company / Account,Email,Phone,Country\n';

describe('partnersync dedupe', () => {
  it('reads a Salesforce Leads report export and flags Bob Smyth / Robert Smith without a country', async () => {
    const { pairs } = await run(
      `${SALESFORCE}00Q1,Bob,Smyth,VP Operations,Globex Corp,bob.smith.1975@gmail.com,(415) 555-0101,\n` +
        `00Q2,Robert,Smith,VP Operations,Globex Corporation,robert.smith@globex.example,+1 415 555 0101,\n`,
    );
    expect(pairs).toMatch(/^00Q1,00Q2,0\.\d+,(duplicate|possible),/m);
    expect(pairs).toContain('company Globex Corp = Globex Corporation');
  });

  it('reads national numbers in the --country region, so a number from another country no longer meets them', async () => {
    const csv =
      `${SALESFORCE}00Q1,Ann,Lee,,Acme,ann@acme.example,020 7946 0018,\n` +
      `00Q2,Ann,Lee,,Acme,ann.lee@gmail.com,+1 207 946 0018,\n`;
    expect((await run(csv)).pairs).toContain('same phone');
    expect((await run(csv, { country: 'United Kingdom' })).pairs).not.toContain('same phone');
  });

  it('rejects a --country it cannot read', () => {
    expect(() => parseCountry('Atlantis')).toThrow(/not a country name/);
    expect(parseCountry('Deutschland')).toBe('DE');
  });
});
