import type { ConnectorRow, ConnectorsAnswer } from '../../core/contract/connectors';
import { getJson, sendJson } from './http';

/**
 * The pull connectors' admin routes (server/routes/connectors.routes.ts, docs/connectors.md). A definition is sent
 * whole, as typed (the server validates it and answers `400 bad_definition` with one issue per field); its secrets
 * come back as `•••`, and a `•••` sent back keeps the saved secret.
 */
const enc = encodeURIComponent;

export const connectorsApi = {
  list: () => getJson<ConnectorsAnswer>('/api/v1/connectors'),
  get: (id: string) => getJson<ConnectorRow>(`/api/v1/connectors/${enc(id)}`),
  /** Creates or replaces (same `id`) a connector. */
  save: (definition: unknown) => sendJson<ConnectorRow>('POST', '/api/v1/connectors', definition),
  /** Queues a pull now; the worker runs it (202). */
  run: (id: string) => sendJson<{ queued: boolean; connector: string }>('POST', `/api/v1/connectors/${enc(id)}/run`),
  pause: (id: string) => sendJson<ConnectorRow>('POST', `/api/v1/connectors/${enc(id)}/pause`),
  resume: (id: string) => sendJson<ConnectorRow>('POST', `/api/v1/connectors/${enc(id)}/resume`),
  remove: (id: string) => sendJson<{ removed: string }>('DELETE', `/api/v1/connectors/${enc(id)}`),
};
