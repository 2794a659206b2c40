import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
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

interface RunOptions {
  country?: string;
  skipBadRows?: boolean;
  withFields?: boolean;
}

async function run(
  csv: string,
  options: RunOptions = {},
  ext = 'csv',
): Promise<{ pairs: string; log: string }> {
  const input = join(dir, `in-${Math.random().toString(36).slice(2)}.${ext}`);
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

  it('prints which columns it recognised and which it ignored, and warns when none can match', async () => {
    const { log } = await run(`${SALESFORCE}00Q1,Ann,Lee,CFO,Acme,ann@acme.example,,\n`);
    expect(log).toContain('columns recognised: Lead ID → id, First Name → firstName, Last Name → lastName');
    expect(log).toContain('Company / Account → company');
    expect(log).toContain('columns ignored: Title');
    expect(log).not.toContain('warning');
    const bare = await run('Id,Nickname,Notes\n1,Annie,hello\n');
    expect(bare.log).toContain('columns ignored: Nickname, Notes');
    expect(bare.log).toContain('warning: no name, email, phone or company column was recognised');
  });

  it('splits a Full Name column and matches on it', async () => {
    const { pairs, log } = await run(
      'Contact ID,Full Name,Email\n003A,"Smith, Robert",rob@globex.example\n003B,Mr. Robert Smith,rob@globex.example\n',
    );
    expect(log).toContain('Full Name → firstName + lastName (split)');
    expect(log).not.toContain('warning');
    expect(pairs).toMatch(/^003A,003B,[01]\.\d+,duplicate,.*same first name Robert/m);
  });

  it('with --skip-bad-rows, lists each skipped row with its reason and counts them', async () => {
    const csv =
      `${SALESFORCE}00Q1,Ann,Lee,,Acme,ann@acme.example,,\n` +
      `,Nobody,Noid,,Acme,no@acme.example,,\n` +
      `00Q3,"Broken,Quote,,Acme,x@acme.example,,\n`;
    await expect(run(csv)).rejects.toThrow(/line 3.*record has no id/);
    const { log } = await run(csv, { skipBadRows: true });
    expect(log).toMatch(/skipped .*line 3, column Lead ID: record has no id/);
    expect(log).toContain('1 records');
    expect(log).toMatch(/2 bad rows skipped/);
    const jsonl = await run(
      '{"id":"1","firstName":"Ann"}\nnot json\n{"id":"2","firstName":"Bo"}\n',
      { skipBadRows: true },
      'jsonl',
    );
    expect(jsonl.log).toMatch(/skipped .*line 2.*invalid JSON/);
    expect(jsonl.log).toContain('2 records');
  });

  it('with --with-fields, adds the names and emails of both records', async () => {
    const { pairs } = await run(
      `${SALESFORCE}00Q1,Jon,Smith,,Globex,jonathan.smith@globex.example,,\n` +
        `00Q2,Jonathan,Smith,,Globex Corp.,Jonathan.Smith+events@GLOBEX.example,,\n`,
      { withFields: true },
    );
    expect(pairs.split('\n')[0]).toBe(
      'left_id,right_id,score,decision,reasons,left_name,left_email,right_name,right_email',
    );
    expect(pairs).toMatch(
      /,Jon Smith,jonathan\.smith@globex\.example,Jonathan Smith,Jonathan\.Smith\+events@GLOBEX\.example$/m,
    );
  });

  it('leaves no pairs file behind, whole or partial, when a run fails, and writes the same pairs to stdout', async () => {
    const sub = await mkdtemp(join(dir, 'failed-'));
    const input = join(sub, 'in.csv');
    await writeFile(input, `${SALESFORCE}00Q1,Ann,Lee,,Acme,ann@acme.example,,\n,Nobody,,,Acme,,,\n`);
    const output = join(sub, 'pairs.csv');
    const quiet = { stdout: sink().stream, stderr: sink().stream };
    const options = { input, output, thresholdDuplicate: 0.9, thresholdPossible: 0.6 };
    await expect(runDedupe(options, quiet)).rejects.toThrow(/record has no id/);
    expect(await readdir(sub)).toEqual(['in.csv']);

    const csv =
      `${SALESFORCE}00Q1,Jon,Smith,,Globex,jon@globex.example,,\n` +
      `00Q2,Jonathan,Smith,,Globex Corp.,jon@globex.example,,\n`;
    await writeFile(input, csv);
    await runDedupe(options, quiet);
    const stdout = sink();
    await runDedupe({ ...options, output: undefined }, { stdout: stdout.stream, stderr: sink().stream });
    expect(stdout.text()).toMatch(/^left_id,right_id,.*\n00Q1,00Q2,/);
    expect(await readFile(output, 'utf8')).toBe(stdout.text());
    expect((await readdir(sub)).sort()).toEqual(['in.csv', 'pairs.csv']);
  });

  it('rejects a --country it cannot read', () => {
    expect(() => parseCountry('Atlantis')).toThrow(/not a country name/);
    expect(parseCountry('Deutschland')).toBe('DE');
  });
});
