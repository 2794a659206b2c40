import { z } from 'zod';
import type { AdminRoute } from './admin-route.js';

type JsonObject = Record<string, unknown>;

export interface OpenApiInfo {
  readonly title: string;
  readonly version: string;
}

const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    issues: z
      .array(
        z.object({
          path: z.string(),
          message: z.string(),
          suggestion: z.string().nullable().optional(),
          line: z.number().int().nullable().optional(),
        }),
      )
      .optional(),
    requestId: z.string().optional(),
  }),
});

const STATUS_TEXT: Readonly<Record<number, string>> = {
  400: 'Malformed request (the issues name each bad parameter)',
  401: 'Missing or invalid bearer token',
  403: 'The token does not reach this connection or route',
  404: 'No such connection, version or record',
  409: 'The current state does not allow this',
  422: 'Invalid mapping: every issue with path, message, suggestion and line',
  502: 'The CRM refused or failed the call',
  503: 'A dependency (Redis, CRM rate limit) is unavailable; retry later',
};

/** Rewrites `#/$defs/X` to `#/components/schemas/<prefix>X`, collecting the definitions. */
function hoist(node: unknown, prefix: string): unknown {
  if (Array.isArray(node)) return node.map((n) => hoist(n, prefix));
  if (typeof node !== 'object' || node === null) return node;
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === '$ref' && typeof v === 'string' && v.startsWith('#/$defs/'))
      out[k] = `#/components/schemas/${prefix}${v.slice('#/$defs/'.length)}`;
    else if (k === '$ref' && v === '#') out[k] = `#/components/schemas/${prefix}Root`;
    else out[k] = hoist(v, prefix);
  }
  return out;
}

/** Zod → JSON Schema 2020-12 (OpenAPI 3.1's dialect), with `$defs` moved into components. */
function schemaOf(
  schema: z.ZodType,
  io: 'input' | 'output',
  name: string,
  components: JsonObject,
): JsonObject {
  const raw = z.toJSONSchema(schema, { io, unrepresentable: 'any', reused: 'inline', cycles: 'ref' });
  const rest: JsonObject = { ...(raw as JsonObject) };
  const $defs = rest['$defs'];
  delete rest['$schema'];
  delete rest['$defs'];
  const prefix = `${name}_`;
  for (const [defName, def] of Object.entries(($defs ?? {}) as JsonObject))
    components[`${prefix}${defName}`] = hoist(def, prefix);
  const body = hoist(rest, prefix) as JsonObject;
  if (JSON.stringify(rest).includes('"$ref":"#"')) components[`${prefix}Root`] = body;
  return body;
}

function operationId(route: AdminRoute): string {
  const words = route.path
    .split('/')
    .filter((p) => p !== '')
    .map((p) => (p.startsWith(':') ? `by-${p.slice(1)}` : p))
    .flatMap((p) => p.split(/[^A-Za-z0-9]+/));
  return [route.method, ...words]
    .map((w, i) => (i === 0 ? w : w.charAt(0).toUpperCase() + w.slice(1)))
    .join('');
}

function parametersOf(schema: z.ZodType, where: 'path' | 'query', name: string, components: JsonObject) {
  const json = schemaOf(schema, 'output', name, components);
  const properties = (json['properties'] ?? {}) as Record<string, JsonObject>;
  const required = new Set((json['required'] ?? []) as string[]);
  return Object.entries(properties).map(([param, s]) => ({
    name: param,
    in: where,
    required: where === 'path' || required.has(param),
    ...(typeof s['description'] === 'string' ? { description: s['description'] } : {}),
    schema: s,
  }));
}

/** The OpenAPI 3.1 document of the admin API, built from the routes' own zod schemas. */
export function buildOpenApi(routes: readonly AdminRoute[], info: OpenApiInfo): JsonObject {
  const components: JsonObject = { ErrorBody: schemaOf(ErrorBody, 'output', 'ErrorBody', {}) };
  const paths: Record<string, JsonObject> = {};
  for (const route of routes) {
    const id = operationId(route);
    const path = `/admin${route.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}')}`;
    const errorResponses = Object.fromEntries(
      [...new Set([400, 401, 403, ...route.errors])]
        .sort((a, b) => a - b)
        .map((status) => [
          String(status),
          {
            description: STATUS_TEXT[status] ?? 'Error',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorBody' } } },
          },
        ]),
    );
    const operation: JsonObject = {
      operationId: id,
      summary: route.summary,
      ...(route.description !== undefined ? { description: route.description } : {}),
      security: [{ adminToken: [] }],
      parameters: [
        ...parametersOf(route.schemas.params, 'path', `${id}_params`, components),
        ...parametersOf(route.schemas.query, 'query', `${id}_query`, components),
      ],
      responses: {
        [String(route.successStatus)]: {
          description: 'OK',
          content: {
            'application/json': {
              schema: schemaOf(route.schemas.response, 'output', `${id}_response`, components),
            },
          },
        },
        ...errorResponses,
      },
    };
    if (route.schemas.body !== undefined)
      operation['requestBody'] = {
        required: true,
        content: {
          'application/json': { schema: schemaOf(route.schemas.body, 'input', `${id}_body`, components) },
        },
      };
    paths[path] = { ...paths[path], [route.method]: operation };
  }
  return {
    openapi: '3.1.0',
    info: { title: info.title, version: info.version },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    servers: [{ url: '/' }],
    paths,
    components: {
      schemas: components,
      securitySchemes: {
        adminToken: {
          type: 'http',
          scheme: 'bearer',
          description: 'ADMIN_TOKEN (every connection) or a connection `adminToken` (that connection only).',
        },
      },
    },
  };
}
