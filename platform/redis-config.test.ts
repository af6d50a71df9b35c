import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from './config';
import { describeRedis } from './redis';

describe('Redis settings (platform/config.ts)', () => {
  it('parses Sentinel and Cluster lists into hosts and ports', () => {
    const c = parseConfig({ REDIS_SENTINELS: '127.0.0.1:26379, sentinel-2.local:26380,[::1]:26381' });
    expect(c.REDIS_SENTINELS).toEqual([
      { host: '127.0.0.1', port: 26379 },
      { host: 'sentinel-2.local', port: 26380 },
      { host: '::1', port: 26381 },
    ]);
    expect(c.REDIS_SENTINEL_NAME).toBe('mymaster');
    expect(describeRedis(c)).toBe('primary mymaster of sentinels 127.0.0.1:26379,sentinel-2.local:26380,[::1]:26381');
    expect(describeRedis(parseConfig({ REDIS_CLUSTER: 'a:7000,b:7001' }))).toBe('Redis Cluster a:7000,b:7001');
    // set but empty counts as not set
    expect(describeRedis(parseConfig({ REDIS_CLUSTER: '' }))).toBe('Redis at redis://127.0.0.1:6379');
  });

  it('refuses a bad host:port list at start, naming the variable and the entry', () => {
    for (const [env, says] of [
      [{ REDIS_CLUSTER: 'a:7000,b' }, /REDIS_CLUSTER: "b" is not host:port/],
      [{ REDIS_SENTINELS: 'a:0' }, /REDIS_SENTINELS: "a:0" is not host:port/],
      [{ REDIS_SENTINELS: 'a:65536' }, /REDIS_SENTINELS: "a:65536"/],
      [{ REDIS_SENTINELS: 'redis://a:1' }, /REDIS_SENTINELS/],
      [{ REDIS_SENTINELS: 'a:1', REDIS_CLUSTER: 'b:2' }, /REDIS_SENTINELS and REDIS_CLUSTER: set one/],
      [{ REDIS_CLUSTER: 'b:2', REDIS_WAIT_REPLICAS: '1' }, /REDIS_WAIT_REPLICAS: not with REDIS_CLUSTER/],
      [{ REDIS_WAIT_REPLICAS: '-1' }, /REDIS_WAIT_REPLICAS/],
    ] as const) {
      expect(() => parseConfig(env)).toThrow(ConfigError);
      expect(() => parseConfig(env)).toThrow(says);
    }
  });
});
