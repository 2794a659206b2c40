/** Words and numbers as a rep reads them; pure and locale-fixed so pages and tests agree. */

const DAY = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});

/** "5 Dec 2026" from an ISO date or date-time. */
export function day(iso: string): string {
  const date = new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
  return Number.isNaN(date.getTime()) ? iso : DAY.format(date);
}

/** "120,000.00 USD". */
export function money(amount: number, currency: string): string {
  const n = amount.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return `${n} ${currency}`;
}

/** "Jon Smith", or the fallback when a person has no name. */
export function fullName(first: string | null, last: string | null, fallback: string): string {
  const name = [first, last].filter((x) => x !== null && x.trim() !== '').join(' ');
  return name === '' ? fallback : name;
}

/** "a, b and c". */
export function listOf(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1] ?? ''}`;
}
