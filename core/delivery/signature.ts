/**
 * How a webhook delivery is signed (docs/api.md "Verifying a webhook"): an HMAC-SHA256, keyed with the contact point's
 * secret, of `<timestamp>.<body>` — the unix seconds sent in X-IOC-Timestamp, a dot, and the exact body bytes — sent
 * hex-encoded as `X-IOC-Signature: v1=<hex>`. Each try is signed anew, so a retry is inside the replay window too.
 */
export const TIMESTAMP_HEADER = 'X-IOC-Timestamp';
export const SIGNATURE_HEADER = 'X-IOC-Signature';
export const SIGNATURE_VERSION = 'v1';
/** A receiver refuses a timestamp further than this from its own clock (either way). */
export const REPLAY_WINDOW_S = 300;

/** The string the HMAC is computed over. */
export function signatureBase(timestampS: number, body: string): string {
  return `${timestampS}.${body}`;
}

/** The header value from the hex HMAC. */
export function signatureHeader(hexHmac: string): string {
  return `${SIGNATURE_VERSION}=${hexHmac}`;
}

/** The hex HMACs of a signature header (`v1=…`; several, comma-separated, while a receiver rolls a secret). */
export function signaturesOf(header: string): string[] {
  return header
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p.startsWith(`${SIGNATURE_VERSION}=`))
    .map((p) => p.slice(SIGNATURE_VERSION.length + 1));
}

/** True when a delivery's timestamp is within the replay window of `nowS`. */
export function withinReplayWindow(timestampS: number, nowS: number, windowS = REPLAY_WINDOW_S): boolean {
  return Number.isInteger(timestampS) && Math.abs(nowS - timestampS) <= windowS;
}
