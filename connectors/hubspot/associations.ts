import { z } from 'zod';
import { CrmRejectedError } from '../../src/core/errors/index.js';
import type { CallContext } from '../port.js';
import { chunk } from '../with-deadline.js';
import { associationsPath } from './api-paths.js';
import type { HubspotClient } from './client.js';

/** HubSpot associations (2026-03 API, v4 shapes): batch reads in the v3 record shape, and default-type links. */

const HsAssociationType = z.looseObject({
  category: z.string(),
  typeId: z.number(),
  label: z.string().nullable().optional(),
});
// https://developers.hubspot.com/docs/api-reference/2026-03/crm/associations/associate-records/batch/get-associations
// POST /crm/associations/2026-03/{from}/{to}/batch/read
const HsAssociationRead = z.looseObject({
  results: z
    .array(
      z.looseObject({
        from: z.object({ id: z.string() }),
        to: z.array(
          z.looseObject({
            toObjectId: z.union([z.number(), z.string()]),
            associationTypes: z.array(HsAssociationType),
          }),
        ),
      }),
    )
    .default([]),
});
const HsLabels = z.looseObject({ results: z.array(HsAssociationType) });

/** Associations the default mapping reads: deal → companies (customer, Partner label), contact → deals. */
export const HUBSPOT_MAPPING_ASSOCIATIONS: Readonly<Record<string, readonly string[]>> = {
  deals: ['companies'],
  contacts: ['deals'],
};

/** One association as CRM v3 records carry it: `{ id, type }`, e.g. `deal_to_company`, `partner`. */
export interface V3Association {
  readonly id: string;
  readonly type: string;
}

const SINGULAR: Readonly<Record<string, string>> = {
  contacts: 'contact',
  companies: 'company',
  deals: 'deal',
  tickets: 'ticket',
};
const singular = (t: string): string => SINGULAR[t] ?? t;

/**
 * Pure: the v3 `type` of one v4 association type. Towards companies (which have a primary) the primary
 * type is `deal_to_company` and the unlabelled one `deal_to_company_unlabeled`; elsewhere the unlabelled
 * type is `contact_to_deal`; a label is its name in snake case (`Partner` → `partner`).
 */
export function v3AssociationType(
  fromType: string,
  toType: string,
  t: { readonly category: string; readonly label?: string | null | undefined },
): string {
  const base = `${singular(fromType)}_to_${singular(toType)}`;
  const hasPrimary = fromType === 'companies' || toType === 'companies';
  if (t.label === null || t.label === undefined || t.label === '')
    return hasPrimary ? `${base}_unlabeled` : base;
  if (t.category === 'HUBSPOT_DEFINED' && t.label.toLowerCase() === 'primary') return base;
  return t.label
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_');
}

/**
 * Inputs per association batch read: at most 1,000 ids since 2025-02-10.
 * https://developers.hubspot.com/changelog/bug-fix-batch-read-limit-for-hubspot-associations-api
 */
export const HUBSPOT_ASSOCIATION_READ_BATCH = 1_000;

/** Associations of each `ids` record to records of `toType`, in the v3 shape, by record id. */
export async function readAssociations(
  client: HubspotClient,
  fromType: string,
  toType: string,
  ids: readonly string[],
  ctx: CallContext,
  fromName = fromType,
  toName = toType,
): Promise<Map<string, V3Association[]>> {
  const out = new Map<string, V3Association[]>();
  for (const part of chunk(ids, HUBSPOT_ASSOCIATION_READ_BATCH)) {
    const path = `${associationsPath(fromType, toType)}/batch/read`;
    const { body } = await client.call(
      HsAssociationRead,
      { method: 'POST', path, body: { inputs: part.map((id) => ({ id })) } },
      ctx,
    );
    for (const r of body.results) {
      const list = r.to.flatMap((to) =>
        to.associationTypes.map((t) => ({
          id: String(to.toObjectId),
          type: v3AssociationType(fromName, toName, t),
        })),
      );
      out.set(r.from.id, [...(out.get(r.from.id) ?? []), ...list]);
    }
  }
  return out;
}

export interface AssociationSpec {
  readonly associationCategory: 'HUBSPOT_DEFINED' | 'USER_DEFINED' | 'INTEGRATOR_DEFINED';
  readonly associationTypeId: number;
}

const CATEGORIES = ['HUBSPOT_DEFINED', 'USER_DEFINED', 'INTEGRATOR_DEFINED'] as const;
const isCategory = (c: string): c is AssociationSpec['associationCategory'] =>
  (CATEGORIES as readonly string[]).includes(c);

/**
 * Pure: the unlabelled association type among a pair's types, whatever its category. Between standard
 * objects it is HUBSPOT_DEFINED (deal → company 341); a pair a custom object schema declares has a
 * USER_DEFINED unlabelled type whose id is the schema's `associations[].id`
 * (https://developers.hubspot.com/docs/api-reference/legacy/crm/objects/schemas/create-schema;
 * https://gist.github.com/jackcoldrick90/24e96f8e6d962e7c7ecd787f8df6b052). HUBSPOT_DEFINED wins when
 * a pair has both.
 */
export function pickUnlabelled(
  types: readonly { category: string; typeId: number; label?: string | null | undefined }[],
): AssociationSpec | undefined {
  const unlabelled = types.filter(
    (t) => (t.label === null || t.label === undefined || t.label === '') && isCategory(t.category),
  );
  const best = unlabelled.find((t) => t.category === 'HUBSPOT_DEFINED') ?? unlabelled[0];
  if (best === undefined || !isCategory(best.category)) return undefined;
  return { associationCategory: best.category, associationTypeId: best.typeId };
}

/**
 * The unlabelled (default) association type from one object type to another (both as HubSpot paths
 * take them).
 * https://developers.hubspot.com/docs/api-reference/2026-03/crm/associations/associations-schema/labels/get-associations-label
 */
export async function defaultAssociationType(
  client: HubspotClient,
  fromType: string,
  toType: string,
  ctx: CallContext,
  describe = `${fromType} to ${toType}`,
): Promise<AssociationSpec> {
  const path = `${associationsPath(fromType, toType)}/labels`;
  const { body } = await client.call(HsLabels, { method: 'GET', path }, ctx);
  const found = pickUnlabelled(body.results);
  if (found === undefined)
    throw new CrmRejectedError(
      `HubSpot has no unlabelled association type from ${describe} (labels: ${body.results.map((t) => `${t.category} ${t.typeId} ${t.label ?? '(none)'}`).join(', ') || 'none'})`,
      'ASSOCIATION_TYPE_NOT_FOUND',
    );
  return found;
}
