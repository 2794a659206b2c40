import { z } from 'zod';

/** Where the service's Redis is: one server by URL, or a Redis Cluster by its seed nodes. */
export type RedisTarget =
  | { readonly kind: 'single'; readonly url: string }
  | {
      readonly kind: 'cluster';
      readonly nodes: readonly HostPort[];
      readonly username?: string | undefined;
      readonly password?: string | undefined;
      readonly tls: boolean;
      /** Addresses the cluster announces → addresses this process reaches them at. */
      readonly natMap?: Readonly<Record<string, HostPort>> | undefined;
    };

export interface HostPort {
  readonly host: string;
  readonly port: number;
}

const HOST_PORT = /^(\[[0-9a-fA-F:]+\]|[A-Za-z0-9._-]+):(\d{1,5})$/;

/** `host:port` (IPv6 in brackets); undefined when it is not one. */
export function parseHostPort(text: string): HostPort | undefined {
  const m = HOST_PORT.exec(text.trim());
  if (m === null) return undefined;
  const port = Number(m[2]);
  if (port < 1 || port > 65535) return undefined;
  const host = (m[1] ?? '').replace(/^\[|\]$/g, '');
  return { host, port };
}

/** Comma-separated `host:port` seeds, as REDIS_CLUSTER_NODES takes them. */
export const ClusterNodesText = z
  .string()
  .trim()
  .transform((v, ctx) => {
    if (v === '') return undefined;
    const nodes: HostPort[] = [];
    for (const part of v.split(',')) {
      const node = parseHostPort(part);
      if (node === undefined) {
        ctx.addIssue({ code: 'custom', message: `"${part.trim()}" is not host:port` });
        return z.NEVER;
      }
      nodes.push(node);
    }
    return nodes;
  });

/** Comma-separated `announced-host:port=reachable-host:port` pairs, as REDIS_CLUSTER_NAT_MAP takes them. */
export const NatMapText = z
  .string()
  .trim()
  .transform((v, ctx) => {
    if (v === '') return undefined;
    const map: Record<string, HostPort> = {};
    for (const pair of v.split(',')) {
      const [from, to, extra] = pair.split('=');
      const source = parseHostPort(from ?? '');
      const dest = parseHostPort(to ?? '');
      if (source === undefined || dest === undefined || extra !== undefined) {
        ctx.addIssue({ code: 'custom', message: `"${pair.trim()}" is not host:port=host:port` });
        return z.NEVER;
      }
      map[`${source.host}:${source.port}`] = dest;
    }
    return map;
  });

export interface RedisTargetEnv {
  readonly REDIS_URL: string;
  readonly REDIS_CLUSTER_NODES?: readonly HostPort[] | undefined;
  readonly REDIS_CLUSTER_USERNAME?: string | undefined;
  readonly REDIS_CLUSTER_PASSWORD?: string | undefined;
  readonly REDIS_CLUSTER_TLS?: boolean | undefined;
  readonly REDIS_CLUSTER_NAT_MAP?: Readonly<Record<string, HostPort>> | undefined;
}

/** REDIS_CLUSTER_NODES set: the cluster; otherwise the single Redis at REDIS_URL. */
export function redisTargetOf(env: RedisTargetEnv): RedisTarget {
  const nodes = env.REDIS_CLUSTER_NODES;
  if (nodes === undefined || nodes.length === 0) return { kind: 'single', url: env.REDIS_URL };
  return {
    kind: 'cluster',
    nodes,
    username: env.REDIS_CLUSTER_USERNAME,
    password: env.REDIS_CLUSTER_PASSWORD,
    tls: env.REDIS_CLUSTER_TLS === true,
    natMap: env.REDIS_CLUSTER_NAT_MAP,
  };
}

/** For logs and messages: never a password. */
export function describeTarget(target: RedisTarget): string {
  if (target.kind === 'single') return redactUrl(target.url);
  const seeds = target.nodes.map((n) =>
    n.host.includes(':') ? `[${n.host}]:${n.port}` : `${n.host}:${n.port}`,
  );
  return `Redis Cluster (${target.tls ? 'TLS, ' : ''}seeds ${seeds.join(',')})`;
}

export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'the configured REDIS_URL';
  }
}

/** The variables that name `target`, for a child process or an embedded service started on it. */
export function targetEnv(target: RedisTarget): Record<string, string> {
  if (target.kind === 'single') return { REDIS_URL: target.url };
  const hostPort = (n: HostPort): string =>
    n.host.includes(':') ? `[${n.host}]:${n.port}` : `${n.host}:${n.port}`;
  return {
    REDIS_CLUSTER_NODES: target.nodes.map(hostPort).join(','),
    REDIS_CLUSTER_TLS: String(target.tls),
    ...(target.username === undefined ? {} : { REDIS_CLUSTER_USERNAME: target.username }),
    ...(target.password === undefined ? {} : { REDIS_CLUSTER_PASSWORD: target.password }),
    ...(target.natMap === undefined
      ? {}
      : {
          REDIS_CLUSTER_NAT_MAP: Object.entries(target.natMap)
            .map(([from, to]) => `${from}=${hostPort(to)}`)
            .join(','),
        }),
  };
}
