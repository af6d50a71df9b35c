import type { AccessCode, CredentialRefusal, Principal } from '../access/principal';
import type { AlertEvent } from '../alerts/alert';
import type { MetricValue, ViewRequest, ViewSnapshot } from './metrics';

/**
 * One acknowledgement shape for every client → server event. A refusal's `code` is the same as the HTTP answer's for
 * the same error (docs/api.md "Errors"); an access refusal also says why in `access`.
 */
export type Ack<T> = { ok: true; data: T } | { ok: false; error: AckError };

export interface AckError {
  code: AckErrorCode;
  message: string;
  issues?: string[];
  access?: AccessCode;
}

/** `bad_request`, `unauthorized`, `forbidden`, `not_found`, `unknown_indicator`, `unavailable`, `internal`, … (docs/api.md). */
export type AckErrorCode = string;

export interface MetricsDelta {
  scope: string;
  /** Stream id of the newest change included. */
  seq: string;
  values: MetricValue[];
}

export interface ViewResync {
  /** `replay`: the changes since the client's seq; `snapshot`: the gap was too old, a fresh snapshot. */
  mode: 'replay' | 'snapshot';
  snapshot?: ViewSnapshot;
  delta?: MetricsDelta;
}

export interface SubscribeRequest extends ViewRequest {
  /** The last seq the client applied, after a reconnect. Absent on the first subscribe. */
  since?: string;
}

/** Whether the server's data store (Redis) answers. While it is `down` no figure changes: nothing may look live. */
export interface ServerStatus {
  redis: 'up' | 'down';
}

export interface ServerToClientEvents {
  'metrics:delta': (delta: MetricsDelta) => void;
  'server:hello': (hello: { serverTime: number; version: string }) => void;
  /** Sent right after `server:hello` and on every change: the data store went down, or answers again. */
  'server:status': (status: ServerStatus) => void;
  /** An alert fired, escalated or resolved, or an operator acted on it, in a scope this socket watches. */
  'alert:changed': (event: AlertEvent) => void;
  /** This socket's display token or user was revoked; the server disconnects it right after. */
  'access:revoked': (info: { reason: string; code?: AccessCode }) => void;
}

export interface ClientToServerEvents {
  'view:subscribe': (request: SubscribeRequest, ack: (result: Ack<ViewResync>) => void) => void;
  'view:unsubscribe': (request: { scope: string }, ack: (result: Ack<null>) => void) => void;
}

export interface SocketData {
  principal: Principal;
  /** Why the handshake's session cookie gave no principal, if it did not (the socket is then anonymous). */
  refused?: CredentialRefusal;
  views: Map<string, ViewRequest>;
}
