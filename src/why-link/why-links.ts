import type { Env } from '../core/env.js';
import { whyUrl, type WhyKey, type WhyTarget } from './why-link.js';

/** What signs links (write-back) and checks them (the page): the current key and the public base URL. */
export interface WhyLinks {
  readonly key: WhyKey;
  /** The absolute link of one record; null when it would not fit a CRM URL field. */
  urlOf(target: WhyTarget): string | null;
}

/** Links are on when WHY_LINK_SECRET is set (the env check then requires PUBLIC_BASE_URL). */
export function whyLinksFromEnv(
  env: Pick<Env, 'WHY_LINK_KEY_ID' | 'WHY_LINK_SECRET' | 'PUBLIC_BASE_URL'>,
): WhyLinks | null {
  const secret = env.WHY_LINK_SECRET;
  const base = env.PUBLIC_BASE_URL;
  if (secret === undefined || base === undefined) return null;
  const key: WhyKey = { id: env.WHY_LINK_KEY_ID, secret };
  return { key, urlOf: (target) => whyUrl(base, key, target) };
}
