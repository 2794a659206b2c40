import { z } from 'zod';

// https://developers.hubspot.com/docs/api/webhooks (event fields and subscription types)
export const HUBSPOT_WEBHOOK_ACTIONS = [
  'creation',
  'propertyChange',
  'deletion',
  'merge',
  'restore',
  'associationChange',
  'privacyDeletion',
  'newMessage',
] as const;
export type HubspotWebhookAction = (typeof HUBSPOT_WEBHOOK_ACTIONS)[number];

/** `contact.creation`, `line_item.propertyChange`, `object.merge`, … */
export const HubspotSubscriptionType = z
  .string()
  .regex(
    new RegExp(`^[a-z][a-z_]*\\.(${HUBSPOT_WEBHOOK_ACTIONS.join('|')})$`),
    'expected <object>.<creation|propertyChange|deletion|merge|restore|associationChange|privacyDeletion|newMessage>',
  );

/** HubSpot ids arrive as JSON numbers; a few fields are strings in some deliveries. Normalised to strings. */
const HubspotId = z.union([z.number().int().nonnegative(), z.string().regex(/^\d+$/)]).transform(String);

const ObjectTypeId = z.string().regex(/^\d+-\d+$/);

export const HubspotWebhookEvent = z
  .object({
    eventId: HubspotId,
    subscriptionId: HubspotId.optional(),
    portalId: HubspotId,
    appId: HubspotId,
    occurredAt: z.number().int().nonnegative(),
    // Real deliveries say `subscriptionType`; the Webhooks API doc's example says `eventType`.
    subscriptionType: HubspotSubscriptionType.optional(),
    eventType: HubspotSubscriptionType.optional(),
    attemptNumber: z.number().int().nonnegative().default(0),
    objectId: HubspotId.optional(),
    objectTypeId: ObjectTypeId.optional(),
    changeSource: z.string().optional(),
    changeFlag: z.string().optional(),
    sourceId: z.union([z.string(), z.number()]).transform(String).optional(),
    propertyName: z.string().min(1).optional(),
    propertyValue: z.union([z.string(), z.number(), z.boolean(), z.null()]).optional(),
    primaryObjectId: HubspotId.optional(),
    mergedObjectIds: z.array(HubspotId).optional(),
    newObjectId: HubspotId.optional(),
    numberOfPropertiesMoved: z.number().int().optional(),
    associationType: z.string().min(1).optional(),
    // Custom and generic objects' association events name both types by id; whether they also carry
    // `associationType` is not documented, so either form is accepted.
    // https://developers.hubspot.com/changelog/public-beta-generic-webhook-subscriptions
    fromObjectTypeId: ObjectTypeId.optional(),
    toObjectTypeId: ObjectTypeId.optional(),
    associationTypeId: z.number().int().optional(),
    associationCategory: z.string().optional(),
    fromObjectId: HubspotId.optional(),
    toObjectId: HubspotId.optional(),
    associationRemoved: z.boolean().optional(),
    isPrimaryAssociation: z.boolean().optional(),
  })
  .superRefine((event, ctx) => {
    const type = event.subscriptionType ?? event.eventType;
    if (type === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['subscriptionType'],
        message: 'subscriptionType (or eventType) is required',
      });
      return;
    }
    if (
      event.subscriptionType !== undefined &&
      event.eventType !== undefined &&
      event.subscriptionType !== event.eventType
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['eventType'],
        message: 'eventType disagrees with subscriptionType',
      });
    }
    const [object, action] = type.split('.');
    if (object === 'object' && event.objectTypeId === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['objectTypeId'],
        message: 'generic object.* events need objectTypeId',
      });
    }
    if (action === 'propertyChange' && event.propertyName === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['propertyName'],
        message: 'propertyChange events need propertyName',
      });
    }
    if (action === 'associationChange') {
      for (const key of ['fromObjectId', 'toObjectId'] as const) {
        if (event[key] === undefined)
          ctx.addIssue({ code: 'custom', path: [key], message: `associationChange events need ${key}` });
      }
      if (
        event.associationType === undefined &&
        (event.fromObjectTypeId === undefined || event.toObjectTypeId === undefined)
      )
        ctx.addIssue({
          code: 'custom',
          path: ['associationType'],
          message: 'associationChange events need associationType (or fromObjectTypeId and toObjectTypeId)',
        });
    } else if (event.objectId === undefined) {
      ctx.addIssue({ code: 'custom', path: ['objectId'], message: 'objectId is required' });
    }
    if (action === 'merge' && event.mergedObjectIds === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['mergedObjectIds'],
        message: 'merge events need mergedObjectIds',
      });
    }
  });
export type HubspotWebhookEvent = z.output<typeof HubspotWebhookEvent>;

// https://developers.hubspot.com/docs/api/webhooks ("up to 100 events per request")
export const HUBSPOT_MAX_EVENTS_PER_REQUEST = 100;

export const HubspotWebhookBody = z.array(HubspotWebhookEvent).min(1).max(HUBSPOT_MAX_EVENTS_PER_REQUEST);
export type HubspotWebhookBody = z.output<typeof HubspotWebhookBody>;
