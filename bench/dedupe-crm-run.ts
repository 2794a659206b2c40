/**
 * Reads the CRM benchmark's mistakes: `npx tsx bench/dedupe-crm-run.ts [entities] [seed] [fp] [missed]`
 * prints the figures, then wrong `duplicate` flags and missed true pairs.
 */
import { evaluateCrmBenchmark } from './dedupe-crm-eval.js';

const [entities = '6000', seed = '2026', fp = '15', miss = '15'] = process.argv.slice(2);
const { falsePositives, missed, unblocked, ...figures } = await evaluateCrmBenchmark(
  Number(entities),
  Number(seed),
);
process.stdout.write(`${JSON.stringify(figures)}\n`);
for (const pair of falsePositives.slice(0, Number(fp)))
  process.stdout.write(`FP ${pair.score.toFixed(3)} ${pair.leftId} ${pair.rightId} ${pair.reasonText}\n`);
for (const [x, y] of [
  ...missed.slice(0, Number(miss)),
  ...unblocked.map((p) => ['UNBLOCKED', ...p] as const),
].flatMap((p) => (p.length === 2 ? [p] : []))) {
  const show = (r: typeof x): string =>
    JSON.stringify([r.firstName, r.lastName, r.email, r.phone, r.company, r.city, r.country]);
  process.stdout.write(`MISS ${show(x)} ${show(y)}\n`);
}
if (process.env.SHOW_UNBLOCKED !== undefined) {
  for (const [x, y] of unblocked)
    process.stdout.write(
      `UNBLOCKED ${JSON.stringify([x.firstName, x.lastName, x.email, x.phone, x.mobilePhone, x.company, x.city])} ${JSON.stringify([y.firstName, y.lastName, y.email, y.phone, y.mobilePhone, y.company, y.city])}\n`,
    );
}
