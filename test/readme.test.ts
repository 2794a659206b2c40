import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { envMarkdownTable } from '../src/core/env-table.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

describe('README', () => {
  it('carries the configuration table generated from the env schema', () => {
    const block = /<!-- env:start -->\n([\s\S]*?)\n<!-- env:end -->/.exec(readme)?.[1];
    expect(block?.trim()).toBe(envMarkdownTable());
  });

  it('names the test command that .ci/run executes', () => {
    const ci = readFileSync(new URL('../.ci/run', import.meta.url), 'utf8');
    expect(readme).toContain('npm test ');
    expect(ci).toMatch(/^npm test$/m);
  });
});
