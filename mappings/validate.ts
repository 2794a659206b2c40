import { LineCounter, parseDocument } from 'yaml';
import { checkMapping } from './check-mapping.js';
import { lineOf } from './source-lines.js';
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
  const issues = [...zodIssues, ...checkMapping(raw)].map(place);
  if (parsed.success && issues.length === 0) return { ok: true, mapping: parsed.data };
  return { ok: false, issues: sortIssues(issues) };
}

/** Validates an already parsed mapping (e.g. a JSON body at the admin API). Issues carry no line. */
export function validateMappingObject(raw: unknown): ValidationResult {
  return validateValue(raw, (i) => ({ ...i, file: null, line: null }));
}

/** Parses and validates a mapping file (YAML, or JSON, which YAML reads too). */
export function validateMapping(text: string, fileName: string): ValidationResult {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const issues = doc.errors.map((err) => ({
      path: '',
      message: err.message.split('\n')[0] ?? err.message,
      suggestion: null,
      file: fileName,
      line: counter.linePos(err.pos[0]).line,
    }));
    return { ok: false, issues };
  }
  const raw: unknown = doc.toJS();
  if (raw === null || raw === undefined) {
    return {
      ok: false,
      issues: [{ path: '', message: 'the mapping file is empty', suggestion: null, file: fileName, line: 1 }],
    };
  }
  return validateValue(raw, (i) => ({ ...i, file: fileName, line: lineOf(doc, counter, i.path) }));
}

/** `FILE:LINE path: message (did you mean "x"?)` — the CLI and logs print issues this way. */
export function formatIssue(issue: ValidationIssue): string {
  const where = issue.file === null ? '' : `${issue.file}${issue.line === null ? '' : `:${issue.line}`} `;
  const hint = issue.suggestion === null ? '' : ` (did you mean "${issue.suggestion}"?)`;
  return `${where}${issue.path === '' ? '' : `${issue.path}: `}${issue.message}${hint}`;
}
