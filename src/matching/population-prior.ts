import { log2Odds } from './fellegi-sunter.js';
import type { PersonMatcher } from './match-people.js';

/**
 * The number of records the default prior (0.0001) was set for: CRM exports of a few thousand
 * people, where about one record in three has a duplicate. Below it the default stands.
 */
export const REFERENCE_POPULATION = 7_500;

/**
 * The matcher with its prior scaled to the population it is checked against. The chance that two
 * records picked at random are one person falls as 1/N: a CRM keeps about the same number of
 * duplicates per person whatever its size, while the number of people who share a name, a city or an
 * employer by chance grows with it. Without this a name-and-city agreement would read "very likely
 * duplicate" in a CRM of 500,000 people as it does in one of 5,000. Small populations keep the
 * default, which the model's m/u were set against.
 */
export function withPopulationPrior(matcher: PersonMatcher, records: number): PersonMatcher {
  if (records <= REFERENCE_POPULATION) return matcher;
  const prior = matcher.parameters.prior * (REFERENCE_POPULATION / records);
  return { ...matcher, weights: { ...matcher.weights, priorBits: log2Odds(prior) } };
}
