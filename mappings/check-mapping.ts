import { isSupportedCountry } from 'libphonenumber-js';
import { EntityKind } from '../src/domain/entities.js';
import { AUTO_FIELDS, entityFields } from './entity-fields.js';
import { type CheckContext, checkCondition, checkField, checkPath, timeZoneIssue } from './check-field.js';
import { checkWriteBackTarget } from './check-write-back.js';
import { MappingDefaults, ObjectMapping, fieldSpecObject } from './schema.js';
import { type CheckIssue, checkIssue, suggest } from './suggest.js';
import { WriteBackTarget } from './write-back-spec.js';

function entries(raw: unknown, key: string): [string, unknown][] {
  if (typeof raw !== 'object' || raw === null) return [];
  const section = (raw as Record<string, unknown>)[key];
  return typeof section === 'object' && section !== null && !Array.isArray(section)
    ? Object.entries(section)
    : [];
}

function checkObject(key: string, om: ObjectMapping, objects: ReadonlyMap<string, EntityKind>): CheckIssue[] {
  const at = `objects.${key}`;
  const ctx: CheckContext = { objects, hasEach: om.each !== undefined };
  const known = entityFields(om.entity);
  const issues: CheckIssue[] = [];
  if (om.where !== undefined) issues.push(...checkCondition(om.where, `${at}.where`, ctx));
  if (om.each !== undefined) issues.push(...checkPath(om.each, `${at}.each`, { objects, hasEach: false }));
  for (const [name, spec] of Object.entries(om.fields)) {
    const info = known[name];
    if (name === 'refs' || name === 'source') {
      issues.push(checkIssue(`${at}.fields.${name}`, `${name} is filled in by the engine from the record`));
    } else if (info === undefined) {
      const candidates = Object.keys(known).filter((k) => k !== 'refs' && k !== 'source');
      issues.push(
        checkIssue(`${at}.fields.${name}`, `unknown ${om.entity} field "${name}"`, suggest(name, candidates)),
      );
    } else {
      issues.push(...checkField(name, fieldSpecObject(spec), info, `${at}.fields.${name}`, ctx));
    }
  }
  for (const [name, info] of Object.entries(known)) {
    const auto = AUTO_FIELDS.includes(name) && !(name === 'id' && om.each !== undefined);
    if (info.required && !auto && !Object.hasOwn(om.fields, name)) {
      const why = name === 'id' ? ' (objects with each must map id: one record gives several entities)' : '';
      issues.push(
        checkIssue(`${at}.fields.${name}`, `required ${om.entity} field "${name}" is not mapped${why}`),
      );
    }
  }
  return issues;
}

/** Two objects reading the same CRM object into the same entity with the same filter would map it twice. */
function duplicateObjects(objects: readonly [string, ObjectMapping][]): CheckIssue[] {
  const seen = new Map<string, string>();
  const issues: CheckIssue[] = [];
  for (const [key, om] of objects) {
    const sig = JSON.stringify([om.source, om.entity, om.where ?? null, om.each ?? null]);
    const first = seen.get(sig);
    if (first === undefined) seen.set(sig, key);
    else
      issues.push(
        checkIssue(
          `objects.${key}`,
          `maps ${om.source} to ${om.entity} exactly like objects.${first} (add a where to tell them apart)`,
        ),
      );
  }
  return issues;
}

function duplicateTargets(targets: readonly [string, WriteBackTarget][]): CheckIssue[] {
  const seen = new Map<string, string>();
  const issues: CheckIssue[] = [];
  for (const [key, t] of targets) {
    const sig = `${t.entity}\u0000${t.object}`;
    const first = seen.get(sig);
    if (first === undefined) seen.set(sig, key);
    else
      issues.push(
        checkIssue(
          `writeBack.${key}.object`,
          `writeBack.${first} already writes ${t.entity} results to ${t.object}`,
        ),
      );
  }
  return issues;
}

function checkDefaults(raw: unknown): CheckIssue[] {
  const parsed = MappingDefaults.safeParse((raw as { defaults?: unknown } | null)?.defaults ?? {});
  if (!parsed.success) return [];
  const issues: CheckIssue[] = [];
  if (parsed.data.timeZone !== undefined)
    issues.push(...timeZoneIssue('defaults.timeZone', parsed.data.timeZone));
  const country = parsed.data.phoneCountry;
  if (country !== undefined && !isSupportedCountry(country)) {
    issues.push(
      checkIssue('defaults.phoneCountry', `unknown country "${country}" (ISO-3166 alpha-2, e.g. US)`),
    );
  }
  return issues;
}

/**
 * Cross-field checks zod cannot express. Runs on the raw value so that one broken object does not hide
 * the problems of the others: every object and target that parses on its own is checked.
 */
export function checkMapping(raw: unknown): CheckIssue[] {
  const objects: [string, ObjectMapping][] = [];
  const kinds = new Map<string, EntityKind>();
  for (const [key, value] of entries(raw, 'objects')) {
    const entity = EntityKind.safeParse((value as { entity?: unknown } | null)?.entity);
    if (entity.success) kinds.set(key, entity.data);
    const parsed = ObjectMapping.safeParse(value);
    if (parsed.success) objects.push([key, parsed.data]);
  }
  const targets: [string, WriteBackTarget][] = [];
  for (const [key, value] of entries(raw, 'writeBack')) {
    const parsed = WriteBackTarget.safeParse(value);
    if (parsed.success) targets.push([key, parsed.data]);
  }
  return [
    ...checkDefaults(raw),
    ...objects.flatMap(([key, om]) => checkObject(key, om, kinds)),
    ...duplicateObjects(objects),
    ...targets.flatMap(([key, t]) => checkWriteBackTarget(key, t)),
    ...duplicateTargets(targets),
  ];
}
