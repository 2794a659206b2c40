export type RuleName =
  | 'partner_known'
  | 'partner_active'
  | 'tier'
  | 'min_amount'
  | 'max_amount'
  | 'territory'
  | 'partner_territory';

export interface RuleCheck {
  readonly rule: RuleName;
  readonly passed: boolean;
  /** What a failure does; null when passed. */
  readonly outcome: 'rejected' | 'pending_review' | null;
  readonly detail: string;
}
