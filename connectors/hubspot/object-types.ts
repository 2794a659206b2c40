import { CrmRejectedError } from '../../src/core/errors/index.js';
import type { CallContext } from '../port.js';
import { SCHEMAS_PATH } from './api-paths.js';
import type { HubspotClient } from './client.js';
import { HsSchemas } from './schemas.js';

/**
 * Custom object types as HubSpot wants them named. Since 2025-06-24 a custom object can no longer be
 * named by its base name in any endpoint path or `associations` parameter: HubSpot answers 400
 * "Unable to infer object type from: <name>"; only the `objectTypeId` (`2-<n>`) or the fully qualified
 * name (`p<portalId>_<name>`) work.
 * https://developers.hubspot.com/changelog/breaking-change-removed-support-for-referencing-custom-object-types-by-base-name
 *
 * Mappings keep naming custom objects by their base name (`ps_deal_registration`); this resolves that
 * name through the schemas API (cached per connection, refreshed once on a miss) and maps the
 * `objectTypeId` of incoming webhooks back to it.
 * https://developers.hubspot.com/docs/api/crm/crm-custom-objects
 */

// https://developers.hubspot.com/docs/api/crm/understanding-the-crm#object-type-ids
const STANDARD = new Set([
  'contacts',
  'companies',
  'deals',
  'tickets',
  'products',
  'line_items',
  'quotes',
  'calls',
  'emails',
  'meetings',
  'notes',
  'tasks',
  'communications',
  'postal_mail',
  'leads',
  'carts',
  'orders',
  'invoices',
  'payments',
  'subscriptions',
  'feedback_submissions',
  'goal_targets',
]);

/** `2-123`, `0-1`, `p123_name`, `p_name`: forms HubSpot accepts as they are. */
const ACCEPTED = /^(\d+-\d+|p\d*_[a-z0-9_]+)$/i;

export const isStandardOrQualified = (type: string): boolean => STANDARD.has(type) || ACCEPTED.test(type);

export interface CustomObjectType {
  readonly name: string;
  readonly objectTypeId: string;
  readonly fullyQualifiedName: string | undefined;
}

export class HubspotObjectTypes {
  private loaded: Promise<readonly CustomObjectType[]> | undefined;

  constructor(private readonly client: HubspotClient) {}

  private load(ctx: CallContext, refresh: boolean): Promise<readonly CustomObjectType[]> {
    if (this.loaded !== undefined && !refresh) return this.loaded;
    const loading = this.client
      .call(HsSchemas, { method: 'GET', path: SCHEMAS_PATH }, ctx)
      .then(({ body }) =>
        body.results.flatMap((s): CustomObjectType[] =>
          s.objectTypeId === undefined
            ? []
            : [{ name: s.name, objectTypeId: s.objectTypeId, fullyQualifiedName: s.fullyQualifiedName }],
        ),
      );
    this.loaded = loading;
    loading.catch(() => {
      if (this.loaded === loading) this.loaded = undefined;
    });
    return loading;
  }

  private async find(
    ctx: CallContext,
    match: (t: CustomObjectType) => boolean,
  ): Promise<CustomObjectType | undefined> {
    const cached = (await this.load(ctx, false)).find(match);
    if (cached !== undefined) return cached;
    // A schema created since the last read (provision, an admin): ask once more.
    return (await this.load(ctx, true)).find(match);
  }

  /** What to put in a HubSpot path for `type`: standard names as they are, a custom base name as its objectTypeId. */
  async apiName(type: string, ctx: CallContext): Promise<string> {
    if (isStandardOrQualified(type)) return type;
    const found = await this.find(ctx, (t) => t.name === type);
    if (found === undefined) {
      throw new CrmRejectedError(
        `HubSpot connection "${this.client.connectionId}": no custom object schema named "${type}" on this portal (run provision, or check the mapping)`,
        'OBJECT_TYPE_NOT_FOUND',
      );
    }
    return found.objectTypeId;
  }

  /** The base name a mapping uses for an `objectTypeId` or fully qualified name; standard ids map to themselves. */
  async mappingName(ref: string, ctx: CallContext): Promise<string> {
    if (!/^2-\d+$/.test(ref) && !/^p\d*_/i.test(ref)) return ref;
    const lower = ref.toLowerCase();
    const found = await this.find(
      ctx,
      (t) =>
        t.objectTypeId === ref ||
        t.fullyQualifiedName?.toLowerCase() === lower ||
        `p_${t.name}`.toLowerCase() === lower,
    );
    return found?.name ?? ref;
  }
}
