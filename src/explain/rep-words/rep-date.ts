const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

function utcParts(iso: string): { day: number; month: string; year: number } {
  const ms = Date.parse(iso.length === 10 ? `${iso}T00:00:00.000Z` : iso);
  if (Number.isNaN(ms)) throw new Error(`not an ISO date: ${iso}`);
  const d = new Date(ms);
  return { day: d.getUTCDate(), month: MONTHS[d.getUTCMonth()] ?? '', year: d.getUTCFullYear() };
}

/**
 * A date as a rep reads it whatever their locale: day, English month abbreviation, year ("5 Mar 2027").
 * Never 03/05/2027, which reads as May in most of the world and March in the US. The UTC day: every
 * date we decide (protection, expiry) is a UTC calendar day. A fixed month table, not Intl, so the
 * text never changes with the ICU version ("Sept" in newer en-GB data).
 */
export function repDate(iso: string): string {
  const { day, month, year } = utcParts(iso);
  return `${day} ${month} ${year}`;
}

/** A day and month only ("5 Dec"), for events a rep reads beside a year already given. */
export function repDayMonth(iso: string): string {
  const { day, month } = utcParts(iso);
  return `${day} ${month}`;
}
