import type { PartnerTouch } from '../domain/entities.js';
import type { AttributionModel } from './attribution-config.js';
import { DAY_MS } from './attribution-window.js';

export interface ModelContext {
  readonly model: AttributionModel;
  readonly halfLifeDays: number;
  /** Window end (close, or `now` while open): the reference point of time-decay. */
  readonly windowEndMs: number;
  readonly opportunityCreatedMs: number;
  /** Creation of the lead the opportunity came from; null when unknown (no lead-creation anchor). */
  readonly leadCreatedMs: number | null;
}

export interface TouchWeight {
  readonly touchId: string;
  /** Normalised: the weights of all touches sum to 1 (0 touches → empty). */
  readonly weight: number;
  readonly anchors: readonly string[];
}

interface Slot {
  readonly anchor: string;
  readonly share: number;
  readonly members: readonly PartnerTouch[];
}

/**
 * Positional models give a share to each slot (an anchor). A slot holds every touch at the anchor's
 * instant and splits its share equally among them. A touch in several slots sums their shares; an
 * empty slot is dropped and the remaining shares are renormalised to 100 %.
 */
export function modelWeights(touches: readonly PartnerTouch[], ctx: ModelContext): TouchWeight[] {
  if (touches.length === 0) return [];
  const times = touches.map((t) => Date.parse(t.occurredAt));
  const firstMs = Math.min(...times);
  const lastMs = Math.max(...times);
  const at = (ms: number | null): PartnerTouch[] =>
    ms === null ? [] : touches.filter((t) => Date.parse(t.occurredAt) === ms);
  const latestAtOrBefore = (limit: number | null): number | null => {
    if (limit === null) return null;
    const before = times.filter((ms) => ms <= limit);
    return before.length === 0 ? null : Math.max(...before);
  };

  switch (ctx.model) {
    case 'linear':
      return fromSlots(touches, [{ anchor: 'linear', share: 1, members: touches }]);
    case 'first':
      return fromSlots(touches, [{ anchor: 'first', share: 1, members: at(firstMs) }]);
    case 'last':
      return fromSlots(touches, [{ anchor: 'last', share: 1, members: at(lastMs) }]);
    case 'u-shaped': {
      const middle = touches.filter((t) => {
        const ms = Date.parse(t.occurredAt);
        return ms > firstMs && ms < lastMs;
      });
      return fromSlots(touches, [
        { anchor: 'first', share: 0.4, members: at(firstMs) },
        { anchor: 'middle', share: 0.2, members: middle },
        { anchor: 'last', share: 0.4, members: at(lastMs) },
      ]);
    }
    case 'w-shaped': {
      const first = at(firstMs);
      const lead = at(latestAtOrBefore(ctx.leadCreatedMs));
      const opportunity = at(latestAtOrBefore(ctx.opportunityCreatedMs));
      const anchored = new Set([...first, ...lead, ...opportunity].map((t) => t.id));
      return fromSlots(touches, [
        { anchor: 'first', share: 0.3, members: first },
        { anchor: 'lead-creation', share: 0.3, members: lead },
        { anchor: 'opportunity-creation', share: 0.3, members: opportunity },
        { anchor: 'other', share: 0.1, members: touches.filter((t) => !anchored.has(t.id)) },
      ]);
    }
    case 'time-decay': {
      // 2^(−age/halfLife) with age = windowEnd − touch. Measured from the newest touch instead of the
      // window end: the ratios are identical and the newest weight is 1, so very old sets never underflow.
      const reference = Math.min(ctx.windowEndMs, lastMs);
      return normalise(
        touches.map((t, i) => {
          const ageDays = Math.max(0, reference - (times[i] ?? reference)) / DAY_MS;
          return { touchId: t.id, weight: 2 ** (-ageDays / ctx.halfLifeDays), anchors: ['time-decay'] };
        }),
      );
    }
  }
}

function fromSlots(touches: readonly PartnerTouch[], slots: readonly Slot[]): TouchWeight[] {
  const weights = new Map<string, { weight: number; anchors: string[] }>(
    touches.map((t) => [t.id, { weight: 0, anchors: [] }]),
  );
  for (const slot of slots) {
    if (slot.members.length === 0) continue;
    for (const member of slot.members) {
      const entry = weights.get(member.id);
      if (entry === undefined) continue;
      entry.weight += slot.share / slot.members.length;
      entry.anchors.push(slot.anchor);
    }
  }
  return normalise(
    touches.map((t) => ({ touchId: t.id, ...(weights.get(t.id) ?? { weight: 0, anchors: [] }) })),
  );
}

function normalise(weights: readonly TouchWeight[]): TouchWeight[] {
  const sum = weights.reduce((acc, w) => acc + w.weight, 0);
  return weights.map((w) => ({ ...w, weight: sum > 0 ? w.weight / sum : 0 }));
}
