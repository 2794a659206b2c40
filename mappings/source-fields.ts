import { conditionPaths, crmFieldOf } from './check-against-schema.js';
import { fieldSpecObject, type Mapping } from './schema.js';
import { transformObject } from './transform-spec.js';

/**
 * Pure: the CRM fields of `objectType` a mapping needs to read, so a sync can select only those
 * instead of every field of a wide object: fields its object mappings read (sources, conditions,
 * phone-country sources, record id) and the fields its write-back targets on that object write
 * (compared before writing). Undefined when the mapping neither reads nor writes the object.
 */
export function sourceFieldsOf(mapping: Mapping, objectType: string): string[] | undefined {
  const lower = objectType.toLowerCase();
  const objects = Object.values(mapping.objects).filter((o) => o.source.toLowerCase() === lower);
  const targets = Object.values(mapping.writeBack ?? {}).filter((t) => t.object.toLowerCase() === lower);
  if (objects.length === 0 && targets.length === 0) return undefined;
  const paths: string[] = [];
  for (const om of objects) {
    if (om.where !== undefined) paths.push(...conditionPaths(om.where));
    if (om.idField !== undefined) paths.push(om.idField);
    if (om.each !== undefined) paths.push(om.each.split('.')[0] ?? om.each);
    for (const raw of Object.values(om.fields)) {
      const spec = fieldSpecObject(raw);
      if (spec.from !== undefined) paths.push(...(Array.isArray(spec.from) ? spec.from : [spec.from]));
      if (spec.when !== undefined) paths.push(...conditionPaths(spec.when));
      const steps =
        spec.transform === undefined ? [] : Array.isArray(spec.transform) ? spec.transform : [spec.transform];
      for (const t of steps.map(transformObject))
        if (t.fn === 'phone' && t.countryFrom !== undefined)
          paths.push(...(Array.isArray(t.countryFrom) ? t.countryFrom : [t.countryFrom]));
    }
  }
  const fields = paths.map((p) => crmFieldOf(mapping, p)).filter((f): f is string => f !== null);
  for (const t of targets) {
    if (t.upsertBy !== undefined) fields.push(t.upsertBy);
    for (const spec of Object.values(t.fields)) fields.push(typeof spec === 'string' ? spec : spec.field);
  }
  return [...new Set(fields)];
}
