/**
 * Date parsing without a clock: every result depends only on the input and the IANA zone (Intl data).
 * Accepted inputs: ISO datetimes with Z or an offset (Salesforce writes +0000), epoch milliseconds
 * (HubSpot date properties), ISO dates, and naive datetimes read as wall time in the given zone.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True when Intl knows the zone. */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

interface WallTime {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

function wallTimeAt(instant: number, timeZone: string): WallTime {
  const parts = Object.fromEntries(
    formatter(timeZone)
      .formatToParts(new Date(instant))
      .map((p) => [p.type, p.value]),
  );
  const n = (k: string): number => Number(parts[k] ?? 0);
  return {
    year: n('year'),
    month: n('month'),
    day: n('day'),
    hour: n('hour'),
    minute: n('minute'),
    second: n('second'),
  };
}

function offsetAt(instant: number, timeZone: string): number {
  const w = wallTimeAt(instant, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - (instant - (((instant % 1000) + 1000) % 1000));
}

function wallTimeToInstant(w: WallTime, ms: number, timeZone: string): number {
  const guess = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second, ms);
  const first = offsetAt(guess - offsetAt(guess, timeZone), timeZone);
  return guess - first;
}

const ZONED = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/i;
const NAIVE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?)?$/;
const EPOCH_MS = /^-?\d{9,}$/;

/** Parses a date or datetime to an instant (epoch ms), or null when it cannot be read. */
export function toInstant(value: unknown, timeZone: string): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value !== 'string') return null;
  const s = value.trim();
  if (EPOCH_MS.test(s)) return Number(s);
  if (ZONED.test(s)) {
    const t = Date.parse(s.replace(' ', 'T').replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
    return Number.isNaN(t) ? null : t;
  }
  const m = NAIVE.exec(s);
  if (m === null) return null;
  const [, y, mo, d, h, mi, sec, ms] = m;
  const wall: WallTime = {
    year: Number(y),
    month: Number(mo),
    day: Number(d),
    hour: Number(h ?? 0),
    minute: Number(mi ?? 0),
    second: Number(sec ?? 0),
  };
  const t = wallTimeToInstant(wall, Number((ms ?? '0').padEnd(3, '0')), timeZone);
  return Number.isNaN(t) ? null : t;
}

/** ISO-8601 UTC datetime (`2024-03-01T09:00:00.000Z`), or null. */
export function toIsoDateTime(value: unknown, timeZone: string): string | null {
  const t = toInstant(value, timeZone);
  return t === null ? null : new Date(t).toISOString();
}

/** ISO date (`2024-03-01`) as seen in the zone, or null. A date without a time is kept as is. */
export function toIsoDate(value: unknown, timeZone: string): string | null {
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value.trim())) {
    return toInstant(value, 'UTC') === null ? null : value.trim();
  }
  const t = toInstant(value, timeZone);
  if (t === null) return null;
  const w = wallTimeAt(t, timeZone);
  const pad = (n: number, l = 2): string => String(n).padStart(l, '0');
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`;
}
