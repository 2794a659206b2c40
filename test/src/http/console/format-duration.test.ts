import { describe, expect, it } from 'vitest';
import { formatDuration } from '../../../../src/http/console/format-duration.js';

describe('formatDuration', () => {
  it('reads sub-second windows in milliseconds, never "0 s"', () => {
    expect(formatDuration(500)).toBe('500 ms');
    expect(formatDuration(1)).toBe('1 ms');
    expect(formatDuration(0)).toBe('0 ms');
    expect(formatDuration(999.4)).toBe('999 ms');
    expect(formatDuration(999.6)).toBe('1 s');
  });

  it('reads seconds with at most one decimal below a minute', () => {
    expect(formatDuration(1000)).toBe('1 s');
    expect(formatDuration(1500)).toBe('1.5 s');
    expect(formatDuration(10_000)).toBe('10 s');
    expect(formatDuration(59_960)).toBe('1 min');
  });

  it('reads longer windows in the two largest whole units', () => {
    expect(formatDuration(60_000)).toBe('1 min');
    expect(formatDuration(150_000)).toBe('2 min 30 s');
    expect(formatDuration(3_600_000)).toBe('1 h');
    expect(formatDuration(3_660_000)).toBe('1 h 1 min');
    expect(formatDuration(3_601_000)).toBe('1 h');
    expect(formatDuration(86_400_000 + 6 * 3_600_000)).toBe('1 d 6 h');
  });

  it('says unknown for values that are not a duration', () => {
    expect(formatDuration(Number.NaN)).toBe('unknown');
    expect(formatDuration(-1)).toBe('unknown');
    expect(formatDuration(Number.POSITIVE_INFINITY)).toBe('unknown');
  });
});
