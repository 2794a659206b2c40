import { z } from 'zod';

/** A value a mapping can compare with or produce. */
export const Scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);
export type Scalar = z.infer<typeof Scalar>;

export const CONDITION_OPERATORS = ['eq', 'ne', 'in', 'notIn', 'exists', 'contains', 'matches'] as const;

/** A test on one source field. Values are compared as strings, so `eq: true` also matches HubSpot's "true". */
export interface FieldCondition {
  field: string;
  eq?: Scalar | undefined;
  ne?: Scalar | undefined;
  in?: Scalar[] | undefined;
  notIn?: Scalar[] | undefined;
  exists?: boolean | undefined;
  contains?: string | undefined;
  matches?: string | undefined;
  ignoreCase?: boolean | undefined;
}

export type Condition = FieldCondition | { all: Condition[] } | { any: Condition[] } | { not: Condition };

const FieldConditionSchema = z
  .strictObject({
    field: z.string().min(1).meta({ description: 'Source field path, e.g. Type or $item.type.' }),
    eq: Scalar.optional(),
    ne: Scalar.optional(),
    in: z.array(Scalar).optional(),
    notIn: z.array(Scalar).optional(),
    exists: z.boolean().optional(),
    contains: z.string().optional(),
    matches: z.string().optional().meta({ description: 'Regular expression (JavaScript syntax).' }),
    ignoreCase: z.boolean().optional(),
  })
  .refine((c) => CONDITION_OPERATORS.filter((op) => c[op] !== undefined).length === 1, {
    message: `needs exactly one operator of ${CONDITION_OPERATORS.join(', ')}`,
  });

export const Condition: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    FieldConditionSchema,
    z.strictObject({ all: z.array(Condition).min(1) }),
    z.strictObject({ any: z.array(Condition).min(1) }),
    z.strictObject({ not: Condition }),
  ]),
);
