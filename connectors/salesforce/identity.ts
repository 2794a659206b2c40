import { z } from 'zod';

/**
 * Who our connection is in Salesforce, learned from the token, never from configuration.
 *
 * The token response's `id` is the identity URL `https://login.salesforce.com/id/<orgId>/<userId>`
 * (https://help.salesforce.com/s/articleView?id=xcloud.remoteaccess_using_openid.htm). With a bare
 * access token there is no token response: the OpenID Connect UserInfo endpoint answers `user_id`
 * and `organization_id` for the token's user
 * (https://help.salesforce.com/HTViewHelpDoc?id=remoteaccess_using_userinfo_endpoint.htm).
 */
export interface SalesforceIdentity {
  readonly userId: string;
  readonly organizationId: string;
}

/**
 * The `client=` name we send in `Sforce-Call-Options` on every call, so change events of our own
 * writes carry it in `changeOrigin`
 * (https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/headers_calloptions.htm).
 */
export const SALESFORCE_CLIENT_NAME = 'partnersync';

export const UserInfo = z.looseObject({
  user_id: z.string().min(15),
  organization_id: z.string().min(15),
});

const ID_URL = /\/id\/([A-Za-z0-9]{15,18})\/([A-Za-z0-9]{15,18})\/?$/;

/** The identity named by an identity URL, or null when the URL is not one. */
export function identityFromUrl(idUrl: string | undefined): SalesforceIdentity | null {
  const m = idUrl === undefined ? null : ID_URL.exec(idUrl);
  return m?.[1] !== undefined && m[2] !== undefined ? { organizationId: m[1], userId: m[2] } : null;
}
