/**
 * npm run bench — every benchmark in turn (each in its own process, on loopback), then each
 * figure beside its target. Ends with one JSON line holding all figures. Exits 1 if a benchmark fails
 * to produce its figures; a missed target is reported, not hidden.
 */
import { spawn } from 'node:child_process';

type Check = readonly [key: string, op: '<=' | '>=' | '=', target: number, label: string];

const BENCHES: readonly { name: string; script: string; checks: readonly Check[] }[] = [
  {
    name: 'webhooks',
    script: 'bench/webhooks.ts',
    checks: [
      ['intakeP99Ms', '<=', 50, 'webhook intake p99 at 1,000 req/s (ms)'],
      ['ratio', '>=', 0.5, 'intake throughput ÷ bare express parse'],
    ],
  },
  {
    name: 'e2e',
    script: 'bench/e2e.ts',
    checks: [
      ['p50Ms', '<=', 1000, 'change → field visible p50 at 50 changes/s (ms)'],
      ['p99Ms', '<=', 3000, 'change → field visible p99 at 50 changes/s (ms)'],
    ],
  },
  {
    name: 'writeback',
    script: 'bench/writeback.ts',
    checks: [
      ['salesforceCallsPer1000', '<=', 6, 'Salesforce API calls per 1,000 changed records'],
      ['hubspotCallsPer1000', '<=', 11, 'HubSpot API calls per 1,000 changed records'],
      ['noopWrites', '=', 0, 'calls for re-writing unchanged values'],
      ['rateLimitedFailures', '=', 0, 'writes failed by 429s in a 20k backlog'],
      ['rateUtilization', '>=', 0.85, 'share of the allowed request rate used'],
    ],
  },
  {
    name: 'match-index',
    script: 'bench/match-index.ts',
    checks: [['redisCheckP99Ms', '<=', 10, 'duplicate check vs 1M-record Redis index p99 (ms)']],
  },
  {
    name: 'dedupe',
    script: 'bench/dedupe.ts',
    checks: [
      ['febrl3F1', '>=', 0.97, 'FEBRL dataset3 dedupe F1'],
      ['febrl4F1', '>=', 0.97, 'FEBRL 4a↔4b linkage F1'],
      ['seconds100k', '<=', 15, 'bulk dedupe CLI, 100k records (s)'],
      ['seconds1m', '<=', 180, 'bulk dedupe CLI, 1M records (s)'],
      ['peakRssMiB', '<=', 2048, 'bulk dedupe 1M peak RSS (MiB)'],
      ['checkP99Ms', '<=', 10, 'single check vs 1M in-memory index p99 (ms)'],
    ],
  },
];

function run(script: string): Promise<Record<string, unknown> | null> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
    });
    child.once('exit', () => {
      const last = out.trim().split('\n').at(-1) ?? '';
      try {
        const parsed: unknown = JSON.parse(last);
        resolve(typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : null);
      } catch {
        resolve(null);
      }
    });
  });
}

function meets(value: unknown, op: Check[1], target: number): boolean {
  if (typeof value !== 'number') return false;
  return op === '<=' ? value <= target : op === '>=' ? value >= target : value === target;
}

const only = process.argv.slice(2);
const all: Record<string, unknown> = {};
const rows: string[] = [];
let broken = false;
for (const bench of BENCHES.filter((b) => only.length === 0 || only.includes(b.name))) {
  process.stderr.write(`\n=== bench:${bench.name} ===\n`);
  const figures = await run(bench.script);
  if (figures === null) {
    broken = true;
    rows.push(`${bench.name.padEnd(12)} produced no figures`);
    continue;
  }
  for (const [key, value] of Object.entries(figures)) all[`${bench.name}.${key}`] = value;
  for (const [key, op, target, label] of bench.checks) {
    const value = figures[key];
    const mark = meets(value, op, target) ? 'ok  ' : 'MISS';
    rows.push(`${mark} ${label.padEnd(52)} ${String(value).padStart(10)}   target ${op} ${target}`);
  }
}
process.stderr.write(`\n${rows.join('\n')}\n`);
process.stdout.write(`${JSON.stringify(all)}\n`);
process.exit(broken ? 1 : 0);
