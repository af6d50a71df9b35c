import type { LinkState } from '../federation/link-state';

/**
 * A federation link as the admin routes answer it (docs/api.md, server/routes/links.routes.ts): an IOC one level down
 * forwarding with its own token — its state now, its outbox, its counts. Also read by the feed board.
 */
export interface LinkRow {
  id: string;
  name: string;
  scope: string;
  state: LinkState;
  lastSeenAt: number | null;
  backlog: number;
  oldestUnsentAt: number | null;
  accepted: number;
  rejected: number;
  lastError: string | null;
  /** When its token was revoked (the link is refused until rotated). */
  revokedAt?: number;
}

/** POST /api/v1/links: the link's name and the one unit (a province or a commune) the IOC below reports. */
export interface NewLink {
  name: string;
  scope: string;
}

/** GET /api/v1/links. */
export interface LinkList {
  serverTime: number;
  links: LinkRow[];
}

/** POST /api/v1/links and …/rotate: the link and its token, shown once. */
export interface LinkWithToken {
  link: LinkRow;
  token: string;
}
