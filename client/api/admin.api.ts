import type { Role } from '../../core/access/principal';
import type { ContactPoint, ContactPointInput } from '../../core/contract/contact-points';
import type { LinkList, LinkRow, LinkWithToken, NewLink } from '../../core/contract/links';
import { getJson, sendJson } from './http';

/**
 * The admin routes of docs/api.md "Access", typed as the server answers them (server/routes/admin/*.ts). The wire
 * types are written here because the server keeps its records in store/; they belong in core/contract/ one day.
 */
export interface AdminUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  scope: string;
  createdAt: number;
  disabled?: boolean;
}
export interface NewUser {
  username: string;
  displayName: string;
  role: Role;
  scope: string;
  password: string;
}
export type UserChange = Partial<Pick<NewUser, 'displayName' | 'role' | 'scope' | 'password'>> & { disabled?: boolean };

/** A wall screen code (store/displays.repo.ts); the scenes that fit its scope are core/displays/scenes.ts's. */
export interface Display {
  id: string;
  name: string;
  scope: string;
  scenes: string[];
  /** Seconds per scene; absent on old records (30). */
  intervalS?: number;
  indicator?: string;
  kpis?: string[];
  createdAt: number;
  createdBy: string;
  updatedAt?: number;
  updatedBy?: string;
  revokedAt?: number;
}
export interface NewDisplay {
  name: string;
  scope: string;
  scenes: string[];
  intervalS: number;
  indicator?: string;
  kpis?: string[];
}
/** A change to a display: null takes the indicator or the KPIs back to the defaults. */
export type DisplayChange = Partial<Pick<NewDisplay, 'name' | 'scenes' | 'intervalS'>> & { indicator?: string | null; kpis?: string[] | null };

export interface Source {
  id: string;
  name: string;
  units: string[];
  indicators: string[] | '*';
  deadline?: string;
  createdAt: number;
  revokedAt?: number;
  lastUsedAt: number | null;
  /** The sources that are the authority instead of this one where their scopes overlap. */
  yieldsTo?: string[];
  /** A connector's or an upload's source: changed there, not here. */
  kind?: 'connector' | 'upload';
}
export interface NewSource {
  name: string;
  units: string[];
  indicators: string[] | '*';
  deadline?: string;
  /** How a save settles an overlap with other sources (409 `authority_conflict` without it): docs/api.md "Sources". */
  authority?: AuthorityChoice;
}

export type AuthorityChoice = 'wins' | 'yields';

/** A change of a source: `deadline: null` removes it. */
export type SourceChange = Partial<Omit<NewSource, 'deadline'>> & { deadline?: string | null };

/** One source a save's scope overlaps with no decision yet, and what they share (a 409 `authority_conflict`). */
export interface AuthorityConflict {
  source: string;
  name: string;
  overlap: { indicators: string[] | '*'; units: string[] };
}

/** A federation link: an IOC one level down forwarding with its own token (core/contract/links.ts). */
export type Link = LinkRow;

export interface AuditEntry {
  id: string;
  at: number;
  actor: string;
  ip: string;
  action: string;
  target: string;
  detail?: Record<string, unknown>;
}
/** The server answers at most this many entries a page. */
export const AUDIT_PAGE = 200;

export type { ContactPoint, ContactPointInput };

const enc = encodeURIComponent;

export const adminApi = {
  listUsers: () => getJson<{ users: AdminUser[] }>('/api/v1/users').then((a) => a.users),
  createUser: (body: NewUser) => sendJson<{ user: AdminUser }>('POST', '/api/v1/users', body).then((a) => a.user),
  updateUser: (username: string, change: UserChange) =>
    sendJson<{ user: AdminUser }>('PATCH', `/api/v1/users/${enc(username)}`, change).then((a) => a.user),
  deleteUser: (username: string) => sendJson<{ ok: boolean }>('DELETE', `/api/v1/users/${enc(username)}`),

  listDisplays: () => getJson<{ displays: Display[] }>('/api/v1/displays').then((a) => a.displays),
  createDisplay: (body: NewDisplay) => sendJson<{ display: Display; token: string; wallPath: string }>('POST', '/api/v1/displays', body),
  updateDisplay: (id: string, change: DisplayChange) =>
    sendJson<{ display: Display }>('PATCH', `/api/v1/displays/${enc(id)}`, change).then((a) => a.display),
  revokeDisplay: (id: string) => sendJson<{ display: Display }>('POST', `/api/v1/displays/${enc(id)}/revoke`).then((a) => a.display),

  listSources: () => getJson<{ sources: Source[] }>('/api/v1/sources').then((a) => a.sources),
  createSource: (body: NewSource) => sendJson<{ source: Source; token: string }>('POST', '/api/v1/sources', body),
  rotateSource: (id: string) => sendJson<{ source: Source; token: string }>('POST', `/api/v1/sources/${enc(id)}/rotate`),
  revokeSource: (id: string) => sendJson<{ source: Source }>('POST', `/api/v1/sources/${enc(id)}/revoke`).then((a) => a.source),
  updateSource: (id: string, change: SourceChange) => sendJson<{ source: Source }>('PATCH', `/api/v1/sources/${enc(id)}`, change).then((a) => a.source),
  deleteSource: (id: string) => sendJson<{ ok: boolean }>('DELETE', `/api/v1/sources/${enc(id)}`),

  listLinks: () => getJson<LinkList>('/api/v1/links'),
  createLink: (body: NewLink) => sendJson<LinkWithToken>('POST', '/api/v1/links', body),
  rotateLink: (id: string) => sendJson<LinkWithToken>('POST', `/api/v1/links/${enc(id)}/rotate`),
  revokeLink: (id: string) => sendJson<{ link: Link }>('POST', `/api/v1/links/${enc(id)}/revoke`).then((a) => a.link),

  /** Newest first; `before` is the id of the last entry already shown. */
  readAudit: (before?: string) =>
    getJson<{ entries: AuditEntry[] }>(`/api/v1/audit${before ? `?before=${enc(before)}` : ''}`).then((a) => a.entries),

  listContactPoints: () => getJson<{ contactPoints: ContactPoint[] }>('/api/v1/contact-points').then((a) => a.contactPoints),
  /** A webhook's signing secret comes back here once (null for e-mail). */
  createContactPoint: (body: ContactPointInput) => sendJson<{ contactPoint: ContactPoint; secret: string | null }>('POST', '/api/v1/contact-points', body),
  rotateContactPoint: (id: string) => sendJson<{ contactPoint: ContactPoint; secret: string }>('POST', `/api/v1/contact-points/${enc(id)}/rotate`),
  deleteContactPoint: (id: string) => sendJson<{ ok: boolean }>('DELETE', `/api/v1/contact-points/${enc(id)}`),
};
