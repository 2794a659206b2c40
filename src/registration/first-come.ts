import type { DealRegistration } from '../domain/entities.js';

/** First come, first served: earlier submission first, then the smaller id, so the order is total. */
export const byFirstCome = (a: DealRegistration, b: DealRegistration): number =>
  Date.parse(a.submittedAt) - Date.parse(b.submittedAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
