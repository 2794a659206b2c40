import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Writable } from 'node:stream';

import type { Command } from 'commander';
import { InvalidArgumentError, Option } from 'commander';
import { z } from 'zod';

import { bulkDedupe } from '../matching/bulk-dedupe.js';
import { countryCode } from '../matching/country-code.js';
import { Thresholds } from '../matching/decide.js';
import type { MatchField, MatchRecord } from '../matching/match-record.js';
import type { ColumnResolution } from '../matching/resolve-columns.js';
import { createPersonMatcher } from '../matching/match-people.js';
import type { PersonMatch } from '../matching/match-people.js';
import { PAIRS_CSV_HEADER, pairCsvRow } from '../matching/pairs-csv.js';
import { isMatchField } from '../matching/resolve-columns.js';
import { formatOf, readDedupeRecords } from './dedupe-input.js';
import { DedupeInputError } from './dedupe-input-error.js';
import { dedupeProgress } from './dedupe-progress.js';
import { createPreparePool } from '../parallel/prepare-pool.js';
import { pairsToFile, pairsToStream } from './pairs-output.js';

const DedupeOptions = z.object({
  input: z.string().min(1),
  output: z.string().min(1).optional(),
  map: z.array(z.string()).default([]),
  thresholdDuplicate: z.number(),
  thresholdPossible: z.number(),
  country: z.string().optional(),
  skipBadRows: z.boolean().default(false),
  withFields: z.boolean().default(false),
  /** Worker threads normalising records; 0 normalises in the reading thread. */
  threads: z.number().int().min(0).optional(),
});

function parseScore(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || n > 1)
    throw new InvalidArgumentError('must be a number between 0 and 1');
  return n;
}

/** `--country`: an ISO code or a country name as CRMs export it, returned as the ISO alpha-2 code. */
export function parseCountry(value: string): string {
  const code = countryCode(value);
  if (code === null) throw new InvalidArgumentError(`"${value}" is not a country name or ISO 3166-1 code`);
  return code;
}

function parseThreads(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 64)
    throw new InvalidArgumentError('must be a whole number from 0 to 64');
  return n;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** Parses `--map field=Column` entries; throws naming the bad entry. */
export function parseFieldMap(entries: readonly string[]): Partial<Record<MatchField, string>> {
  const mapping: Partial<Record<MatchField, string>> = {};
  for (const entry of entries) {
    const eq = entry.indexOf('=');
    const field = entry.slice(0, eq).trim();
    const column = entry.slice(eq + 1).trim();
    if (eq <= 0 || column === '') throw new InvalidArgumentError(`--map ${entry}: expected field=Column`);
    if (!isMatchField(field)) throw new InvalidArgumentError(`--map ${entry}: unknown field "${field}"`);
    mapping[field] = column;
  }
  return mapping;
}

/** Runs `partnersync dedupe`; returns the number of pairs written. Progress and a summary go to `stderr`. */
export async function runDedupe(
  raw: z.input<typeof DedupeOptions>,
  io: { stdout: Writable; stderr: NodeJS.WriteStream | Writable } = {
    stdout: process.stdout,
    stderr: process.stderr,
  },
): Promise<number> {
  const options = DedupeOptions.parse(raw);
  const thresholds = Thresholds.parse({
    duplicate: options.thresholdDuplicate,
    possible: options.thresholdPossible,
  });
  const mapping = parseFieldMap(options.map);
  const defaultCountry = options.country === undefined ? null : parseCountry(options.country);
  const size = (await stat(options.input)).size;
  const input = createReadStream(options.input);
  let bytesRead = 0;
  input.on('data', (chunk) => (bytesRead += chunk.length));
  const progress = dedupeProgress(io.stderr, size, () => bytesRead);
  const skipped: DedupeInputError[] = [];
  const onHeader = (resolution: ColumnResolution, headers: readonly string[]): void => {
    io.stderr.write(`${describeColumns(resolution, headers)}\n`);
  };
  const read = readDedupeRecords(input, {
    name: options.input,
    format: formatOf(options.input),
    mapping,
    onHeader,
    ...(options.skipBadRows ? { onBadRow: (err: DedupeInputError) => skipped.push(err) } : {}),
  });
  const shown = new Map<string, MatchRecord>();
  const records = options.withFields ? remember(read, shown) : read;
  const started = performance.now();
  // In-thread by default: measured on a 200k-row export, a worker thread cost more CPU and ~50 % more
  // peak memory (its own heap, batches in flight) than it saved; worth it only with cores to spare.
  const threads = options.threads ?? 0;
  const pool = threads === 0 ? null : createPreparePool(threads);
  const header = `${PAIRS_CSV_HEADER}${options.withFields ? `,${FIELDS_CSV_HEADER}` : ''}\n`;
  const output =
    options.output === undefined ? pairsToStream(io.stdout, header) : pairsToFile(options.output, header);
  // Each pair as its CSV line while scoring, so a large run never holds every pair with its reasons.
  const result = await bulkDedupe(records, {
    onPair: (pair) => output.add(pairLine(pair, options.withFields, shown)),
    matcher: createPersonMatcher({ thresholds }),
    onProgress: progress.onProgress,
    defaultCountry,
    ...(pool === null ? {} : { prepareBatch: pool.prepareBatch }),
  })
    .catch((err: unknown) => {
      output.abandon();
      throw err;
    })
    .finally(() => pool?.close());
  progress.stop();

  await output.finish();
  const duplicates = result.stats.duplicatePairs;
  const found = result.stats.pairsFound;
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  for (const err of skipped) io.stderr.write(`dedupe: skipped ${err.message}\n`);
  io.stderr.write(
    `dedupe: ${result.stats.records} records, ${result.stats.candidatePairs} candidate pairs, ${duplicates} duplicate and ${found - duplicates} possible pairs in ${seconds}s${options.skipBadRows ? `; ${skipped.length} bad rows skipped` : ''}\n`,
  );
  return found;
}

/** One pair as its CSV line, with the records' fields when `--with-fields`. */
function pairLine(pair: PersonMatch, withFields: boolean, shown: ReadonlyMap<string, MatchRecord>): string {
  const extra = withFields ? `,${fieldsCsv(shown.get(pair.leftId), shown.get(pair.rightId))}` : '';
  return `${pairCsvRow(pair)}${extra}\n`;
}

/** Keeps the name and email of each record read, for `--with-fields`. */
async function* remember(
  records: AsyncIterable<MatchRecord>,
  into: Map<string, MatchRecord>,
): AsyncGenerator<MatchRecord> {
  for await (const record of records) {
    into.set(record.id, {
      id: record.id,
      kind: record.kind,
      firstName: record.firstName ?? null,
      lastName: record.lastName ?? null,
      email: record.email ?? null,
    });
    yield record;
  }
}

const FIELDS_CSV_HEADER = 'left_name,left_email,right_name,right_email';

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

function fieldsCsv(left: MatchRecord | undefined, right: MatchRecord | undefined): string {
  const name = (r: MatchRecord | undefined): string =>
    [r?.firstName, r?.lastName].filter((p) => p != null && p !== '').join(' ');
  return [name(left), left?.email ?? '', name(right), right?.email ?? ''].map(csvField).join(',');
}

/**
 * The columns a file's header fed, and those it did not: "dedupe: columns recognised: First Name →
 * firstName, …; ignored: Title, Lead Source". Warns when nothing but an id was recognised.
 */
export function describeColumns(resolution: ColumnResolution, headers: readonly string[]): string {
  const fields: [string, number][] = Object.entries(resolution.columns);
  if (resolution.fullName !== undefined) fields.push(['firstName + lastName (split)', resolution.fullName]);
  const used = fields.sort((a, b) => a[1] - b[1]).map(([field, at]) => `${headers[at] ?? '?'} → ${field}`);
  const lines = [
    `dedupe: columns recognised: ${used.join(', ')}`,
    `dedupe: columns ignored: ${resolution.unused.length === 0 ? '(none)' : resolution.unused.join(', ')}`,
  ];
  const matchable = Object.keys(resolution.columns)
    .filter((f) => f !== 'id' && f !== 'kind' && f !== 'createdAt')
    .concat(resolution.fullName === undefined ? [] : ['fullName']);
  if (matchable.length === 0)
    lines.push(
      'dedupe: warning: no name, email, phone or company column was recognised; nothing can match. Use --map field=Column.',
    );
  return lines.join('\n');
}

/** Registers `partnersync dedupe --input FILE [--output pairs.csv] [--map field=Column …] [--threshold-* n]`. */
export function registerDedupeCommand(program: Command): Command {
  return program
    .command('dedupe')
    .description(
      'Find duplicate leads and contacts in a CSV or JSONL export (Salesforce and HubSpot headers recognised)',
    )
    .requiredOption('--input <file>', 'CSV or JSONL (.jsonl/.ndjson) file to check')
    .option('--output <file>', 'write pairs CSV here instead of stdout')
    .addOption(
      new Option(
        '--country <code>',
        'read phone numbers of records without a country in this country (e.g. US, DE, "United Kingdom")',
      ).argParser(parseCountry),
    )
    .addOption(
      new Option(
        '--map <field=Column>',
        'read a field from a column, repeatable (e.g. dateOfBirth=DOB, externalId="Member No")',
      )
        .argParser(collect)
        .default([]),
    )
    .addOption(
      new Option(
        '--threads <n>',
        'worker threads that normalise records while the file is read (default 0: in the reading thread)',
      ).argParser(parseThreads),
    )
    .option('--skip-bad-rows', 'skip rows that cannot be read, then list them with their reasons')
    .option('--with-fields', 'add the names and emails of both records to each output pair')
    .addOption(
      new Option('--threshold-duplicate <score>', 'score at or above which a pair is a duplicate')
        .argParser(parseScore)
        .default(0.9),
    )
    .addOption(
      new Option('--threshold-possible <score>', 'score at or above which a pair is a possible duplicate')
        .argParser(parseScore)
        .default(0.6),
    )
    .action(async (opts: z.input<typeof DedupeOptions>) => {
      try {
        await runDedupe(opts);
      } catch (err) {
        if (!(err instanceof DedupeInputError)) throw err;
        process.stderr.write(`error: ${err.message}\n`);
        process.exitCode = 2;
      }
    });
}
