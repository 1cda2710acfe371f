/** IP addresses and CIDR ranges from settings, matched with node's own BlockList. */
import { BlockList, isIP } from "node:net";

/** "10.0.0.0/8", "::1" or "203.0.113.7": true when node can match it. */
export function isAddressOrRange(value: string): boolean {
  const [address, prefix, extra] = value.split("/");
  if (extra !== undefined || !address || !isIP(address)) return false;
  if (prefix === undefined) return true;
  const bits = Number(prefix);
  return /^\d{1,3}$/.test(prefix) && bits <= (isIP(address) === 4 ? 32 : 128);
}

/** A matcher for a list of addresses and ranges; an IPv4-mapped IPv6 address matches its IPv4 form. */
export function addressMatcher(entries: readonly string[]): (address: string) => boolean {
  const list = new BlockList();
  for (const entry of entries) {
    const [address, prefix] = entry.split("/");
    const family = isIP(address!) === 6 ? "ipv6" : "ipv4";
    if (prefix === undefined) list.addAddress(address!, family);
    else list.addSubnet(address!, Number(prefix), family);
  }
  return (address) => {
    const plain = unmapIpv4(address);
    const family = isIP(plain);
    return family !== 0 && list.check(plain, family === 6 ? "ipv6" : "ipv4");
  };
}

/** "::ffff:127.0.0.1" → "127.0.0.1"; anything else unchanged. */
export function unmapIpv4(address: string): string {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  return mapped ? mapped[1]! : address;
}

/** 127.0.0.0/8 or ::1 (also written as an IPv4-mapped address). */
export function isLoopbackAddress(address: string): boolean {
  const plain = unmapIpv4(address);
  return plain === "::1" || (isIP(plain) === 4 && plain.startsWith("127."));
}
