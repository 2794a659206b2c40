import { createReadStream } from 'node:fs';
import { extname } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';

import { CsvError, parse } from 'csv-parse';
import { parse as parseSync } from 'csv-parse/sync';

import type { MatchField, MatchRecord } from '../matching/match-record.js';
import { MATCH_FIELDS } from '../matching/match-record.js';
import { resolveColumns } from '../matching/resolve-columns.js';
import { splitFullName } from '../matching/split-full-name.js';
import type { ColumnResolution } from '../matching/resolve-columns.js';
import { PayloadLimitError } from '../core/errors/index.js';
import { checkJsonStructure } from '../core/limits/json-structure.js';
import { DedupeInputError } from './dedupe-input-error.js';

const JSONL_LIMITS = { maxDepth: 16, maxValues: 100_000 } as const;

export type DedupeInputFormat = 'csv' | 'jsonl';

export interface DedupeInputOptions {
  /** Shown in errors. */
  readonly name: string;
  readonly format: DedupeInputFormat;
  /** `--map field=Column` entries. */
  readonly mapping?: Readonly<Partial<Record<MatchField, string>>>;
  /** Called with the resolved columns once the header is read. */
  readonly onHeader?: (resolution: ColumnResolution, headers: readonly string[]) => void;
  /**
   * `--skip-bad-rows`: a row that cannot be read is passed here and skipped instead of stopping the
   * run. A bad header still stops it.
   */
  readonly onBadRow?: (err: DedupeInputError) => void;
}

export function formatOf(file: string): DedupeInputFormat {
  const ext = extname(file).toLowerCase();
  return ext === '.jsonl' || ext === '.ndjson' ? 'jsonl' : 'csv';
}

/** Streams match records from a CSV or JSONL file without loading it whole. */
export function readDedupeFile(
  file: string,
  mapping: DedupeInputOptions['mapping'] = {},
): AsyncIterable<MatchRecord> {
  return readDedupeRecords(createReadStream(file), { name: file, format: formatOf(file), mapping });
}

/** A cell's text, trimmed; null when empty. */
function cell(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const s = (
    typeof value === 'string' ? value : typeof value === 'number' ? String(value) : JSON.stringify(value)
  ).trim();
  return s === '' ? null : s;
}

function toRecord(
  values: readonly unknown[],
  resolution: ColumnResolution,
  headers: readonly string[],
  where: { file: string; line: number },
): MatchRecord {
  const text = (field: MatchField): string | null => {
    const at = resolution.columns[field];
    return at === undefined ? null : cell(values[at]);
  };
  const id = text('id');
  const idColumn = resolution.columns.id;
  if (id === null) {
    throw new DedupeInputError('record has no id', {
      ...where,
      column: idColumn === undefined ? 'id' : (headers[idColumn] ?? 'id'),
    });
  }
  const rawKind = text('kind')?.toLowerCase() ?? resolution.defaultKind;
  if (rawKind !== 'lead' && rawKind !== 'contact') {
    const kindColumn = resolution.columns.kind;
    throw new DedupeInputError(`kind must be lead or contact, got "${rawKind}"`, {
      ...where,
      column: kindColumn === undefined ? 'kind' : (headers[kindColumn] ?? 'kind'),
    });
  }
  const record: Record<string, string | null> = {};
  for (const field of MATCH_FIELDS) if (field !== 'id' && field !== 'kind') record[field] = text(field);
  const whole = resolution.fullName === undefined ? null : cell(values[resolution.fullName]);
  if (whole !== null) {
    const parts = splitFullName(whole);
    record['firstName'] = parts.firstName;
    record['lastName'] = parts.lastName;
    record['suffix'] ??= parts.suffix;
  }
  return { ...record, id, kind: rawKind };
}

/** Reads one row; with `onBadRow`, a row error is reported and the row skipped (null). */
function readRow(read: () => MatchRecord, options: DedupeInputOptions): MatchRecord | null {
  if (options.onBadRow === undefined) return read();
  try {
    return read();
  } catch (err) {
    if (!(err instanceof DedupeInputError)) throw err;
    options.onBadRow(err);
    return null;
  }
}

function requireId(resolution: ColumnResolution, headers: readonly string[], file: string): void {
  const missing = resolution.missing[0];
  if (missing !== undefined) {
    throw new DedupeInputError(
      `--map ${missing.field}=${missing.column}: no such column (columns: ${headers.join(', ')})`,
      { file, line: 1 },
    );
  }
  if (resolution.columns.id === undefined) {
    throw new DedupeInputError(`no id column found (expected "Record ID" or "Id", or pass --map id=Column)`, {
      file,
      line: 1,
    });
  }
}

async function* readCsv(stream: Readable, options: DedupeInputOptions): AsyncGenerator<MatchRecord> {
  const skipping = options.onBadRow !== undefined;
  const parser = stream.pipe(
    parse({ bom: true, info: true, skip_empty_lines: true, skip_records_with_error: skipping }),
  );
  parser.on('skip', (err: CsvError) => {
    const context = err as CsvError & { lines?: number };
    options.onBadRow?.(
      new DedupeInputError(
        err.message.replace(/ (on|at) line \d+/, ''),
        { file: options.name, ...(context.lines === undefined ? {} : { line: context.lines }) },
        { cause: err },
      ),
    );
  });
  let headers: string[] | null = null;
  // The parser can fail before the header row reaches this loop (one chunk holds both), so keep the
  // raw first line to name columns in errors.
  let firstLine = '';
  const onData = (chunk: Buffer | string): void => {
    firstLine += chunk.toString();
    const end = firstLine.indexOf('\n');
    if (end >= 0 || firstLine.length > 65_536) {
      firstLine = firstLine.slice(0, end >= 0 ? end : undefined);
      stream.off('data', onData);
    }
  };
  stream.on('data', onData);
  let resolution: ColumnResolution | null = null;
  try {
    for await (const row of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      if (headers === null || resolution === null) {
        headers = row.record.map((h) => h.trim());
        resolution = resolveColumns(headers, options.mapping);
        requireId(resolution, headers, options.name);
        options.onHeader?.(resolution, headers);
        continue;
      }
      const columns = resolution;
      const names = headers;
      const record = readRow(
        () => toRecord(row.record, columns, names, { file: options.name, line: row.info.lines }),
        options,
      );
      if (record !== null) yield record;
    }
  } catch (err) {
    if (err instanceof CsvError) {
      const context = err as CsvError & { lines?: number; column?: number | string };
      const index = typeof context.column === 'number' ? context.column : null;
      const header = headers ?? headerOf(firstLine);
      const name = index === null ? undefined : header[index];
      const column = index === null ? undefined : `${index + 1}${name === undefined ? '' : ` (${name})`}`;
      throw new DedupeInputError(
        err.message.replace(/ (on|at) line \d+/, ''),
        {
          file: options.name,
          ...(context.lines === undefined ? {} : { line: context.lines }),
          ...(column === undefined ? {} : { column }),
        },
        { cause: err },
      );
    }
    throw err;
  }
}

function headerOf(line: string): string[] {
  try {
    const rows: string[][] = parseSync(line.replace(/^\uFEFF/, ''), { relax_quotes: true });
    return (rows[0] ?? []).map((h) => h.trim());
  } catch {
    return [];
  }
}

function jsonColumn(message: string, line: string): string | undefined {
  const col = /column (\d+)/.exec(message)?.[1];
  if (col !== undefined) return col;
  const pos = /position (\d+)/.exec(message)?.[1];
  if (pos !== undefined) return String(Number(pos) + 1);
  return line.length === 0 ? undefined : String(line.length);
}

async function* readJsonl(stream: Readable, options: DedupeInputOptions): AsyncGenerator<MatchRecord> {
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  const cache = new Map<string, { resolution: ColumnResolution; keys: string[] }>();
  let lineNo = 0;
  for await (const line of lines) {
    lineNo++;
    if (line.trim() === '') continue;
    let value: unknown;
    try {
      // A record is flat; nesting past this is refused before anything walks it recursively.
      checkJsonStructure(line, JSONL_LIMITS, 'record');
      value = JSON.parse(line);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      if (err instanceof PayloadLimitError) {
        throw new DedupeInputError(message, { file: options.name, line: lineNo }, { cause: err });
      }
      const column = jsonColumn(message, line);
      const bad = new DedupeInputError(
        `invalid JSON: ${message}`,
        { file: options.name, line: lineNo, ...(column === undefined ? {} : { column }) },
        { cause: err },
      );
      if (options.onBadRow === undefined) throw bad;
      options.onBadRow(bad);
      continue;
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      const bad = new DedupeInputError('each line must be a JSON object', {
        file: options.name,
        line: lineNo,
        column: '1',
      });
      if (options.onBadRow === undefined) throw bad;
      options.onBadRow(bad);
      continue;
    }
    const keys = Object.keys(value);
    const signature = keys.join('\u0000');
    let entry = cache.get(signature);
    if (entry === undefined) {
      const resolution = resolveColumns(keys, options.mapping);
      requireId(resolution, keys, options.name);
      if (cache.size === 0) options.onHeader?.(resolution, keys);
      entry = { resolution, keys };
      if (cache.size < 1000) cache.set(signature, entry);
    }
    const values = keys.map((k) => (value as Record<string, unknown>)[k]);
    const resolved = entry;
    const record = readRow(
      () => toRecord(values, resolved.resolution, resolved.keys, { file: options.name, line: lineNo }),
      options,
    );
    if (record !== null) yield record;
  }
}

/** Streams match records from CSV (first row = header) or JSON Lines. Errors name the file, line and column. */
export function readDedupeRecords(stream: Readable, options: DedupeInputOptions): AsyncIterable<MatchRecord> {
  return options.format === 'jsonl' ? readJsonl(stream, options) : readCsv(stream, options);
}
