import { XMLParser } from 'fast-xml-parser';
import type { ErrorIssue } from '../../src/core/errors/index.js';
import { WebhookAuthError, WebhookPayloadError } from '../../src/core/errors/index.js';
import { sameSalesforceId } from './same-salesforce-id.js';

// https://developer.salesforce.com/docs/platform/api/guide/sforce-api-om-outboundmessaging-wsdl.html
const SOAP_ENVELOPE_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
const OUTBOUND_NS = 'http://soap.sforce.com/2005/09/outbound';
const SOBJECT_NS = 'urn:sobject.enterprise.soap.sforce.com';
const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance';
export const OUTBOUND_MESSAGE_MAX_NOTIFICATIONS = 100;

/** A delivered field: text, `null` for `xsi:nil`, or nested fields. */
export type OutboundFieldValue = string | null | { readonly [field: string]: OutboundFieldValue };

export interface OutboundNotification {
  /** `Notification/Id`: the same on every redelivery; de-duplicate on it. */
  readonly id: string;
  /** From `xsi:type="sf:Lead"` → `Lead`. */
  readonly objectType: string;
  readonly objectId: string;
  /** The fields selected in setup, by API name (`Id` included). Values are the latest, not historical. */
  readonly fields: Readonly<Record<string, OutboundFieldValue>>;
}

export interface OutboundMessage {
  readonly organizationId: string;
  readonly actionId: string;
  readonly sessionId: string | null;
  readonly enterpriseUrl: string;
  readonly partnerUrl: string;
  readonly notifications: readonly OutboundNotification[];
}

type Scope = ReadonlyMap<string, string>;
interface Element {
  readonly value: unknown;
  readonly scope: Scope;
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  parseAttributeValue: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  trimValues: true,
});

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function splitName(name: string): { prefix: string; local: string } {
  const colon = name.indexOf(':');
  return colon < 0
    ? { prefix: '', local: name }
    : { prefix: name.slice(0, colon), local: name.slice(colon + 1) };
}

/** The namespace scope inside an element: its parent's plus its own `xmlns` declarations. */
function scopeOf(value: unknown, parent: Scope): Scope {
  if (!isRecord(value)) return parent;
  let scope: Map<string, string> | undefined;
  for (const [key, uri] of Object.entries(value)) {
    if (typeof uri !== 'string' || (key !== '@_xmlns' && !key.startsWith('@_xmlns:'))) continue;
    scope ??= new Map(parent);
    scope.set(key === '@_xmlns' ? '' : key.slice('@_xmlns:'.length), uri);
  }
  return scope ?? parent;
}

/** Child elements with this namespace URI and local name, in document order (repeats flattened). */
function children(parent: Element, ns: string, local: string): Element[] {
  if (!isRecord(parent.value)) return [];
  const found: Element[] = [];
  for (const [key, raw] of Object.entries(parent.value)) {
    if (key.startsWith('@_') || key === '#text') continue;
    const name = splitName(key);
    if (name.local !== local) continue;
    for (const value of Array.isArray(raw) ? (raw as unknown[]) : [raw]) {
      const scope = scopeOf(value, parent.scope);
      if (scope.get(name.prefix) === ns) found.push({ value, scope });
    }
  }
  return found;
}

function attribute(element: Element, ns: string, local: string): string | undefined {
  if (!isRecord(element.value)) return undefined;
  for (const [key, value] of Object.entries(element.value)) {
    if (!key.startsWith('@_') || typeof value !== 'string') continue;
    const name = splitName(key.slice(2));
    if (name.local === local && name.prefix !== '' && element.scope.get(name.prefix) === ns) return value;
  }
  return undefined;
}

function isNil(element: Element): boolean {
  const nil = attribute(element, XSI_NS, 'nil');
  return nil === 'true' || nil === '1';
}

function textOf(element: Element): string | null {
  if (isNil(element)) return null;
  if (typeof element.value === 'string') return element.value;
  if (isRecord(element.value)) {
    const text = element.value['#text'];
    return typeof text === 'string' ? text : '';
  }
  return null;
}

class Issues {
  readonly list: ErrorIssue[] = [];
  add(path: string, message: string): void {
    this.list.push({ path, message });
  }
}

function one(parent: Element, ns: string, local: string, path: string, issues: Issues): Element | undefined {
  const found = children(parent, ns, local);
  if (found.length !== 1)
    issues.add(path, found.length === 0 ? 'required element is missing' : 'element repeated');
  return found[0];
}

function requiredText(parent: Element, local: string, path: string, issues: Issues): string {
  const element = one(parent, OUTBOUND_NS, local, path, issues);
  const text = element === undefined ? null : textOf(element);
  if (element !== undefined && (text === null || text === '')) issues.add(path, 'must not be empty');
  return text ?? '';
}

function fieldsOf(element: Element): Record<string, OutboundFieldValue> {
  const fields: Record<string, OutboundFieldValue> = {};
  if (!isRecord(element.value)) return fields;
  for (const key of Object.keys(element.value)) {
    if (key.startsWith('@_') || key === '#text') continue;
    const local = splitName(key).local;
    for (const field of children(element, SOBJECT_NS, local)) {
      const nested =
        isRecord(field.value) && Object.keys(field.value).some((k) => !k.startsWith('@_') && k !== '#text');
      fields[local] = nested && !isNil(field) ? fieldsOf(field) : textOf(field);
    }
  }
  return fields;
}

function parseNotification(
  notification: Element,
  path: string,
  issues: Issues,
): OutboundNotification | undefined {
  const before = issues.list.length;
  const id = requiredText(notification, 'Id', `${path}.Id`, issues);
  const sObject = one(notification, OUTBOUND_NS, 'sObject', `${path}.sObject`, issues);
  if (sObject === undefined) return undefined;
  const type = splitName(attribute(sObject, XSI_NS, 'type') ?? '');
  const typeNs = sObject.scope.get(type.prefix);
  if (!/^\w+$/.test(type.local) || (typeNs !== undefined && typeNs !== SOBJECT_NS)) {
    issues.add(`${path}.sObject`, 'xsi:type must name an sObject type such as sf:Lead');
  }
  const fields = fieldsOf(sObject);
  const objectId = fields['Id'];
  if (typeof objectId !== 'string' || objectId === '')
    issues.add(`${path}.sObject.Id`, 'required element is missing');
  if (issues.list.length > before || typeof objectId !== 'string') return undefined;
  return { id, objectType: type.local, objectId, fields };
}

// https://owasp.org/www-community/vulnerabilities/XML_External_Entity_(XXE)_Processing
function decodeXml(rawBody: Buffer): string {
  let xml: string;
  try {
    xml = new TextDecoder('utf-8', { fatal: true }).decode(rawBody);
  } catch (err) {
    throw new WebhookPayloadError('outbound message is not valid UTF-8', {
      cause: err,
      issues: [{ path: '', message: 'invalid UTF-8' }],
    });
  }
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) {
    throw new WebhookPayloadError('outbound message contains a DOCTYPE or entity declaration', {
      issues: [{ path: '', message: 'DOCTYPE and entity declarations are not allowed' }],
    });
  }
  return xml;
}

/**
 * Parses a Salesforce outbound-message SOAP request. The org id must match the connection's
 * (`WebhookAuthError`, 401); anything malformed, or any DOCTYPE/entity declaration, is a
 * `WebhookPayloadError` (400) listing the issues.
 */
export function parseOutboundMessage(rawBody: Buffer, options: { readonly orgId: string }): OutboundMessage {
  const xml = decodeXml(rawBody);
  let document: unknown;
  try {
    // Without validation the parser silently repairs malformed XML; fast-xml-validator is not a dependency yet.
    // eslint-disable-next-line @typescript-eslint/no-deprecated
    document = parser.parse(xml, true);
  } catch (err) {
    throw new WebhookPayloadError('outbound message is not well-formed XML', {
      cause: err,
      issues: [{ path: '', message: err instanceof Error ? err.message : 'malformed XML' }],
    });
  }
  const issues = new Issues();
  const root: Element = { value: document, scope: new Map() };
  const envelope = one(root, SOAP_ENVELOPE_NS, 'Envelope', 'Envelope', issues);
  const body = envelope && one(envelope, SOAP_ENVELOPE_NS, 'Body', 'Envelope.Body', issues);
  const notifications =
    body && one(body, OUTBOUND_NS, 'notifications', 'Envelope.Body.notifications', issues);
  if (notifications === undefined) {
    throw new WebhookPayloadError('not a Salesforce outbound message', { issues: issues.list });
  }
  const path = 'notifications';
  const organizationId = requiredText(notifications, 'OrganizationId', `${path}.OrganizationId`, issues);
  if (organizationId !== '' && !sameSalesforceId(organizationId, options.orgId)) {
    throw new WebhookAuthError('outbound message OrganizationId does not match this connection');
  }
  const actionId = requiredText(notifications, 'ActionId', `${path}.ActionId`, issues);
  const session = children(notifications, OUTBOUND_NS, 'SessionId')[0];
  const enterpriseUrl = requiredText(notifications, 'EnterpriseUrl', `${path}.EnterpriseUrl`, issues);
  const partnerUrl = requiredText(notifications, 'PartnerUrl', `${path}.PartnerUrl`, issues);
  const elements = children(notifications, OUTBOUND_NS, 'Notification');
  if (elements.length === 0 || elements.length > OUTBOUND_MESSAGE_MAX_NOTIFICATIONS) {
    issues.add(`${path}.Notification`, `expected 1 to ${OUTBOUND_MESSAGE_MAX_NOTIFICATIONS} notifications`);
  }
  const parsed = elements.map((element, index) =>
    parseNotification(element, `${path}.Notification.${index}`, issues),
  );
  if (issues.list.length > 0) {
    throw new WebhookPayloadError(`outbound message is invalid (${issues.list.length} issue(s))`, {
      issues: issues.list,
    });
  }
  return {
    organizationId,
    actionId,
    sessionId: session === undefined ? null : textOf(session) || null,
    enterpriseUrl,
    partnerUrl,
    notifications: parsed.filter((n): n is OutboundNotification => n !== undefined),
  };
}

// https://developer.salesforce.com/docs/platform/api/guide/sforce-api-om-outboundmessaging-wsdl.html
export const OUTBOUND_MESSAGE_ACK_CONTENT_TYPE = 'text/xml; charset=utf-8';

/** The SOAP reply Salesforce needs (HTTP 200, text/xml). One ack covers every notification in the message. */
export function outboundMessageAck(ack = true): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/">',
    ' <soapenv:Body>',
    '  <notificationsResponse xmlns="http://soap.sforce.com/2005/09/outbound">',
    `   <Ack>${ack ? 'true' : 'false'}</Ack>`,
    '  </notificationsResponse>',
    ' </soapenv:Body>',
    '</soapenv:Envelope>',
    '',
  ].join('\n');
}
