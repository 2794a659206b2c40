import { InvalidArgumentError } from 'commander';

/** A UTC day as YYYY-MM-DD that exists in the calendar (2026-02-30 is refused). */
export function parseDay(value: string): string {
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`));
  if (!valid || new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value)
    throw new InvalidArgumentError('a date as YYYY-MM-DD');
  return value;
}

/** An option that takes one of a fixed set of words. */
export function oneOf<T extends string>(options: readonly T[]): (value: string) => T {
  return (value) => {
    const hit = options.find((o) => o === value);
    if (hit === undefined) throw new InvalidArgumentError(`one of ${options.join(', ')}`);
    return hit;
  };
}
