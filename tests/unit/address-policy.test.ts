import { describe, expect, it } from "vitest";
import { classifyAddress, hostPortKey } from "@/lib/net/address-policy";

describe("address policy", () => {
  it.each([
    ["127.0.0.1", "loopback"],
    ["127.255.255.254", "loopback"],
    ["::1", "loopback"],
    ["0.0.0.0", "unspecified"],
    ["::", "unspecified"],
    ["0.1.2.3", "reserved"],
    ["10.0.0.1", "private"],
    ["172.16.0.1", "private"],
    ["172.31.255.255", "private"],
    ["192.168.1.1", "private"],
    ["fc00::1", "private"],
    ["fd00:ec2::254", "private"],
    ["fec0::1", "private"],
    ["100.64.0.1", "shared"],
    ["100.127.255.255", "shared"],
    ["169.254.169.254", "cloud_metadata"],
    ["169.254.1.1", "link_local"],
    ["fe80::1", "link_local"],
    ["fe80::1%eth0", "link_local"],
    ["224.0.0.1", "multicast"],
    ["239.255.255.250", "multicast"],
    ["ff02::1", "multicast"],
    ["255.255.255.255", "broadcast"],
    ["240.0.0.1", "reserved"],
    ["192.0.0.8", "reserved"],
    ["192.0.2.10", "documentation"],
    ["198.51.100.7", "documentation"],
    ["203.0.113.9", "documentation"],
    ["2001:db8::1", "documentation"],
    ["198.18.0.1", "benchmarking"],
    ["2001::1", "reserved"],
    ["100::1", "reserved"],
    ["::ffff:127.0.0.1", "loopback"],
    ["::ffff:7f00:1", "loopback"],
    ["0:0:0:0:0:ffff:a00:1", "private"],
    ["::ffff:169.254.169.254", "cloud_metadata"],
    ["::ffff:0:a00:1", "private"],
    ["::127.0.0.1", "loopback"],
    ["::8.8.8.8", "reserved"],
    ["64:ff9b::10.0.0.1", "private"],
    ["64:ff9b::7f00:1", "loopback"],
    ["64:ff9b:1::1", "private"],
    ["2002:c0a8:0101::1", "private"],
    ["2002:7f00:1::", "loopback"],
    ["4000::1", "reserved"],
    ["2130706433", "not_an_address"],
    ["0177.0.0.1", "not_an_address"],
    ["localhost", "not_an_address"],
  ])("refuses %s (%s)", (address, category) => {
    expect(classifyAddress(address)?.category).toBe(category);
  });

  it.each(["8.8.8.8", "1.1.1.1", "93.184.215.14", "172.32.0.1", "100.128.0.1", "192.169.0.1", "2606:4700::1111", "2a00:1450:4001::200e", "::ffff:8.8.8.8", "64:ff9b::808:808", "2002:808:808::1"])(
    "lets the public address %s through",
    (address) => {
      expect(classifyAddress(address)).toBeNull();
    },
  );

  it("describes what a refused address points to", () => {
    expect(classifyAddress("10.0.0.5")?.description).toBe("a private network");
    expect(classifyAddress("::ffff:7f00:1")?.description).toBe("this computer");
    expect(classifyAddress("169.254.169.254")?.description).toBe("the cloud metadata service");
  });

  it("keys allowed hosts by host and port as the URL writes them", () => {
    expect(hostPortKey(new URL("http://Feeds.Intranet:8080/rss"))).toBe("feeds.intranet:8080");
    expect(hostPortKey(new URL("http://feeds.intranet/rss"))).toBe("feeds.intranet:80");
    expect(hostPortKey(new URL("https://feeds.intranet/rss"))).toBe("feeds.intranet:443");
    expect(hostPortKey(new URL("http://[::1]:3000/"))).toBe("[::1]:3000");
    expect(hostPortKey(new URL("http://2130706433:81/"))).toBe("127.0.0.1:81");
  });
});
