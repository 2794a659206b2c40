import type { RecordChange } from '../../store.js';
import { cdcEvents, type SfChangeEvent } from '../outbound-message.js';
import type { SfOrg } from '../org.js';
import type { SfObject } from '../schema.js';
import { changeEventSchema, type ChangeSchema } from './change-schema.js';
import type { EventBus } from './event-bus.js';

/** The standard per-object channel: `/data/LeadChangeEvent`, `/data/Foo__ChangeEvent` for `Foo__c`. */
export const channelOf = (objectName: string): string =>
  `/data/${objectName.replace(/__c$/, '__')}ChangeEvent`;

/** The object a per-object channel names, or undefined. */
export function objectOfChannel(org: SfOrg, topic: string): SfObject | undefined {
  const name = /^\/data\/(\w+?)ChangeEvent$/.exec(topic)?.[1];
  return name === undefined ? undefined : org.object(name.endsWith('__') ? `${name}c` : name);
}

/**
 * Publishes the org's record changes to the bus as Avro change events, one channel per object. Changes
 * of one tick are one batch, so one transaction's identical updates merge into one event (see
 * `cdcEvents`). Gap events (`gap`) carry ids only.
 */
export class ChangePublisher {
  private readonly schemas = new Map<string, ChangeSchema>();
  private batch: SfChangeEvent[] = [];

  constructor(
    private readonly org: SfOrg,
    private readonly bus: EventBus,
    private readonly overflowAfter: number,
  ) {}

  schemaOf(obj: SfObject): ChangeSchema {
    const key = `${obj.name}|${obj.fields.length}`;
    let schema = this.schemas.get(key);
    if (schema === undefined) {
      schema = changeEventSchema(obj);
      this.schemas.set(key, schema);
      this.schemas.set(schema.id, schema);
    }
    return schema;
  }

  schemaById(id: string): ChangeSchema | undefined {
    return this.schemas.get(id);
  }

  enqueue(change: RecordChange, obj: SfObject, gap = false): void {
    if (this.batch.length === 0) setImmediate(() => this.flush());
    this.batch.push({ change, obj, notificationId: '', gap });
  }

  private flush(): void {
    const batch = this.batch;
    this.batch = [];
    for (const event of cdcEvents(this.org, batch, this.overflowAfter)) {
      const header = event.payload['ChangeEventHeader'] as { entityName: string; transactionKey: string };
      const obj = this.org.objectOrThrow(header.entityName);
      const schema = this.schemaOf(obj);
      this.bus.append({
        topic: channelOf(obj.name),
        schemaId: schema.id,
        id: `${header.transactionKey}-${this.bus.latest + 1}`,
        payload: schema.encode(event.payload),
      });
    }
  }
}
