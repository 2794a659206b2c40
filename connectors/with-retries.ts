import {
  CrmAuthError,
  CrmRateLimitError,
  CrmRejectedError,
  PartnersyncError,
} from '../src/core/errors/index.js';
import type { CallContext, ChangeCursor, ChangePage, CrmConnector } from './port.js';

/**
 * Retries for the setup commands (provision, backfill, mappings validate/preview, reports), which have
 * no job queue to retry them: a transient CRM failure (429, 5xx, reset, timeout — every call already
 * runs under a deadline, so a hung connection is one) is retried with capped exponential backoff and
 * full jitter; a 429 waits at least what the vendor asked (Retry-After, HubSpot's policy window). A
 * permanent error stops at once with one message naming the connection, the call and the vendor's words.
 * https://aws.amazon.com/builders-library/timeouts-retries-and-backoff-with-jitter/
 */

export interface RetryInfo {
  readonly connection: string;
  readonly call: string;
  readonly attempt: number;
  readonly waitMs: number;
  readonly reason: string;
}

export interface RetryOptions {
  /** Attempts per call, the first included. */
  readonly maxAttempts?: number;
  readonly baseMs?: number;
  readonly capMs?: number;
  /** A rate limit asking for a longer wait than this (HubSpot DAILY) is not waited out: it stops the command. */
  readonly maxRateLimitWaitMs?: number;
  readonly onRetry?: (info: RetryInfo) => void;
  readonly sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  readonly random?: () => number;
}

/** A call that failed for good: names the connection and call; the vendor's error is the cause. */
export class CrmCallFailedError extends PartnersyncError {
  readonly code: string;
  readonly httpStatus: number;
  readonly retryable = false;
  constructor(message: string, err: unknown) {
    super(message, { cause: err });
    this.code = err instanceof PartnersyncError ? err.code : 'crm_error';
    this.httpStatus = err instanceof PartnersyncError ? err.httpStatus : 502;
  }
}

/** The error a command stops on: of the vendor error's own class where callers tell them apart. */
export function callFailed(connection: string, call: string, err: unknown, attempts: number): Error {
  const message = (err instanceof Error ? err.message : String(err)).replace(
    /^(HubSpot |Salesforce )?connection "[^"]*": /,
    '',
  );
  const tries = attempts > 1 ? ` (gave up after ${attempts} attempts)` : '';
  const line = `connection "${connection}": ${call}${tries}: ${message}`;
  if (err instanceof CrmAuthError) return new CrmAuthError(line, { cause: err });
  if (err instanceof CrmRejectedError)
    return new CrmRejectedError(line, err.crmCode, err.fields, { cause: err });
  return new CrmCallFailedError(line, err);
}

const defaultSleep = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve, reject) => {
    signal.throwIfAborted();
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal.reason instanceof Error ? signal.reason : new Error(String(signal.reason)));
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });

/** Pure: the wait before attempt `attempt + 1` (full jitter under a capped exponential), or null to stop. */
export function retryDelay(
  err: unknown,
  attempt: number,
  o: Required<Omit<RetryOptions, 'onRetry' | 'sleep' | 'random'>>,
  random: () => number,
): number | null {
  if (!(err instanceof PartnersyncError) || !err.retryable || attempt >= o.maxAttempts) return null;
  const backoff = Math.floor(random() * Math.min(o.capMs, o.baseMs * 2 ** (attempt - 1)));
  if (err instanceof CrmRateLimitError) {
    if (err.retryAfterMs > o.maxRateLimitWaitMs) return null;
    return Math.max(err.retryAfterMs, backoff);
  }
  return backoff;
}

const DEFAULTS = { maxAttempts: 10, baseMs: 500, capMs: 30_000, maxRateLimitWaitMs: 5 * 60_000 };

/** Attempts a call made before the error that stopped it (the error itself stays untouched). */
const attemptsByError = new WeakMap<object, number>();

/** How many attempts a call made before `err` stopped it (1 when unknown). */
function attemptsOf(err: unknown): number {
  return typeof err === 'object' && err !== null ? (attemptsByError.get(err) ?? 1) : 1;
}

/** What a retry's progress line reports. */
function retryEvent(connection: string, call: string, attempt: number, waitMs: number, err: unknown) {
  return { connection, call, attempt, waitMs, reason: err instanceof Error ? err.message : String(err) };
}

/** The options with every default filled in. */
function resolvePolicy(options: RetryOptions) {
  return {
    maxAttempts: options.maxAttempts ?? DEFAULTS.maxAttempts,
    baseMs: options.baseMs ?? DEFAULTS.baseMs,
    capMs: options.capMs ?? DEFAULTS.capMs,
    maxRateLimitWaitMs: options.maxRateLimitWaitMs ?? DEFAULTS.maxRateLimitWaitMs,
    sleep: options.sleep ?? defaultSleep,
    random: options.random ?? Math.random,
  };
}

/**
 * One call under the retry policy: retried while its error is transient and attempts remain. Throws
 * the last error unchanged (with the attempt count kept for the message).
 */
export async function retryCall<T>(
  options: RetryOptions,
  connection: string,
  call: string,
  signal: AbortSignal,
  run: () => Promise<T>,
): Promise<T> {
  const { sleep, random, ...o } = resolvePolicy(options);
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await run();
    } catch (err) {
      if (signal.aborted) throw err;
      const wait = retryDelay(err, attempt, o, random);
      if (wait === null) {
        if (typeof err === 'object' && err !== null && attempt > attemptsOf(err))
          attemptsByError.set(err, attempt);
        throw err;
      }
      options.onRetry?.(retryEvent(connection, call, attempt, wait, err));
      await sleep(wait, signal);
    }
  }
}

interface ListRetry {
  readonly maxAttempts: number;
  readonly baseMs: number;
  readonly capMs: number;
  readonly maxRateLimitWaitMs: number;
  readonly onRetry: RetryOptions['onRetry'];
  readonly sleep: NonNullable<RetryOptions['sleep']>;
  readonly random: () => number;
}

/** listChanges that, after a transient failure, resumes from the cursor of the last page it yielded. */
function resumingListChanges(inner: CrmConnector, o: ListRetry): CrmConnector['listChanges'] {
  const connection = inner.connectionId;
  const { sleep, random } = o;
  return async function* listChanges(
    type: string,
    cursor: ChangeCursor | null,
    ctx: CallContext,
  ): AsyncGenerator<ChangePage> {
    let from = cursor;
    for (let attempt = 1; ; attempt += 1) {
      try {
        for await (const page of inner.listChanges(type, from, ctx)) {
          yield page;
          from = page.cursor;
          attempt = 1;
        }
        return;
      } catch (err) {
        if (ctx.signal.aborted) throw err;
        const call = `list changes of ${type}`;
        const wait = retryDelay(err, attempt, o, random);
        if (wait === null) throw callFailed(connection, call, err, Math.max(attempt, attemptsOf(err)));
        o.onRetry?.(retryEvent(connection, call, attempt, wait, err));
        await sleep(wait, ctx.signal);
      }
    }
  };
}

/** Wraps every call of a connector (listChanges page by page, resuming from the last cursor) in retries. */
export function withRetries(inner: CrmConnector, options: RetryOptions = {}): CrmConnector {
  const { sleep, random, ...o } = resolvePolicy(options);
  const connection = inner.connectionId;

  const retry = <T>(call: string, ctx: CallContext, run: () => Promise<T>): Promise<T> =>
    retryCall({ ...options, ...o, sleep, random }, connection, call, ctx.signal, run).catch(
      (err: unknown) => {
        throw ctx.signal.aborted ? err : callFailed(connection, call, err, attemptsOf(err));
      },
    );

  const listChanges = resumingListChanges(inner, { ...o, onRetry: options.onRetry, sleep, random });

  const wrapped: CrmConnector = {
    provider: inner.provider,
    connectionId: inner.connectionId,
    writeBatchSize: inner.writeBatchSize,
    readBatchSize: inner.readBatchSize,
    readCalls: (type, records) => inner.readCalls(type, records),
    writeCalls: (type, records) => inner.writeCalls(type, records),
    isRecordGone: (crmCode) => inner.isRecordGone(crmCode),
    apiUsage: () => inner.apiUsage(),
    readBatch: (type, ids, ctx) => retry(`read ${type}`, ctx, () => inner.readBatch(type, ids, ctx)),
    listChanges,
    writeBatch: (type, writes, ctx) => retry(`write ${type}`, ctx, () => inner.writeBatch(type, writes, ctx)),
    upsertByExternalKey: (type, keyField, rows, ctx) =>
      retry(`upsert ${type}`, ctx, () => inner.upsertByExternalKey(type, keyField, rows, ctx)),
    deleteBatch: (type, ids, ctx) => retry(`delete ${type}`, ctx, () => inner.deleteBatch(type, ids, ctx)),
    describe: (type, ctx) => retry(`describe ${type}`, ctx, () => inner.describe(type, ctx)),
    // Provisioning reads before it writes and skips what exists, so running it again is safe.
    ensureSchema: (spec, ctx) => retry('provision', ctx, () => inner.ensureSchema(spec, ctx)),
  };
  const { linkRecords, mappingType, apiType } = inner;
  return {
    ...wrapped,
    ...(linkRecords === undefined
      ? {}
      : {
          linkRecords: (
            from: string,
            to: string,
            links: Parameters<typeof linkRecords>[2],
            ctx: CallContext,
          ) => retry(`link ${from} to ${to}`, ctx, () => linkRecords.call(inner, from, to, links, ctx)),
        }),
    ...(mappingType === undefined
      ? {}
      : {
          mappingType: (ref: string, ctx: CallContext) =>
            retry(`resolve object type ${ref}`, ctx, () => mappingType.call(inner, ref, ctx)),
        }),
    ...(apiType === undefined
      ? {}
      : {
          apiType: (type: string, ctx: CallContext) =>
            retry(`resolve object type ${type}`, ctx, () => apiType.call(inner, type, ctx)),
        }),
  };
}
