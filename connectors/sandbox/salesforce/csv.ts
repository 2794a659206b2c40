import { text } from '../text.js';
import { parse } from 'csv-parse/sync';

// https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/datafiles_csv_preparing.htm
export const DELIMITERS = {
  COMMA: ',',
  TAB: '\t',
  PIPE: '|',
  SEMICOLON: ';',
  CARET: '^',
  BACKQUOTE: '`',
} as const;
export type ColumnDelimiter = keyof typeof DELIMITERS;

export function parseCsv(text: string, delimiter: ColumnDelimiter): string[][] {
  return parse(text, {
    delimiter: DELIMITERS[delimiter],
    relax_column_count: false,
    skip_empty_lines: true,
    bom: true,
  });
}

function cell(v: unknown, delimiter: string): string {
  if (v === null || v === undefined) return '';
  const s = text(v);
  return s === '' || /["\r\n]/.test(s) || s.includes(delimiter) || /^\s|\s$/.test(s)
    ? `"${s.replace(/"/g, '""')}"`
    : s;
}

export function toCsv(
  header: readonly string[],
  rows: readonly (readonly unknown[])[],
  delimiter: ColumnDelimiter,
  lineEnding: 'LF' | 'CRLF',
): string {
  const d = DELIMITERS[delimiter];
  const eol = lineEnding === 'CRLF' ? '\r\n' : '\n';
  return [header, ...rows].map((r) => r.map((v) => cell(v, d)).join(d)).join(eol) + eol;
}
