import type { DealRegistration, Partner } from '../domain/entities.js';
import type { RuleCheck } from './rule-check.js';
import type { RegistrationRules } from './registration-rules.js';

/**
 * Auto-approval checks. An inactive partner rejects; a partner not (yet) known, a prospect partner
 * and an amount above the ceiling go to review (a partner account synced after its registrations
 * re-opens their review); tier, minimum amount and territory failures follow `onFail`.
 */
export function checkApprovalRules(
  registration: DealRegistration,
  partner: Partner | null,
  rules: RegistrationRules,
): RuleCheck[] {
  const auto = rules.autoApproval;
  const onFail = auto.onFail;
  const checks: RuleCheck[] = [];
  const check = (rule: RuleCheck['rule'], passed: boolean, outcome: RuleCheck['outcome'], detail: string) =>
    checks.push({ rule, passed, outcome: passed ? null : outcome, detail });

  if (partner === null) {
    check('partner_known', false, 'pending_review', `partner ${registration.partnerId} is not known (yet)`);
    return checks;
  }
  if (auto.requireActivePartner) {
    const outcome = partner.status === 'prospect' ? 'pending_review' : 'rejected';
    check(
      'partner_active',
      partner.status === 'active',
      outcome,
      `partner ${partner.name} is ${partner.status}`,
    );
  }
  if (auto.allowedTiers !== null) {
    const tier = partner.tier ?? 'none';
    check(
      'tier',
      auto.allowedTiers.includes(tier),
      onFail,
      `tier ${tier} ${auto.allowedTiers.includes(tier) ? 'is' : 'is not'} auto-approved (${auto.allowedTiers.join(', ')})`,
    );
  }
  const { amount, currency } = registration;
  const bounded = auto.minAmount !== null || auto.maxAmount !== null;
  if (bounded && (amount === null || currency !== auto.amountCurrency)) {
    const detail =
      amount === null ? 'no amount to check' : `amount in ${currency}, limits in ${auto.amountCurrency}`;
    check(auto.minAmount !== null ? 'min_amount' : 'max_amount', false, 'pending_review', detail);
  } else if (amount !== null) {
    if (auto.minAmount !== null) {
      check(
        'min_amount',
        amount >= auto.minAmount,
        onFail,
        `amount ${amount} ${currency} vs minimum ${auto.minAmount}`,
      );
    }
    if (auto.maxAmount !== null) {
      check(
        'max_amount',
        amount <= auto.maxAmount,
        'pending_review',
        `amount ${amount} ${currency} vs auto-approval ceiling ${auto.maxAmount}`,
      );
    }
  }
  const territory = registration.territory;
  if (auto.allowedTerritories !== null) {
    const ok = territory !== null && auto.allowedTerritories.includes(territory);
    check('territory', ok, onFail, `territory ${territory ?? 'none'} ${ok ? 'is' : 'is not'} auto-approved`);
  }
  if (auto.requirePartnerTerritory && partner.territories.length > 0) {
    const ok = territory !== null && partner.territories.includes(territory);
    check(
      'partner_territory',
      ok,
      onFail,
      `territory ${territory ?? 'none'} ${ok ? 'is' : 'is not'} one of ${partner.name}'s (${partner.territories.join(', ')})`,
    );
  }
  return checks;
}
