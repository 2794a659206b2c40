/**
 * Reads the CRM benchmark's mistakes: `npx tsx bench/dedupe-crm-run.ts [entities] [seed] [fp] [missed]`
 * prints the figures, then wrong `duplicate` flags, missed true pairs, and (with SHOW_UNBLOCKED set)
 * the true pairs blocking never compared.
 */
import type { MatchRecord } from '../src/matching/match-record.js';
import { evaluateCrmBenchmark } from './dedupe-crm-eval.js';

const [entities = '6000', seed = '2026', fp = '15', miss = '15'] = process.argv.slice(2);
const { falsePositives, missed, unblocked, ...figures } = await evaluateCrmBenchmark(
  Number(entities),
  Number(seed),
);
const show = (r: MatchRecord): string =>
  JSON.stringify([r.firstName, r.lastName, r.email, r.phone, r.mobilePhone, r.company, r.city, r.country]);
process.stdout.write(`${JSON.stringify(figures)}\n`);
for (const pair of falsePositives.slice(0, Number(fp)))
  process.stdout.write(`FP ${pair.score.toFixed(3)} ${pair.leftId} ${pair.rightId} ${pair.reasonText}\n`);
for (const [x, y] of missed.slice(0, Number(miss))) process.stdout.write(`MISS ${show(x)} ${show(y)}\n`);
if (process.env.SHOW_UNBLOCKED !== undefined)
  for (const [x, y] of unblocked) process.stdout.write(`UNBLOCKED ${show(x)} ${show(y)}\n`);
