import { describe, expect, it } from 'vitest';
import { SPOOL_BODY_FIELD, decodeSpoolBody, encodeSpoolBody } from '../../src/store/spool-codec.js';

const batch = Buffer.from(
  JSON.stringify(
    Array.from({ length: 100 }, (_, i) => ({
      eventId: i,
      portalId: 62515,
      appId: 54321,
      occurredAt: 1_700_000_000_000 + i,
      subscriptionType: 'contact.propertyChange',
      objectId: 1000 + i,
      propertyName: 'email',
      propertyValue: `person${i}@example.com`,
      changeSource: 'CRM_UI',
    })),
  ),
);

describe('spool codec', () => {
  it('gives back the exact bytes it stored, several times smaller', () => {
    const stored = encodeSpoolBody(batch);
    expect(decodeSpoolBody(SPOOL_BODY_FIELD, stored)?.equals(batch)).toBe(true);
    expect(stored.length * 5).toBeLessThan(batch.length);
  });

  it('stores a standard LZ4 frame with a content checksum, readable by any lz4 tool', () => {
    const stored = encodeSpoolBody(batch);
    expect(stored.readUInt32LE(0)).toBe(0x184d2204); // LZ4 frame magic number
    const flags = stored[4] ?? 0;
    expect(flags & 0b0000_0100).toBe(0b0000_0100); // FLG.ContentChecksum
  });

  it('refuses a damaged entry instead of returning wrong bytes', () => {
    const stored = Buffer.from(encodeSpoolBody(batch));
    stored.writeUInt8((stored[stored.length - 1] ?? 0) ^ 0xff, stored.length - 1);
    expect(() => decodeSpoolBody(SPOOL_BODY_FIELD, stored)).toThrow();
  });

  it('ignores stream fields that are not bodies', () => {
    expect(decodeSpoolBody('x', Buffer.from('[]'))).toBeUndefined();
  });
});
