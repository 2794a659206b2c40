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
import { generateCrmBenchmark, writeCrmCsv } from './dedupe-crm.js';

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

/** Generates the benchmark at `entities` people, runs the matcher on both exports, and scores it. */
export async function evaluateCrmBenchmark(entities: number, seed = 2026): Promise<CrmAccuracy> {
  const { files } = generateCrmBenchmark({ entities, seed });
  const dir = await mkdtemp(join(tmpdir(), 'partnersync-crm-bench-'));
  let tp = 0;
  let predicted = 0;
  let truePairs = 0;
  let blocked = 0;
  let possible = 0;
  let possibleTrue = 0;
  let records = 0;
  let seconds = 0;
  let cpuSeconds = 0;
  let baseTp = 0;
  let basePredicted = 0;
  const calibration: { score: number; truth: boolean }[] = [];
  const falsePositives: PersonMatch[] = [];
  const missed: [MatchRecord, MatchRecord][] = [];
  const unblocked: [MatchRecord, MatchRecord][] = [];
  try {
    for (const file of files) {
      const path = join(dir, `${file.crm}.csv`);
      await writeCrmCsv(path, file);
      const idColumn = file.crm === 'salesforce' ? 'Lead ID' : 'Record ID';
      const entityOf = new Map(file.rows.map((row) => [row.values[idColumn] ?? '', row.entity]));
      const started = performance.now();
      const cpu = process.cpuUsage();
      const read = await readAll(path);
      const result = await bulkDedupe(read);
      seconds += (performance.now() - started) / 1000;
      const used = process.cpuUsage(cpu);
      cpuSeconds += (used.user + used.system) / 1e6;
      records += read.length;
      const same = (a: string, b: string): boolean => entityOf.get(a) === entityOf.get(b);
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
      truePairs += truth.size;
      const prepared = read.map((r) => prepareRecord(r)).sort((x, y) => (x.id < y.id ? -1 : 1));
      const candidates = candidatePairs(prepared);
      const n = prepared.length;
      const found = new Set<string>();
      for (const code of candidates) {
        const a = prepared[Math.floor(code / n)];
        const b = prepared[code % n];
        if (a !== undefined && b !== undefined && same(a.id, b.id)) {
          blocked++;
          found.add(key(a.id, b.id));
        }
      }
      const byIdAll = new Map(read.map((r) => [r.id, r]));
      const flagged = new Set<string>();
      for (const pair of result.pairs) {
        const truthy = same(pair.leftId, pair.rightId);
        calibration.push({ score: pair.score, truth: truthy });
        if (pair.decision === 'duplicate') {
          predicted++;
          flagged.add(key(pair.leftId, pair.rightId));
          if (truthy) tp++;
          else falsePositives.push(pair);
        } else if (pair.decision === 'possible') {
          possible++;
          if (truthy) possibleTrue++;
        }
      }
      const byId = new Map(read.map((r) => [r.id, r]));
      for (const k of truth) {
        if (!found.has(k) && unblocked.length < 100) {
          const [a, b] = k.split('|');
          const ra = byIdAll.get(a ?? '');
          const rb = byIdAll.get(b ?? '');
          if (ra !== undefined && rb !== undefined) unblocked.push([ra, rb]);
        }
        if (flagged.has(k)) continue;
        const [a, b] = k.split('|');
        const ra = byId.get(a ?? '');
        const rb = byId.get(b ?? '');
        if (ra !== undefined && rb !== undefined && missed.length < 200) missed.push([ra, rb]);
      }
      const base = baselinePairs(read);
      basePredicted += base.size;
      for (const k of base) if (truth.has(k)) baseTp++;
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  const precision = predicted === 0 ? 0 : tp / predicted;
  const recall = truePairs === 0 ? 0 : tp / truePairs;
  const bp = basePredicted === 0 ? 0 : baseTp / basePredicted;
  const br = truePairs === 0 ? 0 : baseTp / truePairs;
  return {
    records,
    truePairs,
    precision,
    recall,
    f1: f1(precision, recall),
    pairCompleteness: truePairs === 0 ? 1 : blocked / truePairs,
    calibrationError: expectedCalibrationError(calibration),
    possiblePrecision: possible === 0 ? 0 : possibleTrue / possible,
    possiblePairs: possible,
    baseline: { precision: bp, recall: br, f1: f1(bp, br) },
    seconds,
    cpuSeconds,
    falsePositives,
    missed,
    unblocked,
  };
}
