const DAY_MS = 86_400_000;

/** The UTC calendar date (YYYY-MM-DD) of an ISO date-time or date. */
export function utcDate(iso: string): string {
  return new Date(Date.parse(iso)).toISOString().slice(0, 10);
}

/** Adds whole UTC days to a date (or the date of a date-time); DST never shifts it. */
export function addUtcDays(iso: string, days: number): string {
  return new Date(Date.parse(`${utcDate(iso)}T00:00:00.000Z`) + days * DAY_MS).toISOString().slice(0, 10);
}
