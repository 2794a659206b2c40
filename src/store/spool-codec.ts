import { inflateRawSync } from 'node:zlib';
import { compressFrameSync, decompressFrameSync } from 'lz4-napi';

/**
 * How a webhook body is stored in the spool stream: an LZ4 frame with a content checksum (the standard
 * format: `lz4 -d` reads it; a damaged entry fails its checksum instead of yielding wrong bytes). A
 * 26 kB 100-event HubSpot batch becomes ~1.8 kB, so Redis and the socket carry 1/14 of the bytes.
 * Measured inside the intake server (bench/webhooks.ts at 800 req/s, CPU time per request): LZ4 adds
 * ~20 µs; node:zlib's deflate, brotli and zstd each added 300–450 µs there, though a tight loop times
 * them at 30–130 µs, so they cost more than everything else the request does.
 */
export const SPOOL_BODY_FIELD = 'lz4';
/** Written by earlier versions; still read so an upgrade loses no spooled entry. */
const DEFLATED_FIELD = 'z';
const RAW_FIELD = 'b';

export function encodeSpoolBody(body: Buffer): Buffer {
  return compressFrameSync(body, { contentChecksum: true });
}

/** The original bytes of a stream field, or undefined when the field is not a body. */
export function decodeSpoolBody(field: string | undefined, value: Buffer): Buffer | undefined {
  if (field === SPOOL_BODY_FIELD) return decompressFrameSync(value);
  if (field === DEFLATED_FIELD) return inflateRawSync(value);
  if (field === RAW_FIELD) return value;
  return undefined;
}
