import { closestMatch } from 'leven';

/** A problem found in a mapping, before it is placed on a source line. */
export interface CheckIssue {
  readonly path: string;
  readonly message: string;
  /** The closest known name, for "(did you mean …?)". */
  readonly suggestion: string | null;
}

/** The closest candidate within a small edit distance (case-insensitive), or null. */
export function suggest(value: string, candidates: readonly string[]): string | null {
  const lowered = candidates.map((c) => c.toLowerCase());
  const maxDistance = Math.max(1, Math.ceil(value.length / 3));
  const hit = closestMatch(value.toLowerCase(), lowered, { maxDistance });
  if (hit === undefined) return null;
  return candidates[lowered.indexOf(hit)] ?? null;
}

export function checkIssue(path: string, message: string, suggestion: string | null = null): CheckIssue {
  return { path, message, suggestion };
}
