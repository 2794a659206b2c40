import { classifyHubspotError } from '../classify-error.js';
import type { VendorFailure } from '../../vendor-failure.js';

export interface JournalHttpOptions {
  readonly timeoutMs: number;
  readonly now: () => number;
}

/** Statuses the caller reads itself instead of having them thrown. */
type Answered = readonly number[];

/** One HTTP call; a failure becomes the shared CRM error taxonomy (429 → rate limit with its wait). */
export async function journalFetch(
  url: string,
  init: RequestInit,
  options: JournalHttpOptions,
  answered: Answered = [],
): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(url, { ...init, signal: AbortSignal.timeout(options.timeoutMs) });
  } catch (error) {
    throw classified({ kind: 'network', error }, options);
  }
  if (res.ok || answered.includes(res.status)) return res;
  const headers: Record<string, string> = {};
  res.headers.forEach((value, name) => {
    headers[name] = value;
  });
  throw classified({ kind: 'response', status: res.status, headers, body: await res.text() }, options);
}

function classified(failure: VendorFailure, options: JournalHttpOptions): Error {
  return classifyHubspotError(failure, { now: options.now() }).error;
}
