import type { X2jOptions } from 'fast-xml-parser';
import type { ErrorIssue } from '../../src/core/errors/index.js';
import {
  PayloadLimitError,
  ServiceUnavailableError,
  WebhookAuthError,
  WebhookPayloadError,
} from '../../src/core/errors/index.js';
import { parseXmlBounded, ParseFailure } from '../../src/core/offload/parse-off-thread.js';
import { checkXmlElementCount } from '../../src/core/limits/xml-elements.js';
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

/**
 * A notification that carries no record data. Salesforce: "if the record is deleted before the
 * notification is delivered, the notification won't contain any data"
 * (https://help.salesforce.com/s/articleView?id=platform.workflow_om_considerations.htm&type=5).
 * It is a hint: the object type is synced again at once, and the incremental sync's `queryAll` finds
 * the delete.
 */
export interface OutboundNotificationWithoutData {
  readonly id: string;
  readonly objectType: string;
}

export interface OutboundMessage {
  readonly organizationId: string;
  readonly actionId: string;
  readonly sessionId: string | null;
  readonly enterpriseUrl: string;
  readonly partnerUrl: string;
  readonly notifications: readonly OutboundNotification[];
  readonly withoutData: readonly OutboundNotificationWithoutData[];
  /** Notifications that could not be used at all (no Notification Id, no sObject type), one issue each. */
  readonly skipped: readonly ErrorIssue[];
}

/**
 * Structural limits, checked before and while parsing so that parsing stays linear and bounded. A real
 * message holds at most 100 notifications of the fields selected in setup.
 */
export const OUTBOUND_MESSAGE_LIMITS = {
  /** Start tags in the whole document (100 notifications of ~190 fields each). */
  maxElements: 20_000,
  /** Fields of one sObject. */
  maxFields: 1_000,
  /** Envelope/Body/notifications/Notification/sObject/field is 6; nested fields add a few. */
  maxDepth: 12,
} as const;

// https://help.salesforce.com/s/articleView?id=000385008&type=1 — 15 or 18 case-sensitive alphanumerics
const SALESFORCE_ID = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/;

type Scope = ReadonlyMap<string, string>;
interface Element {
  readonly value: unknown;
  readonly scope: Scope;
}
interface Child extends Element {
  readonly ns: string | undefined;
  readonly local: string;
}

const PARSER_OPTIONS: X2jOptions = {
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  parseAttributeValue: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  trimValues: true,
  maxNestedTags: OUTBOUND_MESSAGE_LIMITS.maxDepth,
};
/** Within the element limit a parse takes well under a second; past this it is refused, not waited for. */
const PARSE_TIMEOUT_MS = 10_000;
/** Up to this many elements (a few milliseconds of parsing) the parse runs inline. */
const INLINE_PARSE_ELEMENTS = 2_000;

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

/** Every child element, namespace resolved, in document order (repeats flattened). One pass. */
function childElements(parent: Element): Child[] {
  if (!isRecord(parent.value)) return [];
  const found: Child[] = [];
  for (const [key, raw] of Object.entries(parent.value)) {
    if (key.startsWith('@_') || key === '#text') continue;
    const name = splitName(key);
    for (const value of Array.isArray(raw) ? (raw as unknown[]) : [raw]) {
      const scope = scopeOf(value, parent.scope);
      found.push({ value, scope, ns: scope.get(name.prefix), local: name.local });
    }
  }
  return found;
}

/** Child elements with this namespace URI and local name. */
function children(parent: Element, ns: string, local: string): Child[] {
  return childElements(parent).filter((c) => c.ns === ns && c.local === local);
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

function hasChildElements(value: unknown): boolean {
  if (!isRecord(value)) return false;
  for (const key in value) if (!key.startsWith('@_') && key !== '#text') return true;
  return false;
}

/**
 * The sObject's fields, in one pass over its children. The result has no prototype, so a field named
 * `__proto__` (or `constructor`) is an ordinary own key and never replaces or reaches a prototype.
 */
function fieldsOf(element: Element, path: string, issues: Issues): Record<string, OutboundFieldValue> {
  const fields = Object.create(null) as Record<string, OutboundFieldValue>;
  const found = childElements(element).filter((c) => c.ns === SOBJECT_NS);
  if (found.length > OUTBOUND_MESSAGE_LIMITS.maxFields) {
    issues.add(path, `more than ${OUTBOUND_MESSAGE_LIMITS.maxFields} fields`);
    return fields;
  }
  for (const field of found) {
    fields[field.local] =
      hasChildElements(field.value) && !isNil(field)
        ? fieldsOf(field, `${path}.${field.local}`, issues)
        : textOf(field);
  }
  return fields;
}

type ParsedNotification =
  | { readonly kind: 'data'; readonly notification: OutboundNotification }
  | { readonly kind: 'without_data'; readonly notification: OutboundNotificationWithoutData }
  | { readonly kind: 'skipped'; readonly issues: readonly ErrorIssue[] };

/** One notification, on its own: its problems never affect the other notifications of the message. */
function parseNotification(notification: Element, path: string): ParsedNotification {
  const issues = new Issues();
  const id = requiredText(notification, 'Id', `${path}.Id`, issues);
  const sObject = one(notification, OUTBOUND_NS, 'sObject', `${path}.sObject`, issues);
  if (sObject === undefined || issues.list.length > 0) return { kind: 'skipped', issues: issues.list };
  const type = splitName(attribute(sObject, XSI_NS, 'type') ?? '');
  const typeNs = sObject.scope.get(type.prefix);
  if (!/^\w+$/.test(type.local) || (typeNs !== undefined && typeNs !== SOBJECT_NS)) {
    issues.add(`${path}.sObject`, 'xsi:type must name an sObject type such as sf:Lead');
    return { kind: 'skipped', issues: issues.list };
  }
  const fields = fieldsOf(sObject, `${path}.sObject`, issues);
  if (issues.list.length > 0) return { kind: 'skipped', issues: issues.list };
  const objectId = fields['Id'];
  const empty = (value: OutboundFieldValue | undefined): boolean => value === undefined || value === '';
  if (empty(objectId) && Object.values(fields).every(empty)) {
    return { kind: 'without_data', notification: { id, objectType: type.local } };
  }
  if (typeof objectId !== 'string' || !SALESFORCE_ID.test(objectId)) {
    issues.add(
      `${path}.sObject.Id`,
      empty(objectId) ? 'required element is missing' : 'not a Salesforce record id',
    );
    return { kind: 'skipped', issues: issues.list };
  }
  return { kind: 'data', notification: { id, objectType: type.local, objectId, fields } };
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

/** Large documents are parsed in a worker thread: only the linear walk below runs on the event loop. */
async function parseXml(xml: string, elements: number): Promise<unknown> {
  try {
    return await parseXmlBounded(xml, elements, {
      ...PARSER_OPTIONS,
      inlineElements: INLINE_PARSE_ELEMENTS,
      timeoutMs: PARSE_TIMEOUT_MS,
    });
  } catch (err) {
    if (!(err instanceof ParseFailure)) throw err;
    if (err.kind === 'timeout') {
      throw new PayloadLimitError('outbound message took too long to parse', {
        cause: err,
        issues: [{ path: '', message: err.message }],
      });
    }
    if (err.kind === 'stopped') {
      throw new ServiceUnavailableError('outbound message could not be parsed right now; retry later', {
        cause: err,
      });
    }
    throw new WebhookPayloadError('outbound message is not well-formed XML', {
      cause: err,
      issues: [{ path: '', message: err.message }],
    });
  }
}

/**
 * Parses a Salesforce outbound-message SOAP request in time linear in its size, within
 * `OUTBOUND_MESSAGE_LIMITS` (`PayloadLimitError`, 413, above them). The org id must match the
 * connection's (`WebhookAuthError`, 401). A malformed envelope, any DOCTYPE/entity declaration, or a
 * message without one usable notification is a `WebhookPayloadError` (400) listing the issues. Each
 * notification stands alone: one without data is returned in `withoutData` (re-read it), one that
 * cannot be used at all in `skipped`; neither fails the others.
 */
export async function parseOutboundMessage(
  rawBody: Buffer,
  options: { readonly orgId: string },
): Promise<OutboundMessage> {
  const xml = decodeXml(rawBody);
  const elementCount = checkXmlElementCount(xml, OUTBOUND_MESSAGE_LIMITS.maxElements, 'outbound message');
  const document = await parseXml(xml, elementCount);
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
  const parsed =
    issues.list.length > 0 ? [] : elements.map((e, i) => parseNotification(e, `${path}.Notification.${i}`));
  const withData: OutboundNotification[] = [];
  const withoutData: OutboundNotificationWithoutData[] = [];
  const skipped: ErrorIssue[] = [];
  for (const p of parsed) {
    if (p.kind === 'data') withData.push(p.notification);
    else if (p.kind === 'without_data') withoutData.push(p.notification);
    else skipped.push(...p.issues);
  }
  if (issues.list.length === 0 && withData.length + withoutData.length === 0) issues.list.push(...skipped);
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
    notifications: withData,
    withoutData,
    skipped,
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
