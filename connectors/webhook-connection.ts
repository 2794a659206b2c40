/** What webhook intake needs to know about one connection: secrets and our own identity (echo detection). */
export type WebhookConnection =
  | {
      readonly id: string;
      readonly provider: 'hubspot';
      readonly clientSecret: string | undefined;
      readonly appId: string | undefined;
      readonly portalId: string | undefined;
    }
  | {
      readonly id: string;
      readonly provider: 'salesforce';
      readonly organizationId: string | undefined;
      readonly sharedSecret: string | undefined;
      readonly clientId: string | undefined;
      readonly integrationUserId: string | undefined;
    };

export type WebhookConnectionLookup = (id: string) => WebhookConnection | undefined;
