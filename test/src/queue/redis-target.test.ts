import { describe, expect, it } from 'vitest';
import { parseEnv } from '../../../src/core/env.js';
import { ConfigError } from '../../../src/core/errors/index.js';
import { clusterOptions } from '../../../src/queue/redis.js';
import { describeTarget, redisTargetOf, targetEnv } from '../../../src/queue/redis-target.js';

describe('REDIS_CLUSTER_NODES', () => {
  it('selects a cluster of the given seeds, with auth, TLS and a NAT map', () => {
    const env = parseEnv({
      REDIS_CLUSTER_NODES: 'node-a.example:6379, [::1]:7000,10.0.0.3:6380',
      REDIS_CLUSTER_USERNAME: 'partnersync',
      REDIS_CLUSTER_PASSWORD: 'cluster-secret',
      REDIS_CLUSTER_TLS: 'true',
      REDIS_CLUSTER_NAT_MAP: '10.0.0.3:6380=203.0.113.7:16380',
    });
    const target = redisTargetOf(env);
    expect(target).toEqual({
      kind: 'cluster',
      nodes: [
        { host: 'node-a.example', port: 6379 },
        { host: '::1', port: 7000 },
        { host: '10.0.0.3', port: 6380 },
      ],
      username: 'partnersync',
      password: 'cluster-secret',
      tls: true,
      natMap: { '10.0.0.3:6380': { host: '203.0.113.7', port: 16380 } },
    });
    const options = clusterOptions(target.kind === 'cluster' ? target : assertNever(), 'http');
    expect(options.redisOptions).toMatchObject({
      username: 'partnersync',
      password: 'cluster-secret',
      tls: {},
      maxRetriesPerRequest: 0,
      commandTimeout: 1_000,
    });
    expect(options.enableOfflineQueue).toBe(false);
    expect(options.natMap).toEqual({ '10.0.0.3:6380': { host: '203.0.113.7', port: 16380 } });
    expect(describeTarget(target)).toBe(
      'Redis Cluster (TLS, seeds node-a.example:6379,[::1]:7000,10.0.0.3:6380)',
    );
    expect(describeTarget(target)).not.toContain('cluster-secret');
    // A child process started on the same target gets the same target back.
    expect(redisTargetOf(parseEnv(targetEnv(target)))).toEqual(target);
  });

  it('keeps workers patient: commands wait through a failover', () => {
    const options = clusterOptions(
      { kind: 'cluster', nodes: [{ host: '127.0.0.1', port: 1 }], tls: false },
      'worker',
    );
    expect(options.redisOptions?.maxRetriesPerRequest).toBeNull();
    expect(options.dnsLookup).toBeUndefined();
  });

  it('uses REDIS_URL when it is not set', () => {
    expect(redisTargetOf(parseEnv({ REDIS_URL: 'redis://127.0.0.1:6390/2' }))).toEqual({
      kind: 'single',
      url: 'redis://127.0.0.1:6390/2',
    });
  });

  it('names a bad seed and the cluster settings that need seeds', () => {
    let error: unknown;
    try {
      parseEnv({ REDIS_CLUSTER_NODES: '127.0.0.1:7000,localhost', REDIS_CLUSTER_NAT_MAP: 'a:1=b' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = error instanceof Error ? error.message : '';
    expect(message).toContain('REDIS_CLUSTER_NODES: "localhost" is not host:port');
    expect(message).toContain('REDIS_CLUSTER_NAT_MAP: "a:1=b" is not host:port=host:port');
    expect(() => parseEnv({ REDIS_CLUSTER_PASSWORD: 'x' })).toThrow(
      /REDIS_CLUSTER_PASSWORD: needs REDIS_CLUSTER_NODES/,
    );
  });
});

function assertNever(): never {
  throw new Error('expected a cluster target');
}
