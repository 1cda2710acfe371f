/** A send takes at most this long (the transport's timeouts); a brief "sending" for longer was abandoned. */
export const SEND_LEASE_MS = 5 * 60_000;
