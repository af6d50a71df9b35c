/**
 * `npm run start:server`: one server process (HTTP, Socket.io, the change relay, the report renderer) for a
 * deployment of N servers and N workers on one Redis (docs/scale-out.md). It builds what is missing, as `npm start`
 * does, but starts no Redis and no workers: REDIS_URL must answer, and `npm run start:workers` runs beside it.
 */
import path from 'node:path';
import { prepareAssets } from './start/prepare';

const root = path.resolve(import.meta.dirname, '..');
await prepareAssets(root, (msg) => console.log(`[ioc-live] ${msg}`));
await import('../server/main');
