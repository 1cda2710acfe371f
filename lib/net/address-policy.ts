/**
 * Which IP addresses an outbound request may connect to. Feed and transcript addresses come from
 * anyone who publishes a feed, so without this a feed could make the server read its own admin
 * ports, the cloud metadata service or the office network. Only public unicast addresses pass.
 * IPv6 forms that carry an IPv4 address inside (mapped, compatible, NAT64, 6to4) are judged by
 * the IPv4 address they lead to, since that is where the packets end up.
 */
import { isIP } from "node:net";

export type AddressCategory =
  | "loopback"
  | "unspecified"
  | "private"
  | "shared"
  | "link_local"
  | "cloud_metadata"
  | "multicast"
  | "broadcast"
  | "reserved"
  | "documentation"
  | "benchmarking"
  | "not_an_address";

/** Why an address is refused: a category, and words for it that complete "points to …". */
export type BlockedAddress = { category: AddressCategory; description: string };

const DESCRIPTIONS: Record<AddressCategory, string> = {
  loopback: "this computer",
  // Connecting to 0.0.0.0 or :: reaches the local machine on Linux and macOS.
  unspecified: "this computer",
  private: "a private network",
  shared: "a carrier's shared network",
  link_local: "a link-local network",
  cloud_metadata: "the cloud metadata service",
  multicast: "a multicast group",
  broadcast: "the local broadcast address",
  reserved: "a reserved range",
  documentation: "a range reserved for documentation",
  benchmarking: "a range reserved for network tests",
  not_an_address: "something that is not an IP address",
};

type Range = readonly [base: string, prefixLength: number, category: AddressCategory];

// IANA's IPv4 special-purpose registry, most specific first. AS112 and AMT ranges are left out:
// they are ordinary public addresses as far as a client is concerned.
const IPV4_RANGES: readonly Range[] = [
  ["169.254.169.254", 32, "cloud_metadata"],
  ["255.255.255.255", 32, "broadcast"],
  ["0.0.0.0", 32, "unspecified"],
  ["0.0.0.0", 8, "reserved"],
  ["10.0.0.0", 8, "private"],
  ["100.64.0.0", 10, "shared"],
  ["127.0.0.0", 8, "loopback"],
  ["169.254.0.0", 16, "link_local"],
  ["172.16.0.0", 12, "private"],
  ["192.0.0.0", 24, "reserved"],
  ["192.0.2.0", 24, "documentation"],
  ["192.88.99.0", 24, "reserved"],
  ["192.168.0.0", 16, "private"],
  ["198.18.0.0", 15, "benchmarking"],
  ["198.51.100.0", 24, "documentation"],
  ["203.0.113.0", 24, "documentation"],
  ["224.0.0.0", 4, "multicast"],
  ["240.0.0.0", 4, "reserved"],
];

const IPV6_RANGES: readonly Range[] = [
  ["::", 128, "unspecified"],
  ["::1", 128, "loopback"],
  ["64:ff9b:1::", 48, "private"],
  ["100::", 64, "reserved"],
  ["2001:db8::", 32, "documentation"],
  ["3fff::", 20, "documentation"],
  // IETF protocol assignments, Teredo among them: tunnels and test nets, never a feed host.
  ["2001::", 23, "reserved"],
  ["5f00::", 16, "reserved"],
  ["fc00::", 7, "private"],
  ["fe80::", 10, "link_local"],
  ["fec0::", 10, "private"],
  ["ff00::", 8, "multicast"],
];

/** Where an IPv4 address sits inside an IPv6 one: prefix, prefix length, bit offset of the IPv4 part. */
const IPV4_CARRIERS: readonly (readonly [base: string, prefixLength: number, shift: number])[] = [
  ["::ffff:0:0", 96, 0], // IPv4-mapped
  ["::ffff:0:0:0", 96, 0], // IPv4-translated (SIIT)
  ["64:ff9b::", 96, 0], // NAT64 well-known prefix
  ["2002::", 16, 80], // 6to4: 2002:AABB:CCDD::/48 carries AA.BB.CC.DD
];

const ipv4Ranges = IPV4_RANGES.map(([base, bits, category]) => ({ value: BigInt(parseIPv4(base)), bits, category }));
const ipv6Ranges = IPV6_RANGES.map(([base, bits, category]) => ({ value: parseIPv6(base), bits, category }));
const ipv4Carriers = IPV4_CARRIERS.map(([base, bits, shift]) => ({ value: parseIPv6(base), bits, shift }));
const GLOBAL_UNICAST = parseIPv6("2000::");

/**
 * Why an IP address may not be fetched, or null when it is a public unicast address. Takes the
 * canonical text an address comes as from `new URL()` or the resolver (IPv6 without brackets);
 * anything else is refused rather than guessed at.
 */
export function classifyAddress(address: string): BlockedAddress | null {
  const bare = address.replace(/%.*$/, "");
  const category = isIP(bare) === 4 ? classifyIPv4(parseIPv4(bare)) : isIP(bare) === 6 ? classifyIPv6(parseIPv6(bare)) : "not_an_address";
  return category ? { category, description: DESCRIPTIONS[category] } : null;
}

/**
 * The `host:port` key FETCH_ALLOWED_HOSTS entries are matched against: the host as the URL writes
 * it (lower-cased, IPv6 in brackets) and the port, the scheme's default when none is written.
 */
export function hostPortKey(url: URL): string {
  const port = url.port || (url.protocol === "https:" ? "443" : "80");
  return `${url.hostname.toLowerCase()}:${port}`;
}

function classifyIPv4(value: number): AddressCategory | null {
  const big = BigInt(value);
  return ipv4Ranges.find((range) => inRange(big, range.value, range.bits, 32))?.category ?? null;
}

function classifyIPv6(value: bigint): AddressCategory | null {
  const listed = ipv6Ranges.find((range) => inRange(value, range.value, range.bits, 128));
  if (listed) return listed.category;
  const carrier = ipv4Carriers.find((range) => inRange(value, range.value, range.bits, 128));
  if (carrier) return classifyIPv4(Number((value >> BigInt(carrier.shift)) & 0xffffffffn));
  // IPv4-compatible (::a.b.c.d) is deprecated: judged by its IPv4 part, and refused even when that is public.
  if (value >> 32n === 0n) return classifyIPv4(Number(value & 0xffffffffn)) ?? "reserved";
  // Only 2000::/3 is handed out for global unicast; everything else is unassigned or special.
  return inRange(value, GLOBAL_UNICAST, 3, 128) ? null : "reserved";
}

function inRange(value: bigint, base: bigint, prefixLength: number, width: number): boolean {
  const shift = BigInt(width - prefixLength);
  return value >> shift === base >> shift;
}

function parseIPv4(text: string): number {
  return text.split(".").reduce((value, part) => value * 256 + Number(part), 0);
}

/** Expects text that net.isIPv6 accepts, so the shapes below are the only ones that occur. */
function parseIPv6(text: string): bigint {
  let groups = text;
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text)?.[1];
  if (dotted) {
    const v4 = parseIPv4(dotted);
    groups = `${text.slice(0, -dotted.length)}${(v4 >>> 16).toString(16)}:${(v4 & 0xffff).toString(16)}`;
  }
  const [head = "", tail] = groups.split("::");
  const headGroups = head ? head.split(":") : [];
  const tailGroups = tail ? tail.split(":") : [];
  const missing = 8 - headGroups.length - tailGroups.length;
  const all = tail === undefined ? headGroups : [...headGroups, ...Array<string>(missing).fill("0"), ...tailGroups];
  return all.reduce((value, group) => (value << 16n) | BigInt(parseInt(group, 16)), 0n);
}
