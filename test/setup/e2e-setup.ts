import { build } from 'vite';
import setupRedisAndMaps from './global-setup';

/** Before the browser tests: Redis and maps as for the Redis tests, and a fresh build of the dashboard. */
export default async function setup(): Promise<void> {
  await setupRedisAndMaps();
  await build({ logLevel: 'warn' });
}
