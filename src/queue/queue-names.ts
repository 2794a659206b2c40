/** Every BullMQ queue of the service. Write-back is its own queue so a CRM write failure never re-runs matching. */
export const QUEUE_NAMES = [
  'crm-events',
  'dedupe',
  'attribution',
  'registration',
  'write-back',
  'maintenance',
] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];
