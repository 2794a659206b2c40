import { parseYamlSource, type YamlSource } from '../src/core/offload/parse-worker.js';
import { checkMapping } from './check-mapping.js';
import { Mapping } from './schema.js';
import type { CheckIssue } from './suggest.js';
import { describeZodIssues } from './zod-issues.js';

export interface ValidationIssue extends CheckIssue {
  readonly file: string | null;
  /** 1-based line in the file, when the mapping came from text. */
  readonly line: number | null;
}

/** Either a mapping ready to use, or every issue — never a partly valid mapping. */
export type ValidationResult =
  | { readonly ok: true; readonly mapping: Mapping }
  | { readonly ok: false; readonly issues: readonly ValidationIssue[] };

function sortIssues(issues: ValidationIssue[]): ValidationIssue[] {
  return issues.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || a.path.localeCompare(b.path));
}

function validateValue(raw: unknown, place: (issue: CheckIssue) => ValidationIssue): ValidationResult {
  const parsed = Mapping.safeParse(raw);
  const zodIssues = parsed.success ? [] : describeZodIssues(parsed.error.issues, raw);
  // Bounded: a hostile mapping can raise thousands of issues, and nobody reads past the first hundred.
  const issues = [...zodIssues, ...checkMapping(raw)].slice(0, 100).map(place);
  if (parsed.success && issues.length === 0) return { ok: true, mapping: parsed.data };
  return { ok: false, issues: sortIssues(issues) };
}

/** Validates an already parsed mapping (e.g. a JSON body at the admin API). Issues carry no line. */
export function validateMappingObject(raw: unknown): ValidationResult {
  return validateValue(raw, (i) => ({ ...i, file: null, line: null }));
}

/** A mapping text is refused above this size before it is parsed (the shipped defaults are ~10 KB). */
export const MAPPING_MAX_BYTES = 256 * 1024;
/** Keys and items of a mapping text, counted while its lines are indexed. */
export const MAPPING_MAX_NODES = 20_000;

/** The line of a path, or of its deepest parent present in the source. */
function lineIn(lines: Readonly<Record<string, number>>, path: string): number | null {
  for (let p = path; ; p = p.slice(0, Math.max(0, p.lastIndexOf('.')))) {
    const line = lines[p];
    if (line !== undefined) return line;
    if (p === '') return null;
  }
}

/** Validates a mapping text already parsed by `parseYamlSource` (on this thread or a worker). */
export function validateMappingSource(source: YamlSource, fileName: string): ValidationResult {
  if (!source.ok) {
    return {
      ok: false,
      issues: source.issues.map((i) => ({
        path: '',
        message: i.message,
        suggestion: null,
        file: fileName,
        line: i.line,
      })),
    };
  }
  if (source.value === null || source.value === undefined) {
    return {
      ok: false,
      issues: [{ path: '', message: 'the mapping file is empty', suggestion: null, file: fileName, line: 1 }],
    };
  }
  return validateValue(source.value, (i) => ({ ...i, file: fileName, line: lineIn(source.lines, i.path) }));
}

/** The refusal of a text over `MAPPING_MAX_BYTES`, checked before any parsing; `null` when within it. */
export function mappingTooLarge(text: string, fileName: string): ValidationResult | null {
  if (Buffer.byteLength(text, 'utf8') <= MAPPING_MAX_BYTES) return null;
  return {
    ok: false,
    issues: [
      {
        path: '',
        message: `the mapping is larger than ${MAPPING_MAX_BYTES} bytes`,
        suggestion: null,
        file: fileName,
        line: null,
      },
    ],
  };
}

/** Parses and validates a mapping file (YAML, or JSON, which YAML reads too) on the calling thread. */
export function validateMapping(text: string, fileName: string): ValidationResult {
  return (
    mappingTooLarge(text, fileName) ??
    validateMappingSource(parseYamlSource(text, MAPPING_MAX_NODES), fileName)
  );
}

/** `FILE:LINE path: message (did you mean "x"?)` — the CLI and logs print issues this way. */
export function formatIssue(issue: ValidationIssue): string {
  const where = issue.file === null ? '' : `${issue.file}${issue.line === null ? '' : `:${issue.line}`} `;
  const hint = issue.suggestion === null ? '' : ` (did you mean "${issue.suggestion}"?)`;
  return `${where}${issue.path === '' ? '' : `${issue.path}: `}${issue.message}${hint}`;
}
