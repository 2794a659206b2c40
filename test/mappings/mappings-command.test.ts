import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { registerMappingsCommand } from '../../src/cli/mappings-command.js';
import { defaultMappingPath, defaultMappingText } from './load-default.js';

async function run(...args: string[]): Promise<{ out: string[]; err: string[]; code: number }> {
  const out: string[] = [];
  const err: string[] = [];
  let code = 0;
  const program = new Command('partnersync').exitOverride();
  registerMappingsCommand(program, {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    setExitCode: (c) => (code = c),
  });
  await program.parseAsync(['node', 'partnersync', ...args]);
  return { out, err, code };
}

describe('partnersync mappings', () => {
  it('validate prints one OK line and exits 0 for the default mapping', async () => {
    const file = defaultMappingPath('hubspot');
    expect(await run('mappings', 'validate', file)).toEqual({
      out: [`${file}: OK (hubspot, 6 objects, 4 write-back targets)`],
      err: [],
      code: 0,
    });
  });

  it('validate prints FILE:LINE path: message (did you mean …) and exits 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mappings-'));
    const file = join(dir, 'broken.yaml');
    const text = defaultMappingText('hubspot').replace(
      'amount: { from: amount, transform: number }',
      'amount: { from: amount, transform: numbr }',
    );
    writeFileSync(file, text);
    const line = text.slice(0, text.indexOf('transform: numbr')).split('\n').length;
    expect(await run('mappings', 'validate', file)).toEqual({
      out: [
        `${file}:${line} objects.deal.fields.amount.transform: unknown transform "numbr" (did you mean "number"?)`,
      ],
      err: [],
      code: 1,
    });
  });

  it('validate exits 1 when the file cannot be read', async () => {
    const r = await run('mappings', 'validate', '/nonexistent/mapping.yaml');
    expect(r.code).toBe(1);
    expect(r.err[0]).toContain('/nonexistent/mapping.yaml: cannot read');
  });

  it('schema prints the JSON Schema', async () => {
    const r = await run('mappings', 'schema');
    const schema = JSON.parse(r.out.join('\n')) as { title: string; properties: Record<string, unknown> };
    expect(schema.title).toBe('partnersync field mapping');
    expect(Object.keys(schema.properties)).toEqual(
      expect.arrayContaining(['objects', 'writeBack', 'provider']),
    );
  });
});
