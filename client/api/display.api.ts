import type { DisplayConfigAnswer } from '../../core/displays/display-config';
import { getJson } from './http';

/** The wall's own configuration when it runs with a display token (docs/api.md "Displays"); null for a user. */
export const fetchDisplayConfig = (signal?: AbortSignal) => getJson<DisplayConfigAnswer>('/api/v1/display', signal).then((a) => a.display);
