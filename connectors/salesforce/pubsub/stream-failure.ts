import { Metadata } from '@grpc/grpc-js';

/** Why a Subscribe stream ended, and so how to come back. */
export type StreamFailureKind =
  /** The session is no longer valid: sign in again before reconnecting. */
  | 'auth'
  /** The stored replay id is outside the retention window (or unknown): events were missed. */
  | 'replay-invalid'
  /** No such channel: the object is not selected for Change Data Capture (or not supported). */
  | 'unavailable'
  /** Reset, network loss, server unavailable: reconnect with backoff from the committed replay id. */
  | 'transient';

const UNAUTHENTICATED = 16;
const NOT_FOUND = 5;

/**
 * Classifies a gRPC error by its status and the Pub/Sub API `error-code` trailer.
 * https://developer.salesforce.com/docs/platform/pub-sub-api/guide/handling-errors.html
 * https://developer.salesforce.com/docs/platform/pub-sub-api/guide/retry-rpc-calls.html ("…replayid.corrupted":
 * the replay id is invalid, e.g. older than the 72-hour retention).
 */
export function classifyStreamFailure(error: unknown): { kind: StreamFailureKind; reason: string } {
  if (typeof error !== 'object' || error === null) return { kind: 'transient', reason: String(error) };
  const code = 'code' in error && typeof error.code === 'number' ? error.code : undefined;
  const details = 'details' in error && typeof error.details === 'string' ? error.details : undefined;
  const metadata = 'metadata' in error && error.metadata instanceof Metadata ? error.metadata : undefined;
  const errorCode = String(metadata?.get('error-code')[0] ?? '');
  const reason = `${errorCode || `gRPC status ${code ?? '?'}`}: ${details ?? ''}`.trim();
  if (/replayid/i.test(errorCode)) return { kind: 'replay-invalid', reason };
  if (code === NOT_FOUND || /not\.found/i.test(errorCode)) return { kind: 'unavailable', reason };
  if (code === UNAUTHENTICATED || /auth/i.test(errorCode)) return { kind: 'auth', reason };
  return { kind: 'transient', reason };
}
