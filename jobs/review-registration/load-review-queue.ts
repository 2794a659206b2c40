import type { DealRegistration } from '../../src/domain/entities.js';
import { fuzzyCompanyMatcher } from '../shared/fuzzy-company-matcher.js';
import { loadReviewContext } from './load-review-context.js';
import { overlayDecision } from '../shared/overlay-decisions.js';
import {
  describeConflict,
  reviewRegistration,
  type RegistrationEvidence,
  type RegistrationRules,
} from '../../src/registration/index.js';
import type { DecisionStore } from '../../src/store/decision-store.js';
import type { Mirror } from '../../src/store/mirror.js';
import type { RelationIndex } from '../../src/store/relation-index.js';

/** One registration waiting for a person, with what the review found, in words. */
export interface PendingRegistration {
  readonly registration: DealRegistration;
  readonly partnerName: string;
  /** Why it waits (the review's reason). */
  readonly reason: string | null;
  readonly conflicts: readonly {
    readonly kind: string;
    readonly severity: 'hard' | 'ambiguous';
    readonly text: string;
  }[];
  readonly ruleChecks: readonly { readonly rule: string; readonly passed: boolean; readonly text: string }[];
}

export interface ReviewQueueDeps {
  readonly mirror: Mirror;
  readonly relations: RelationIndex;
  readonly decisions: DecisionStore;
}

/**
 * The connection's registrations in `pending_review` (as the CRM shows them, or as we decided them when
 * the CRM has not echoed our write yet), oldest submission first, each with the evidence its review
 * stored; when none was stored (a person set the status in the CRM) the review is re-run without
 * writing anything, so the queue still shows the conflicts.
 */
export async function loadReviewQueue(
  deps: ReviewQueueDeps,
  connectionId: string,
  rules: RegistrationRules,
  now: string,
): Promise<PendingRegistration[]> {
  const mirrored: DealRegistration[] = [];
  for await (const r of deps.mirror.scan(connectionId, 'registration')) mirrored.push(r.entity);
  const stored = await deps.decisions.getMany(
    connectionId,
    'registration',
    mirrored.map((r) => r.id),
  );
  const pending = mirrored
    .map((r, i) => ({ registration: overlayDecision(r, stored[i]), record: stored[i] ?? null }))
    .filter((p) => p.registration.status === 'pending_review')
    .sort(
      (a, b) =>
        Date.parse(a.registration.submittedAt) - Date.parse(b.registration.submittedAt) ||
        (a.registration.id < b.registration.id ? -1 : 1),
    );
  const out: PendingRegistration[] = [];
  for (const { registration, record } of pending) {
    const raw = await loadReviewContext(deps, connectionId, registration);
    // Our own decisions may not have come back from the CRM yet: show the others as we decided them.
    const decided = await deps.decisions.getMany(
      connectionId,
      'registration',
      raw.registrations.map((r) => r.id),
    );
    const loaded = { ...raw, registrations: raw.registrations.map((r, i) => overlayDecision(r, decided[i])) };
    let evidence: RegistrationEvidence | null = record?.status === 'pending_review' ? record.evidence : null;
    if (evidence === null) {
      const review = reviewRegistration(
        registration,
        { ...loaded, matchCompany: fuzzyCompanyMatcher },
        rules,
        now,
      );
      evidence = review.ok ? review.evidence : null;
    }
    const records = {
      partners: loaded.partners,
      registrations: loaded.registrations,
      opportunities: loaded.opportunities,
      accounts: loaded.accounts,
    };
    out.push({
      registration,
      partnerName: loaded.partner?.name ?? registration.partnerId,
      reason: registration.reason,
      conflicts: (evidence?.conflicts ?? []).map((c) => ({
        kind: c.kind,
        severity: c.severity,
        text: describeConflict(c, records),
      })),
      ruleChecks: (evidence?.ruleChecks ?? []).map((c) => ({
        rule: c.rule,
        passed: c.passed,
        text: c.detail,
      })),
    });
  }
  return out;
}
