/**
 * Scores the matcher on the CRM-shaped benchmark (`dedupe-crm.ts`): each export is written to disk,
 * read back through the CLI's own reader (so header recognition is part of the test), deduplicated,
 * and compared with the generator's truth. Reports precision/recall/F1 of `duplicate` pairs, pair
 * completeness of blocking, the expected calibration error of the written probability, and the rule a
 * CRM admin would write by hand (same email or same phone digits) on the same files.
 */
import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { readDedupeRecords } from '../src/cli/dedupe-input.js';
import { bulkDedupe } from '../src/matching/bulk-dedupe.js';
import { candidatePairs } from '../src/matching/candidate-pairs.js';
import type { MatchRecord } from '../src/matching/match-record.js';
import type { PersonMatch } from '../src/matching/match-people.js';
import { prepareRecord } from '../src/matching/prepare-record.js';
import { generateCrmBenchmark, writeCrmCsv, type CrmFile } from './dedupe-crm.js';

export interface CrmAccuracy {
  readonly records: number;
  readonly truePairs: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  /** Share of true pairs that blocking puts in front of the scorer. */
  readonly pairCompleteness: number;
  /** Expected calibration error of the written score over written pairs (10 equal-width bins). */
  readonly calibrationError: number;
  /** Of pairs written `possible`, the share that are true duplicates. */
  readonly possiblePrecision: number;
  readonly possiblePairs: number;
  readonly baseline: { readonly precision: number; readonly recall: number; readonly f1: number };
  readonly seconds: number;
  /** CPU time (user + system) of reading and deduplicating, for a machine shared with other work. */
  readonly cpuSeconds: number;
  /** Wrong `duplicate` flags, for reading. */
  readonly falsePositives: readonly PersonMatch[];
  readonly missed: readonly [MatchRecord, MatchRecord][];
  /** True pairs blocking never compared, for reading. */
  readonly unblocked: readonly [MatchRecord, MatchRecord][];
}

const f1 = (p: number, r: number): number => (p + r === 0 ? 0 : (2 * p * r) / (p + r));
const key = (a: string, b: string): string => (a < b ? `${a}|${b}` : `${b}|${a}`);

/** Expected calibration error: Σ over bins of |mean score − share true| weighted by bin size. */
export function expectedCalibrationError(
  points: readonly { score: number; truth: boolean }[],
  bins = 10,
): number {
  if (points.length === 0) return 0;
  const sum = new Float64Array(bins);
  const hits = new Float64Array(bins);
  const count = new Float64Array(bins);
  for (const { score, truth } of points) {
    const b = Math.min(bins - 1, Math.floor(score * bins));
    sum[b] = (sum[b] ?? 0) + score;
    hits[b] = (hits[b] ?? 0) + (truth ? 1 : 0);
    count[b] = (count[b] ?? 0) + 1;
  }
  let ece = 0;
  for (let b = 0; b < bins; b++) {
    const n = count[b] ?? 0;
    if (n > 0) ece += (n / points.length) * Math.abs((sum[b] ?? 0) / n - (hits[b] ?? 0) / n);
  }
  return ece;
}

function baselinePairs(records: readonly MatchRecord[]): Set<string> {
  const out = new Set<string>();
  const groups = new Map<string, string[]>();
  for (const r of records) {
    const email = r.email?.trim().toLowerCase();
    const phone = r.phone?.replace(/\D/g, '').replace(/^(1|0)/, '');
    for (const k of [email ? `e:${email}` : null, phone && phone.length >= 7 ? `p:${phone}` : null]) {
      if (k === null) continue;
      groups.set(k, [...(groups.get(k) ?? []), r.id]);
    }
  }
  for (const ids of groups.values()) {
    for (let i = 0; i < ids.length; i++)
      for (let j = i + 1; j < ids.length; j++) out.add(key(ids[i] ?? '', ids[j] ?? ''));
  }
  return out;
}

async function readAll(path: string): Promise<MatchRecord[]> {
  const out: MatchRecord[] = [];
  for await (const r of readDedupeRecords(createReadStream(path), { name: path, format: 'csv' })) out.push(r);
  return out;
}

/** Running totals over the exports of one benchmark run. */
interface Tally {
  tp: number;
  predicted: number;
  truePairs: number;
  blocked: number;
  possible: number;
  possibleTrue: number;
  records: number;
  seconds: number;
  cpuSeconds: number;
  baseTp: number;
  basePredicted: number;
  readonly calibration: { score: number; truth: boolean }[];
  readonly falsePositives: PersonMatch[];
  readonly missed: [MatchRecord, MatchRecord][];
  readonly unblocked: [MatchRecord, MatchRecord][];
}

/** Generates the benchmark at `entities` people, runs the matcher on both exports, and scores it. */
export async function evaluateCrmBenchmark(entities: number, seed = 2026): Promise<CrmAccuracy> {
  const { files } = generateCrmBenchmark({ entities, seed });
  const dir = await mkdtemp(join(tmpdir(), 'partnersync-crm-bench-'));
  const t: Tally = {
    tp: 0,
    predicted: 0,
    truePairs: 0,
    blocked: 0,
    possible: 0,
    possibleTrue: 0,
    records: 0,
    seconds: 0,
    cpuSeconds: 0,
    baseTp: 0,
    basePredicted: 0,
    calibration: [],
    falsePositives: [],
    missed: [],
    unblocked: [],
  };
  try {
    for (const file of files) await evaluateExport(file, dir, t);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  const precision = t.predicted === 0 ? 0 : t.tp / t.predicted;
  const recall = t.truePairs === 0 ? 0 : t.tp / t.truePairs;
  const bp = t.basePredicted === 0 ? 0 : t.baseTp / t.basePredicted;
  const br = t.truePairs === 0 ? 0 : t.baseTp / t.truePairs;
  return {
    records: t.records,
    truePairs: t.truePairs,
    precision,
    recall,
    f1: f1(precision, recall),
    pairCompleteness: t.truePairs === 0 ? 1 : t.blocked / t.truePairs,
    calibrationError: expectedCalibrationError(t.calibration),
    possiblePrecision: t.possible === 0 ? 0 : t.possibleTrue / t.possible,
    possiblePairs: t.possible,
    baseline: { precision: bp, recall: br, f1: f1(bp, br) },
    seconds: t.seconds,
    cpuSeconds: t.cpuSeconds,
    falsePositives: t.falsePositives,
    missed: t.missed,
    unblocked: t.unblocked,
  };
}

/** Writes one CRM export, dedupes it, and adds what it found against the generated truth to `t`. */
async function evaluateExport(file: CrmFile, dir: string, t: Tally): Promise<void> {
  const path = join(dir, `${file.crm}.csv`);
  await writeCrmCsv(path, file);
  const idColumn = file.crm === 'salesforce' ? 'Lead ID' : 'Record ID';
  const entityOf = new Map(file.rows.map((row) => [row.values[idColumn] ?? '', row.entity]));
  const started = performance.now();
  const cpu = process.cpuUsage();
  const read = await readAll(path);
  const result = await bulkDedupe(read);
  t.seconds += (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  t.cpuSeconds += (used.user + used.system) / 1e6;
  t.records += read.length;
  const same = (a: string, b: string): boolean => entityOf.get(a) === entityOf.get(b);
  const truth = truePairsOf(read, entityOf);
  t.truePairs += truth.size;
  const found = blockedTruePairs(read, same);
  t.blocked += found.size;
  const flagged = new Set<string>();
  for (const pair of result.pairs) {
    const truthy = same(pair.leftId, pair.rightId);
    t.calibration.push({ score: pair.score, truth: truthy });
    if (pair.decision === 'duplicate') {
      t.predicted++;
      flagged.add(key(pair.leftId, pair.rightId));
      if (truthy) t.tp++;
      else t.falsePositives.push(pair);
    } else if (pair.decision === 'possible') {
      t.possible++;
      if (truthy) t.possibleTrue++;
    }
  }
  const byId = new Map(read.map((r) => [r.id, r]));
  const records = (k: string): [MatchRecord, MatchRecord] | null => {
    const [a, b] = k.split('|');
    const ra = byId.get(a ?? '');
    const rb = byId.get(b ?? '');
    return ra !== undefined && rb !== undefined ? [ra, rb] : null;
  };
  for (const k of truth) {
    const pair = records(k);
    if (!found.has(k) && t.unblocked.length < 100 && pair !== null) t.unblocked.push(pair);
    if (!flagged.has(k) && pair !== null && t.missed.length < 200) t.missed.push(pair);
  }
  const base = baselinePairs(read);
  t.basePredicted += base.size;
  for (const k of base) if (truth.has(k)) t.baseTp++;
}

/** Every pair of records of the same generated person. */
function truePairsOf(read: readonly MatchRecord[], entityOf: ReadonlyMap<string, number>): Set<string> {
  const byEntity = new Map<number, MatchRecord[]>();
  for (const r of read) {
    const e = entityOf.get(r.id) ?? -1;
    byEntity.set(e, [...(byEntity.get(e) ?? []), r]);
  }
  const truth = new Set<string>();
  for (const group of byEntity.values()) {
    for (let i = 0; i < group.length; i++)
      for (let j = i + 1; j < group.length; j++) truth.add(key(group[i]?.id ?? '', group[j]?.id ?? ''));
  }
  return truth;
}

/** The true pairs blocking makes candidates (pair completeness counts them). */
function blockedTruePairs(
  read: readonly MatchRecord[],
  same: (a: string, b: string) => boolean,
): Set<string> {
  const prepared = read.map((r) => prepareRecord(r)).sort((x, y) => (x.id < y.id ? -1 : 1));
  const n = prepared.length;
  const found = new Set<string>();
  for (const code of candidatePairs(prepared)) {
    const a = prepared[Math.floor(code / n)];
    const b = prepared[code % n];
    if (a !== undefined && b !== undefined && same(a.id, b.id)) found.add(key(a.id, b.id));
  }
  return found;
}
