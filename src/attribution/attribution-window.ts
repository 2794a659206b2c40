import type { Opportunity } from '../domain/entities.js';
import type { AttributionWindowConfig } from './attribution-config.js';

export const DAY_MS = 86_400_000;

/** Which instant closed the window: the close date, `now` (opportunity still open) or the creation date. */
export type WindowEndRule = 'close' | 'now' | 'creation';

/** The influence window. Both edges are INCLUSIVE: a touch at exactly `start` or `end` counts. */
export interface AttributionWindow {
  readonly start: string;
  readonly end: string;
  readonly endRule: WindowEndRule;
}

/**
 * start = opportunity creation − lookbackDays × 24 h; end = close (closed), `now` (open), or creation
 * when the config ends the window at creation.
 */
export function attributionWindow(
  opportunity: Opportunity,
  config: AttributionWindowConfig,
  now: string,
): AttributionWindow {
  const createdMs = Date.parse(opportunity.createdAt);
  const start = new Date(createdMs - config.lookbackDays * DAY_MS).toISOString();
  if (config.end === 'creation')
    return { start, end: new Date(createdMs).toISOString(), endRule: 'creation' };
  if (opportunity.isClosed && opportunity.closedAt !== null) {
    return { start, end: new Date(Date.parse(opportunity.closedAt)).toISOString(), endRule: 'close' };
  }
  return { start, end: new Date(Date.parse(now)).toISOString(), endRule: 'now' };
}

export function isInWindow(at: string, window: AttributionWindow): boolean {
  const ms = Date.parse(at);
  return ms >= Date.parse(window.start) && ms <= Date.parse(window.end);
}
