/** Associations v4 between records, with HubSpot-defined and user-defined (labelled) types. */
export interface AssociationType {
  readonly category: 'HUBSPOT_DEFINED' | 'USER_DEFINED' | 'INTEGRATOR_DEFINED';
  readonly typeId: number;
  readonly label: string | null;
}

export interface AssociationChange {
  readonly fromType: string;
  readonly fromId: string;
  readonly toType: string;
  readonly toId: string;
  readonly type: AssociationType;
  readonly removed: boolean;
  /** The app that made the change through the API; absent for a user in HubSpot's UI. */
  readonly appId?: string | undefined;
}

interface LabelDef extends AssociationType {
  readonly inverseTypeId: number;
}

// https://developers.hubspot.com/docs/api/crm/associations (default association type ids)
const DEFAULTS: readonly [string, string, number, number][] = [
  ['contacts', 'companies', 279, 280],
  ['deals', 'contacts', 3, 4],
  ['deals', 'companies', 341, 342],
];
const PRIMARY: readonly [string, string, number, number][] = [
  ['contacts', 'companies', 1, 2],
  ['deals', 'companies', 5, 6],
];

export class Associations {
  private readonly edges = new Map<string, Map<string, Map<string, AssociationType>>>();
  private readonly labels = new Map<string, LabelDef[]>();
  private readonly listeners = new Set<(c: AssociationChange) => void>();
  private nextTypeId = 200;

  constructor() {
    for (const [a, b, ab, ba] of DEFAULTS)
      this.define(a, b, { category: 'HUBSPOT_DEFINED', typeId: ab, label: null, inverseTypeId: ba });
    for (const [a, b, ab, ba] of PRIMARY)
      this.define(a, b, { category: 'HUBSPOT_DEFINED', typeId: ab, label: 'Primary', inverseTypeId: ba });
  }

  onChange(listener: (c: AssociationChange) => void): void {
    this.listeners.add(listener);
  }

  private define(from: string, to: string, def: LabelDef): void {
    this.labels.set(`${from}|${to}`, [...(this.labels.get(`${from}|${to}`) ?? []), def]);
    const inverse: LabelDef = { ...def, typeId: def.inverseTypeId, inverseTypeId: def.typeId };
    if (from !== to || def.typeId !== def.inverseTypeId)
      this.labels.set(`${to}|${from}`, [...(this.labels.get(`${to}|${from}`) ?? []), inverse]);
  }

  definitions(from: string, to: string): AssociationType[] {
    return (this.labels.get(`${from}|${to}`) ?? []).map(({ category, typeId, label }) => ({
      category,
      typeId,
      label,
    }));
  }

  /**
   * The unlabelled type between two object types, whatever its category: HUBSPOT_DEFINED between
   * standard objects, USER_DEFINED for a pair a custom object schema declared. HubSpot invents none for
   * other pairs. Throws when the pair has none.
   * https://developers.hubspot.com/docs/api-reference/crm-associations-schema-v4/guide
   */
  defaultType(from: string, to: string): AssociationType {
    const unlabelled = this.definitions(from, to).filter((d) => d.label === null);
    const found = unlabelled.find((d) => d.category === 'HUBSPOT_DEFINED') ?? unlabelled[0];
    if (!found) throw new Error(`no association type defined between ${from} and ${to}`);
    return found;
  }

  /**
   * The pair a custom object schema declares in `associatedObjects`: an unlabelled USER_DEFINED type
   * whose id is the schema's `associations[].id` (the inverse gets its own id).
   * https://developers.hubspot.com/docs/api-reference/legacy/crm/objects/schemas/create-schema;
   * https://gist.github.com/jackcoldrick90/24e96f8e6d962e7c7ecd787f8df6b052
   */
  defineSchemaPair(from: string, to: string): AssociationType {
    const existing = this.definitions(from, to).find((d) => d.label === null);
    if (existing) return existing;
    const typeId = this.nextTypeId;
    this.nextTypeId += 2;
    this.define(from, to, { category: 'USER_DEFINED', typeId, label: null, inverseTypeId: typeId + 1 });
    return { category: 'USER_DEFINED', typeId, label: null };
  }

  createLabel(from: string, to: string, label: string, inverseLabel: string | undefined): AssociationType {
    const typeId = this.nextTypeId;
    this.nextTypeId += 2;
    this.define(from, to, { category: 'USER_DEFINED', typeId, label, inverseTypeId: typeId + 1 });
    if (inverseLabel) {
      const list = this.labels.get(`${to}|${from}`) ?? [];
      this.labels.set(
        `${to}|${from}`,
        list.map((d) => (d.typeId === typeId + 1 ? { ...d, label: inverseLabel } : d)),
      );
    }
    return { category: 'USER_DEFINED', typeId, label };
  }

  /** Finds a type definition by id; undefined when the pair has no such type. */
  resolve(from: string, to: string, category: string, typeId: number): AssociationType | undefined {
    return this.definitions(from, to).find((d) => d.typeId === typeId && d.category === category);
  }

  private inverseOf(from: string, to: string, t: AssociationType): AssociationType {
    const def = (this.labels.get(`${from}|${to}`) ?? []).find(
      (d) => d.typeId === t.typeId && d.category === t.category,
    );
    const inv = def ? this.definitions(to, from).find((d) => d.typeId === def.inverseTypeId) : undefined;
    return inv ?? t;
  }

  private bucket(type: string, id: string, toType: string): Map<string, Map<string, AssociationType>> {
    const key = `${type}|${id}|${toType}`;
    let b = this.edges.get(key);
    if (!b) {
      b = new Map();
      this.edges.set(key, b);
    }
    return b;
  }

  private put(fromType: string, fromId: string, toType: string, toId: string, t: AssociationType): boolean {
    const types = this.bucket(fromType, fromId, toType).get(toId) ?? new Map<string, AssociationType>();
    const key = `${t.category}:${t.typeId}`;
    const isNew = !types.has(key);
    types.set(key, t);
    this.bucket(fromType, fromId, toType).set(toId, types);
    return isNew;
  }

  associate(
    fromType: string,
    fromId: string,
    toType: string,
    toId: string,
    types: readonly AssociationType[],
    appId?: string,
  ): void {
    for (const t of types) {
      const isNew = this.put(fromType, fromId, toType, toId, t);
      this.put(toType, toId, fromType, fromId, this.inverseOf(fromType, toType, t));
      if (isNew)
        for (const l of this.listeners) l({ fromType, fromId, toType, toId, type: t, removed: false, appId });
    }
  }

  list(
    type: string,
    id: string,
    toType: string,
  ): { toObjectId: string; associationTypes: AssociationType[] }[] {
    return [...this.bucket(type, id, toType).entries()].map(([toObjectId, types]) => ({
      toObjectId,
      associationTypes: [...types.values()],
    }));
  }

  remove(fromType: string, fromId: string, toType: string, toId: string, appId?: string): void {
    const types = this.bucket(fromType, fromId, toType).get(toId);
    if (!types) return;
    this.bucket(fromType, fromId, toType).delete(toId);
    this.bucket(toType, toId, fromType).delete(fromId);
    for (const t of types.values())
      for (const l of this.listeners) l({ fromType, fromId, toType, toId, type: t, removed: true, appId });
  }

  removeAll(type: string, id: string): void {
    for (const key of [...this.edges.keys()].filter((k) => k.startsWith(`${type}|${id}|`))) {
      const toType = key.split('|')[2] ?? '';
      for (const toId of [...(this.edges.get(key)?.keys() ?? [])]) this.remove(type, id, toType, toId);
    }
  }

  /** Moves every association of `fromId` onto `toId` (used by merges). */
  moveAll(type: string, fromId: string, toId: string): void {
    for (const key of [...this.edges.keys()].filter((k) => k.startsWith(`${type}|${fromId}|`))) {
      const toType = key.split('|')[2] ?? '';
      for (const [otherId, types] of [...(this.edges.get(key)?.entries() ?? [])]) {
        this.remove(type, fromId, toType, otherId);
        this.associate(type, toId, toType, otherId, [...types.values()]);
      }
    }
  }
}
