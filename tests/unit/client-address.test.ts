import { describe, expect, it } from "vitest";
import type { IncomingHttpHeaders } from "node:http";
import { parseEnv } from "@/lib/env";
import { canReadOutbox } from "@/lib/mail/send-mail";
import {
  CLIENT_IP_HEADER,
  isLoopbackRequest,
  PEER_HEADER,
  requestClientIp,
  resolveClientIp,
  stampClientAddress,
  trustedProxyMatcher,
} from "@/lib/net/client-address";

const noProxies = trustedProxyMatcher([]);
const behindProxy = trustedProxyMatcher(["10.0.0.0/8", "::1"]);

/** The headers as a page would read them after the web server stamped them. */
function stamped(peer: string | undefined, headers: IncomingHttpHeaders, isTrustedProxy = noProxies): Headers {
  const copy = { ...headers };
  stampClientAddress(copy, peer, isTrustedProxy);
  return new Headers(Object.entries(copy).map(([name, value]): [string, string] => [name, String(value)]));
}

describe("resolveClientIp", () => {
  it("is the socket's peer when no proxy is trusted, whatever X-Forwarded-For says", () => {
    expect(resolveClientIp("203.0.113.9", "127.0.0.1", noProxies)).toBe("203.0.113.9");
    expect(resolveClientIp("::ffff:203.0.113.9", "1.2.3.4, 127.0.0.1", noProxies)).toBe("203.0.113.9");
  });

  it("behind a trusted proxy, is the nearest hop that is not itself a trusted proxy", () => {
    expect(resolveClientIp("10.0.0.5", "198.51.100.7", behindProxy)).toBe("198.51.100.7");
    // A client that writes its own X-Forwarded-For only adds hops further away than the proxy's entry.
    expect(resolveClientIp("10.0.0.5", "127.0.0.1, 198.51.100.7", behindProxy)).toBe("198.51.100.7");
    expect(resolveClientIp("10.0.0.5", ["127.0.0.1", "198.51.100.7, 10.0.0.9"], behindProxy)).toBe("198.51.100.7");
    expect(resolveClientIp("::1", "::ffff:198.51.100.7", behindProxy)).toBe("198.51.100.7");
  });

  it("behind a trusted proxy that sent no X-Forwarded-For, is the proxy", () => {
    expect(resolveClientIp("10.0.0.5", undefined, behindProxy)).toBe("10.0.0.5");
    expect(resolveClientIp("10.0.0.5", " , ", behindProxy)).toBe("10.0.0.5");
  });
});

describe("stampClientAddress", () => {
  it("overwrites the headers a client forged, so a remote request is never loopback", () => {
    const headers = stamped("198.51.100.7", { "x-forwarded-for": "127.0.0.1", [PEER_HEADER]: "127.0.0.1", [CLIENT_IP_HEADER]: "127.0.0.1" });
    expect(isLoopbackRequest(headers)).toBe(false);
    expect(requestClientIp(headers)).toBe("198.51.100.7");
  });

  it("marks a request from this computer as loopback, IPv4, IPv6 or mapped", () => {
    for (const peer of ["127.0.0.1", "::1", "::ffff:127.0.0.1"]) expect(isLoopbackRequest(stamped(peer, {}))).toBe(true);
  });

  it("through a trusted proxy, the client is the proxy's client while the peer stays the proxy", () => {
    const headers = stamped("::1", { "x-forwarded-for": "198.51.100.7" }, behindProxy);
    expect(requestClientIp(headers)).toBe("198.51.100.7");
    expect(isLoopbackRequest(headers)).toBe(true);
  });

  it("with no socket address, reads as unknown and not loopback", () => {
    const headers = stamped(undefined, { "x-forwarded-for": "127.0.0.1" });
    expect(requestClientIp(headers)).toBe("unknown");
    expect(isLoopbackRequest(headers)).toBe(false);
  });

  it("unstamped headers (served by plain next start) are never loopback", () => {
    expect(isLoopbackRequest(new Headers({ "x-forwarded-for": "127.0.0.1" }))).toBe(false);
  });
});

describe("who may read the local outbox", () => {
  const outbox = parseEnv({});
  it("this computer", () => {
    expect(canReadOutbox(stamped("127.0.0.1", {}), outbox)).toBe(true);
    expect(canReadOutbox(stamped("::1", {}), outbox)).toBe(true);
    // Next.js fills in X-Forwarded-For with the socket's peer when a request has none.
    expect(canReadOutbox(stamped("::ffff:127.0.0.1", { "x-forwarded-for": "::ffff:127.0.0.1" }), outbox)).toBe(true);
  });

  it("not another computer, even claiming to be this one", () => {
    expect(canReadOutbox(stamped("198.51.100.7", { "x-forwarded-for": "127.0.0.1", [PEER_HEADER]: "127.0.0.1" }), outbox)).toBe(false);
  });

  it("not a client of a reverse proxy on this computer, trusted or not", () => {
    expect(canReadOutbox(stamped("127.0.0.1", { "x-forwarded-for": "198.51.100.7" }), outbox)).toBe(false);
    expect(canReadOutbox(stamped("127.0.0.1", { "x-real-ip": "198.51.100.7" }), outbox)).toBe(false);
    expect(canReadOutbox(stamped("127.0.0.1", { forwarded: "for=198.51.100.7" }), outbox)).toBe(false);
    expect(canReadOutbox(stamped("::1", { "x-forwarded-for": "198.51.100.7" }, behindProxy), outbox)).toBe(false);
  });

  it("everyone with MAIL_OUTBOX=on, and no one once SMTP is set", () => {
    expect(canReadOutbox(stamped("198.51.100.7", {}), parseEnv({ MAIL_OUTBOX: "on" }))).toBe(true);
    expect(canReadOutbox(stamped("127.0.0.1", {}), parseEnv({ SMTP_URL: "smtp://mail.example.com" }))).toBe(false);
  });
});

describe("the listening address (HOST)", () => {
  it("is this computer only while mail stays in the local outbox", () => {
    const env = parseEnv({});
    expect(env.listenHost).toBe("127.0.0.1");
    expect(env.listensBeyondLoopback).toBe(false);
  });

  it("is every interface once mail goes out by SMTP", () => {
    const env = parseEnv({ SMTP_URL: "smtp://mail.example.com:587" });
    expect(env.listenHost).toBeUndefined();
    expect(env.listensBeyondLoopback).toBe(true);
  });

  it("is what HOST says, and knows when that reaches beyond this computer", () => {
    expect(parseEnv({ HOST: "0.0.0.0" }).listensBeyondLoopback).toBe(true);
    expect(parseEnv({ HOST: "::1" }).listensBeyondLoopback).toBe(false);
    expect(parseEnv({ HOST: "localhost", SMTP_URL: "smtp://mail.example.com" }).listensBeyondLoopback).toBe(false);
    expect(() => parseEnv({ HOST: "not a host!" })).toThrow(/HOST must be an IP address or host name/);
  });
});
