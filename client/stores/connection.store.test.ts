import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { OFFLINE_BANNER_AFTER_MS, useConnectionStore } from './connection.store';

describe('connection store: the server data store down while the socket is up', () => {
  beforeEach(() => setActivePinia(createPinia()));

  it('is not live, and shows the banner after the same delay as a lost socket', () => {
    const c = useConnectionStore();
    c.setState('connected');
    c.setSync('synced');
    expect(c.live).toBe(true);
    c.setStore('down');
    expect(c.live).toBe(false);
    const at = c.storeSince;
    expect(c.offlineLongerThan(at + OFFLINE_BANNER_AFTER_MS - 1)).toBe(false);
    expect(c.offlineLongerThan(at + OFFLINE_BANNER_AFTER_MS + 1)).toBe(true);
    c.setStore('up');
    expect(c.live).toBe(true);
    expect(c.offlineLongerThan(at + 60_000)).toBe(false);
  });

  it('forgets the store state with the socket: the server says again at the next connect', () => {
    const c = useConnectionStore();
    c.setState('connected');
    c.setStore('down');
    c.setState('disconnected');
    expect(c.store).toBe('up');
  });
});
