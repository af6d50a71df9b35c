import { ensureMaps } from '../../maps/ensure';
import { buildClientIfMissing } from './client-build';

/** What a server serves and must find built: the maps (maps/dist) and the dashboard (dist/client). */
export async function prepareAssets(root: string, say: (msg: string) => void): Promise<void> {
  await ensureMaps({ log: say });
  await buildClientIfMissing(root, say);
}
