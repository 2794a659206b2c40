import { createReadStream, createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import { once } from 'node:events';

import { SingleBar, Presets } from 'cli-progress';
import type { Command } from 'commander';
import { InvalidArgumentError, Option } from 'commander';
import { z } from 'zod';

import { bulkDedupe } from '../matching/bulk-dedupe.js';
import { countryCode } from '../matching/country-code.js';
import type { BulkDedupeProgress } from '../matching/bulk-dedupe.js';
import { Thresholds } from '../matching/decide.js';
import type { MatchField } from '../matching/match-record.js';
import { createPersonMatcher } from '../matching/match-people.js';
import { PAIRS_CSV_HEADER, pairCsvRow } from '../matching/pairs-csv.js';
import { isMatchField } from '../matching/resolve-columns.js';
import { formatOf, readDedupeRecords } from './dedupe-input.js';
import { DedupeInputError } from './dedupe-input-error.js';

/** Files above this size show progress on stderr even when it is not a terminal. */
const BIG_FILE_BYTES = 20 * 1024 * 1024;

const DedupeOptions = z.object({
  input: z.string().min(1),
  output: z.string().min(1).optional(),
  map: z.array(z.string()).default([]),
  thresholdDuplicate: z.number(),
  thresholdPossible: z.number(),
  country: z.string().optional(),
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

async function write(out: Writable, text: string): Promise<void> {
  if (!out.write(text)) await once(out, 'drain');
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
  const isTty = 'isTTY' in io.stderr && io.stderr.isTTY;
  const showProgress = isTty || size >= BIG_FILE_BYTES;
  const input = createReadStream(options.input);
  let bytesRead = 0;
  input.on('data', (chunk) => (bytesRead += chunk.length));
  const bar = isTty
    ? new SingleBar(
        {
          format: '{phase} [{bar}] {percentage}% | {value}/{total}',
          stream: io.stderr,
        },
        Presets.shades_classic,
      )
    : null;
  let phase: BulkDedupeProgress['phase'] | null = null;
  const onProgress = (event: BulkDedupeProgress): void => {
    if (!showProgress) return;
    if (bar !== null) {
      if (event.phase !== phase) {
        if (phase !== null) bar.stop();
        if (event.phase !== 'done')
          bar.start(event.phase === 'read' ? size : (event.total ?? 0), 0, { phase: event.phase });
      }
      if (event.phase !== 'done')
        bar.update(event.phase === 'read' ? bytesRead : event.done, { phase: event.phase });
    } else if (event.phase !== phase || event.phase === 'read') {
      const detail =
        event.phase === 'read'
          ? `${event.done} records (${Math.round((100 * bytesRead) / Math.max(1, size))}%)`
          : `${event.done}/${event.total ?? '?'}`;
      io.stderr.write(`dedupe: ${event.phase} ${detail}\n`);
    }
    phase = event.phase;
  };
  const records = readDedupeRecords(input, { name: options.input, format: formatOf(options.input), mapping });
  const started = performance.now();
  const result = await bulkDedupe(records, {
    matcher: createPersonMatcher({ thresholds }),
    onProgress,
    defaultCountry,
  });
  bar?.stop();

  const out = options.output === undefined ? io.stdout : createWriteStream(options.output);
  await write(out, `${PAIRS_CSV_HEADER}\n`);
  for (const pair of result.pairs) await write(out, `${pairCsvRow(pair)}\n`);
  if (out !== io.stdout) {
    out.end();
    await once(out, 'finish');
  }
  const duplicates = result.pairs.filter((p) => p.decision === 'duplicate').length;
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  io.stderr.write(
    `dedupe: ${result.stats.records} records, ${result.stats.candidatePairs} candidate pairs, ${duplicates} duplicate and ${result.pairs.length - duplicates} possible pairs in ${seconds}s\n`,
  );
  return result.pairs.length;
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
