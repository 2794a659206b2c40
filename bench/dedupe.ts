/**
 * Duplicate-detection benchmark: FEBRL accuracy, bulk CLI speed and memory,
 * single-record check latency. Run: `npx tsx bench/dedupe.ts [--quick]` (--quick skips the 1M runs).
 * Ends with one line holding one JSON object of figures.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Writable } from 'node:stream';

import { runDedupe } from '../src/cli/dedupe-command.js';
import { bulkDedupe } from '../src/matching/bulk-dedupe.js';
import { candidatePairs } from '../src/matching/candidate-pairs.js';
import { checkRecord } from '../src/matching/check-record.js';
import { estimateWeights } from '../src/matching/estimate-weights.js';
import { InMemoryMatchIndex } from '../src/matching/in-memory-match-index.js';
import type { MatchRecord } from '../src/matching/match-record.js';
import { createPersonMatcher } from '../src/matching/match-people.js';
import { prepareRecord } from '../src/matching/prepare-record.js';
import { evaluateCrmBenchmark } from './dedupe-crm-eval.js';
import { loadFebrl, scorePairs, truePairCount } from './dedupe-febrl.js';
import type { Accuracy } from './dedupe-febrl.js';
import { makeDuplicate, makeLead, random, syntheticLeads, writeLeadsCsv } from './dedupe-synthetic.js';

const here = fileURLToPath(import.meta.url);
const dataDir = join(here, '..', 'data', 'febrl');
const log = (message: string): void => void process.stderr.write(`${message}\n`);
const round = (n: number, digits = 4): number => Number(n.toFixed(digits));
const fmt = (a: Accuracy): string =>
  `P ${a.precision.toFixed(4)}  R ${a.recall.toFixed(4)}  F1 ${a.f1.toFixed(4)}`;

/** Child mode: `--child FILE` runs the CLI logic on FILE and prints {ms, cpuSeconds, peakRssMb, pairs}. */
async function child(file: string): Promise<void> {
  const sink = new Writable({ write: (_chunk, _enc, done) => done() });
  const started = performance.now();
  const cpu = process.cpuUsage();
  const pairs = await runDedupe(
    { input: file, output: `${file}.pairs.csv`, thresholdDuplicate: 0.9, thresholdPossible: 0.6 },
    { stdout: sink, stderr: process.stderr },
  );
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  // CPU time (user + system) beside wall time: on a shared machine the wall clock mostly measures the
  // other processes.
  const cpuSeconds = (used.user + used.system) / 1e6;
  process.stdout.write(
    `${JSON.stringify({ ms, cpuSeconds, peakRssMb: process.resourceUsage().maxRSS / 1024, pairs })}\n`,
  );
}

function runChild(
  file: string,
  timeoutMs: number,
): Promise<{ ms: number; cpuSeconds: number; peakRssMb: number; pairs: number } | null> {
  return new Promise((resolve) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', here, '--child', file], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    proc.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const timer = setTimeout(() => proc.kill('SIGKILL'), timeoutMs);
    proc.on('close', (code) => {
      clearTimeout(timer);
      const line = out.trim().split('\n').at(-1) ?? '';
      resolve(
        code === 0 && line.startsWith('{')
          ? (JSON.parse(line) as { ms: number; cpuSeconds: number; peakRssMb: number; pairs: number })
          : null,
      );
    });
  });
}

/** The "plain exact match" a CRM rule gives: same given name, surname and birth date (and, optionally, same id). */
function exactBaseline(
  records: readonly MatchRecord[],
  linkage: boolean,
  useId: boolean,
): { leftId: string; rightId: string }[] {
  const pairs = new Map<string, { leftId: string; rightId: string }>();
  const rules: ((r: MatchRecord) => string | null)[] = [
    (r) =>
      r.firstName && r.lastName && r.dateOfBirth
        ? `${r.firstName}|${r.lastName}|${r.dateOfBirth}`.toLowerCase()
        : null,
  ];
  if (useId) rules.push((r) => (r.externalId ? `id|${r.externalId}` : null));
  for (const rule of rules) {
    const groups = new Map<string, MatchRecord[]>();
    for (const r of records) {
      const key = rule(r);
      if (key !== null) groups.set(key, [...(groups.get(key) ?? []), r]);
    }
    for (const group of groups.values()) {
      for (let i = 0; i < group.length; i++) {
        for (let j = i + 1; j < group.length; j++) {
          const [a, b] = [group[i]!.id, group[j]!.id].sort();
          if (linkage && a!.charAt(0) === b!.charAt(0)) continue;
          pairs.set(`${a}|${b}`, { leftId: a!, rightId: b! });
        }
      }
    }
  }
  return [...pairs.values()];
}

async function febrl(): Promise<Record<string, number>> {
  const figures: Record<string, number> = {};
  for (const useSocSecId of [false, true]) {
    const tag = useSocSecId ? 'WithSsn' : '';
    const d3 = await loadFebrl(join(dataDir, 'dataset3.csv'), { useSocSecId });
    const actual3 = truePairCount(d3, false);
    let started = performance.now();
    const r3 = await bulkDedupe(d3);
    const a3 = scorePairs(
      r3.pairs.filter((p) => p.decision === 'duplicate'),
      actual3,
    );
    log(
      `febrl3 dedupe${useSocSecId ? ' (soc_sec_id as external id)' : ''}: ${fmt(a3)}  (${r3.stats.candidatePairs} candidates, ${Math.round(performance.now() - started)} ms)`,
    );
    const b3 = scorePairs(exactBaseline(d3, false, useSocSecId), actual3);
    log(
      `febrl3 exact-match baseline${useSocSecId ? ' (name+dob or soc_sec_id)' : ' (name+dob)'}: ${fmt(b3)}`,
    );

    const a = await loadFebrl(join(dataDir, 'dataset4a.csv'), { useSocSecId, idPrefix: 'a:' });
    const b = await loadFebrl(join(dataDir, 'dataset4b.csv'), { useSocSecId, idPrefix: 'b:' });
    started = performance.now();
    const r4 = await bulkDedupe([...a, ...b], { shouldCompare: (x, y) => x.id.charAt(0) !== y.id.charAt(0) });
    const a4 = scorePairs(
      r4.pairs.filter((p) => p.decision === 'duplicate'),
      truePairCount([...a, ...b], true),
    );
    log(
      `febrl4a↔4b linkage${useSocSecId ? ' (soc_sec_id as external id)' : ''}: ${fmt(a4)}  (${Math.round(performance.now() - started)} ms)`,
    );
    const b4 = scorePairs(exactBaseline([...a, ...b], true, useSocSecId), 5000);
    log(`febrl4 exact-match baseline: ${fmt(b4)}`);
    Object.assign(figures, {
      [`febrl3F1${tag}`]: round(a3.f1),
      [`febrl3Precision${tag}`]: round(a3.precision),
      [`febrl3Recall${tag}`]: round(a3.recall),
      [`febrl4F1${tag}`]: round(a4.f1),
      [`febrl4Precision${tag}`]: round(a4.precision),
      [`febrl4Recall${tag}`]: round(a4.recall),
      [`baselineFebrl3F1${tag}`]: round(b3.f1),
      [`baselineFebrl4F1${tag}`]: round(b4.f1),
    });
    if (!useSocSecId) {
      const prepared = d3.map(prepareRecord).sort((x, y) => (x.id < y.id ? -1 : 1));
      const parameters = estimateWeights(prepared, candidatePairs(prepared));
      const em = await bulkDedupe(d3, { matcher: createPersonMatcher({ parameters }) });
      const aem = scorePairs(
        em.pairs.filter((p) => p.decision === 'duplicate'),
        actual3,
      );
      log(`febrl3 dedupe with EM-fitted weights: ${fmt(aem)}`);
      figures.febrl3F1Em = round(aem.f1);
    }
  }
  return figures;
}

/** The CRM-shaped labelled benchmark (`dedupe-crm.ts`) at 6,000 and 150,000 people. */
async function crm(): Promise<Record<string, number>> {
  const small = await evaluateCrmBenchmark(6000);
  log(
    `crm 6k (${small.records} rows, Salesforce + HubSpot exports): P ${small.precision.toFixed(4)}  R ${small.recall.toFixed(4)}  F1 ${small.f1.toFixed(4)}; pair completeness ${small.pairCompleteness.toFixed(4)}; ECE ${small.calibrationError.toFixed(4)}; possible pairs ${small.possiblePairs} (${(100 * small.possiblePrecision).toFixed(1)} % true)`,
  );
  log(
    `crm 6k rule "same email or same phone digits": P ${small.baseline.precision.toFixed(4)}  R ${small.baseline.recall.toFixed(4)}  F1 ${small.baseline.f1.toFixed(4)}`,
  );
  const large = await evaluateCrmBenchmark(150_000);
  log(
    `crm 150k (${large.records} rows): P ${large.precision.toFixed(4)}  R ${large.recall.toFixed(4)}  F1 ${large.f1.toFixed(4)}; read + dedupe ${large.seconds.toFixed(1)} s (${large.cpuSeconds.toFixed(1)} CPU-s); pair completeness ${large.pairCompleteness.toFixed(4)}; ECE ${large.calibrationError.toFixed(4)}`,
  );
  return {
    crmPrecision: round(small.precision),
    crmRecall: round(small.recall),
    crmF1: round(small.f1),
    pairCompleteness: round(small.pairCompleteness),
    calibrationError: round(small.calibrationError),
    crmBaselineF1: round(small.baseline.f1),
    crm150kF1: round(large.f1),
    crm150kPrecision: round(large.precision),
    crm150kRecall: round(large.recall),
    crm150kSeconds: round(large.seconds, 1),
    crm150kCpuSeconds: round(large.cpuSeconds, 1),
    crm150kPairCompleteness: round(large.pairCompleteness),
    crm150kCalibrationError: round(large.calibrationError),
  };
}

async function indexLatency(size: number, queries: number): Promise<Record<string, number>> {
  const index = new InMemoryMatchIndex();
  const r = random(7);
  const stored: MatchRecord[] = [];
  let started = performance.now();
  for (const lead of syntheticLeads(size, 11)) {
    index.add(prepareRecord(lead));
    if (stored.length < 100_000) stored.push(lead);
    if (stored.length % 250_000 === 0) log(`index: ${stored.length} loaded`);
  }
  const loadMs = performance.now() - started;
  log(`index: ${size} records loaded in ${(loadMs / 1000).toFixed(1)} s`);
  const matcher = createPersonMatcher();
  const times: number[] = [];
  let found = 0;
  for (let q = 0; q < queries; q++) {
    const probe =
      q % 2 === 0
        ? makeDuplicate(r, stored[Math.floor(r() * stored.length)]!, 90_000_000 + q)
        : makeLead(r, 95_000_000 + q);
    started = performance.now();
    const matches = await checkRecord(index, matcher, prepareRecord(probe));
    times.push(performance.now() - started);
    if (matches.some((m) => m.decision === 'duplicate')) found++;
  }
  times.sort((x, y) => x - y);
  const at = (p: number): number => times[Math.min(times.length - 1, Math.floor(p * times.length))] ?? 0;
  log(
    `check vs ${size}: p50 ${at(0.5).toFixed(3)} ms, p99 ${at(0.99).toFixed(3)} ms, max ${at(1).toFixed(3)} ms; ${found}/${queries / 2} injected duplicates flagged`,
  );
  return {
    checkIndexSize: size,
    checkP50Ms: round(at(0.5), 3),
    checkP99Ms: round(at(0.99), 3),
    checkIndexLoadMs: Math.round(loadMs),
  };
}

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  log('== FEBRL accuracy');
  const figures: Record<string, number | null> = await febrl();
  log('== CRM-shaped benchmark (seeded, labelled; bench/dedupe-crm.ts)');
  Object.assign(figures, await crm());
  const dir = await mkdtemp(join(tmpdir(), 'partnersync-bench-dedupe-'));
  try {
    for (const [label, count] of [
      ['100k', 100_000],
      ['1m', 1_000_000],
    ] as const) {
      if (quick && count > 100_000) continue;
      const file = join(dir, `leads-${label}.csv`);
      log(`== bulk dedupe ${label}: generating ${count} synthetic leads (~10 % injected duplicates)`);
      await writeLeadsCsv(file, count);
      const result = await runChild(file, count > 100_000 ? 400_000 : 120_000);
      log(
        result === null
          ? `bulk ${label}: failed or timed out`
          : `bulk ${label}: ${(result.ms / 1000).toFixed(1)} s (${result.cpuSeconds.toFixed(1)} CPU-s), peak RSS ${Math.round(result.peakRssMb)} MiB, ${result.pairs} pairs`,
      );
      figures[`dedupe${label}Ms`] = result === null ? null : Math.round(result.ms);
      figures[`seconds${label}`] = result === null ? null : round(result.ms / 1000, 1);
      figures[`cpuSeconds${label}`] = result === null ? null : round(result.cpuSeconds, 1);
      figures[`peakRss${label}Mb`] = result === null ? null : Math.round(result.peakRssMb);
      await rm(file, { force: true });
      await rm(`${file}.pairs.csv`, { force: true });
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  const rss = [figures.peakRss100kMb, figures.peakRss1mMb].filter((v): v is number => typeof v === 'number');
  figures.peakRssMb = rss.length === 0 ? null : Math.max(...rss);
  figures.peakRssMiB = figures.peakRssMb;
  log('== single-record check latency');
  Object.assign(figures, await indexLatency(quick ? 100_000 : 1_000_000, 10_000));
  process.stdout.write(`${JSON.stringify(figures)}\n`);
}

const childAt = process.argv.indexOf('--child');
if (childAt >= 0) await child(process.argv[childAt + 1] ?? '');
else await main();
