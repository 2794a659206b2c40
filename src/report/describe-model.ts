import type { AttributionConfig } from '../attribution/attribution-config.js';

const SPLITS: Record<AttributionConfig['model'], string> = {
  linear: 'split equally between every counted touch',
  first: 'given entirely to the first counted touch',
  last: 'given entirely to the last counted touch',
  'u-shaped': 'split 40% to the first touch, 40% to the last and 20% across the touches between',
  'w-shaped':
    'split 30% each to the first touch, the touch at the lead’s creation and the touch at the opportunity’s creation, 10% across the rest',
  'time-decay': 'split by recency: a touch weighs half as much for every half-life before the window end',
};

/** The connection's attribution rules in plain words, for the report page (pure). */
export function describeAttributionModel(config: AttributionConfig): string {
  const end = config.window.end === 'close' ? 'its close (or today while it is open)' : 'its creation';
  const parts = [
    'Sourced: the whole amount goes to the partner with the earliest approved registration or partner lead that became the opportunity.',
    `Influenced (model ${config.model}): the amount is ${SPLITS[config.model]}${
      config.model === 'time-decay' ? ` (half-life ${config.halfLifeDays} days)` : ''
    }.`,
    `A touch counts from ${config.window.lookbackDays} days before the opportunity was created until ${end}; counted kinds: ${config.countedTouchKinds.join(', ')}${
      config.includeAccountTouches ? ', including touches on the account' : ''
    }.`,
    config.excludeInactivePartners ? 'Inactive or unknown partners receive no influenced credit.' : '',
  ];
  return parts.filter((p) => p !== '').join(' ');
}
