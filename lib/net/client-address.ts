/**
 * Who sent a request. Next.js gives no socket and passes on whatever X-Forwarded-For the client wrote,
 * so our web server (scripts/web-server.ts) overwrites two headers before Next sees them: the socket's
 * peer (for checks that must not be talked round, like the local outbox) and the client's address (the
 * peer or, behind TRUSTED_PROXIES, the nearest X-Forwarded-For entry that is not one). Served another
 * way (plain `next start`), both read as unknown, which every check treats as "not loopback".
 */
import type { IncomingHttpHeaders } from "node:http";
import { addressMatcher, isLoopbackAddress, unmapIpv4 } from "./address-range";

export const PEER_HEADER = "x-podbrief-peer";
export const CLIENT_IP_HEADER = "x-podbrief-client-ip";

/** The client's address given the socket's peer and the X-Forwarded-For header (RFC 7239 §5.2 style walk). */
export function resolveClientIp(peer: string, forwardedFor: string | string[] | undefined, isTrustedProxy: (address: string) => boolean): string {
  let client = unmapIpv4(peer);
  if (!isTrustedProxy(client)) return client;
  const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? ""))
    .split(",")
    .map((hop) => hop.trim())
    .filter(Boolean);
  // Walk from the nearest hop back: each trusted proxy vouches for the one before it.
  while (hops.length > 0 && isTrustedProxy(client)) client = unmapIpv4(hops.pop()!);
  return client;
}

/** Overwrites the two headers on an incoming request; called by the web server before Next.js. */
export function stampClientAddress(headers: IncomingHttpHeaders, peer: string | undefined, isTrustedProxy: (address: string) => boolean): void {
  const socketPeer = peer ? unmapIpv4(peer) : "unknown";
  headers[PEER_HEADER] = socketPeer;
  headers[CLIENT_IP_HEADER] = peer ? resolveClientIp(socketPeer, headers["x-forwarded-for"], isTrustedProxy) : "unknown";
}

/** Builds the trusted-proxy test once, for the web server's life. */
export function trustedProxyMatcher(trustedProxies: readonly string[]): (address: string) => boolean {
  return addressMatcher(trustedProxies);
}

/** The socket's peer address as stamped by our web server, or "unknown". */
export function requestPeer(headers: Headers): string {
  return headers.get(PEER_HEADER) || "unknown";
}

/** The client's address (proxies believed only when TRUSTED_PROXIES lists them), or "unknown". */
export function requestClientIp(headers: Headers): string {
  return headers.get(CLIENT_IP_HEADER) || "unknown";
}

/** True only when our web server saw the request come from this computer. */
export function isLoopbackRequest(headers: Headers): boolean {
  return isLoopbackAddress(requestPeer(headers));
}

/**
 * True only for a client on this computer itself: the socket is loopback (which a client cannot talk
 * round) and no forwarding header names another address. A loopback request whose forwarding headers
 * name some other address came through a reverse proxy on this computer, for a client that may be
 * anywhere. Those headers only ever take access away, whatever TRUSTED_PROXIES says.
 */
export function isLocalClient(headers: Headers): boolean {
  if (!isLoopbackRequest(headers)) return false;
  // Next.js fills in X-Forwarded-For with the socket's peer when the request had none.
  const peer = requestPeer(headers);
  const named = [headers.get("x-forwarded-for"), headers.get("x-real-ip")]
    .flatMap((value) => (value ? value.split(",") : []))
    .map((address) => unmapIpv4(address.trim()))
    .filter(Boolean);
  return !headers.has("forwarded") && named.every((address) => address === peer);
}
