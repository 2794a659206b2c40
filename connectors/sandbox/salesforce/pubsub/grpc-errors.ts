import grpc from '@grpc/grpc-js';

/**
 * Pub/Sub API failures as gRPC statuses with Salesforce's custom code in the `error-code` trailer.
 * https://developer.salesforce.com/docs/platform/pub-sub-api/guide/handling-errors.html
 */
export const PUBSUB_ERROR = {
  auth: 'sfdc.platform.eventbus.grpc.service.auth.error',
  replayCorrupted: 'sfdc.platform.eventbus.grpc.subscription.fetch.replayid.corrupted',
  topicNotFound: 'sfdc.platform.eventbus.grpc.topic.not.found',
  reset: 'sfdc.platform.eventbus.grpc.service.unavailable',
} as const;

export function pubsubError(
  code: grpc.status,
  errorCode: string,
  details: string,
): Partial<grpc.StatusObject> & Error {
  const metadata = new grpc.Metadata();
  metadata.set('error-code', errorCode);
  return Object.assign(new Error(details), { code, details, metadata });
}

export const replayIdBytes = (replayId: number): Buffer => {
  const buf = Buffer.alloc(8);
  buf.writeBigUInt64BE(BigInt(replayId));
  return buf;
};
