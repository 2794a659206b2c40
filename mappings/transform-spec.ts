import { z } from 'zod';

/** Every transform the engine knows, by name. The string form (`transform: trim`) uses the defaults. */
export const TRANSFORM_NAMES = [
  'trim',
  'lower',
  'upper',
  'string',
  'number',
  'boolean',
  'currency',
  'date',
  'datetime',
  'email',
  'domain',
  'domainFromEmail',
  'domainFromWebsite',
  'phone',
  'split',
  'join',
  'concat',
  'first',
] as const;
export const TransformName = z
  .enum(TRANSFORM_NAMES)
  .meta({ description: 'A transform with its default options.' });
export type TransformName = z.infer<typeof TransformName>;

const TimeZone = z.string().min(1).meta({ description: 'IANA time zone, e.g. Europe/Berlin.' });
const Separator = z.string().meta({ description: 'Separator between values.' });

const simple = (
  fn: Exclude<
    TransformName,
    'number' | 'boolean' | 'date' | 'datetime' | 'phone' | 'split' | 'join' | 'concat'
  >,
) => z.strictObject({ fn: z.literal(fn) });

/** The object form of a transform: `{ fn: <name>, ...options }`. */
export const TransformObject = z.discriminatedUnion('fn', [
  simple('trim'),
  simple('lower'),
  simple('upper'),
  simple('string'),
  simple('currency'),
  simple('email'),
  simple('domain'),
  simple('domainFromEmail'),
  simple('domainFromWebsite'),
  simple('first'),
  z.strictObject({ fn: z.literal('number'), decimalSeparator: z.enum(['.', ',']).optional() }),
  z.strictObject({
    fn: z.literal('boolean'),
    true: z.array(z.string()).optional().meta({ description: 'Extra strings read as true.' }),
    false: z.array(z.string()).optional().meta({ description: 'Extra strings read as false.' }),
  }),
  z.strictObject({ fn: z.literal('date'), timeZone: TimeZone.optional() }),
  z.strictObject({ fn: z.literal('datetime'), timeZone: TimeZone.optional() }),
  z.strictObject({
    fn: z.literal('phone'),
    defaultCountry: z
      .string()
      .length(2)
      .optional()
      .meta({ description: 'ISO-3166 alpha-2 region, e.g. US.' }),
    countryFrom: z
      .union([z.string(), z.array(z.string())])
      .optional()
      .meta({ description: 'Source field(s) holding the record’s ISO country code.' }),
  }),
  z.strictObject({ fn: z.literal('split'), separator: Separator.optional() }),
  z.strictObject({ fn: z.literal('join'), separator: Separator.optional() }),
  z.strictObject({ fn: z.literal('concat'), separator: Separator.optional() }),
]);
export type TransformObject = z.infer<typeof TransformObject>;

export const TransformSpec = z.union([TransformName, TransformObject]);
export type TransformSpec = z.infer<typeof TransformSpec>;

/** Normalises the string and object forms into the object form. */
export function transformObject(spec: TransformSpec): TransformObject {
  return typeof spec === 'string' ? { fn: spec } : spec;
}
