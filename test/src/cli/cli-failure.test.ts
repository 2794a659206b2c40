import { describe, expect, it } from 'vitest';
import { cliFailure } from '../../../src/cli/cli-failure.js';
import { ConfigError } from '../../../src/core/errors/index.js';
import { RedisClusterNodeError, RedisUnavailableError } from '../../../src/queue/local-redis.js';
import { redisFailureOf } from '../../../src/queue/redis-errors.js';

/** A server error reply as ioredis raises it (its ReplyError: name and the reply as message). */
function replyError(message: string): Error {
  return Object.assign(new Error(message), { name: 'ReplyError' });
}

describe('Redis failures', () => {
  it('names MOVED, CROSSSLOT and CLUSTERDOWN as what they are', () => {
    expect(redisFailureOf(replyError('MOVED 6863 127.0.0.1:7102')).kind).toBe('moved');
    expect(redisFailureOf(replyError("CROSSSLOT Keys in request don't hash to the same slot")).kind).toBe(
      'crossslot',
    );
    expect(redisFailureOf(replyError('CLUSTERDOWN The cluster is down')).reason).toContain('CLUSTERDOWN');
    expect(redisFailureOf(new Error('Connection is closed.'))).toEqual({
      kind: 'unavailable',
      reason: 'Redis unavailable',
    });
  });
});

describe('CLI exit codes', () => {
  it('exits 78 on configuration, 69 on Redis, 1 otherwise, with one line', () => {
    expect(cliFailure(new ConfigError('bad'))).toEqual({ code: 78, line: 'bad' });
    expect(cliFailure(new RedisClusterNodeError('use REDIS_CLUSTER_NODES')).code).toBe(78);
    expect(cliFailure(new RedisUnavailableError('down')).code).toBe(69);
    const moved = cliFailure(replyError('MOVED 6863 127.0.0.1:7102'));
    expect(moved.code).toBe(69);
    expect(moved.line).toMatch(
      /^Redis Cluster MOVED: .*REDIS_CLUSTER_NODES.*\(MOVED 6863 127\.0\.0\.1:7102\)$/,
    );
    expect(cliFailure(replyError('CLUSTERDOWN Hash slot not served')).line).toMatch(
      /^Redis Cluster CLUSTERDOWN/,
    );
    expect(cliFailure(new Error('Connection is closed.')).code).toBe(69);
    expect(cliFailure(new Error('unknown connection x'))).toEqual({ code: 1, line: 'unknown connection x' });
  });
});
