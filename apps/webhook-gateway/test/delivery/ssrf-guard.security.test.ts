import { describe, expect, it } from "vitest";
import { checkEndpointUrl } from "../../src/delivery/ssrf-guard.ts";

describe("checkEndpointUrl", () => {
  it.each([
    ["https://hooks.example.com/edgekyc", "live", "production"],
    ["https://93.184.216.34/hook", "live", "production"],
    ["https://[2606:4700:4700::1111]/hook", "live", "production"],
    ["http://hooks.example.com/edgekyc", "test", "production"],
    ["http://localhost:3000/hook", "test", "development"],
    ["http://127.0.0.1:8787/dev/sink/demo", "test", "development"],
    ["http://[::1]:9000/hook", "test", "test"],
    ["http://localhost.:3000/hook", "test", "development"],
    ["https://Hooks.Example.COM./edgekyc", "live", "production"],
  ] as const)("accepts %s in %s mode (%s)", (url, mode, environment) => {
    expect(checkEndpointUrl(url, mode, environment)).toMatchObject({ ok: true });
  });

  it.each([
    ["http://hooks.example.com/edgekyc", "live", "https"],
    ["https://localhost/hook", "live", "localhost"],
    ["https://api.localhost/hook", "live", "localhost"],
    ["https://127.0.0.1/hook", "live", "loopback"],
    ["https://2130706433/hook", "live", "loopback"],
    ["https://0x7f.0.0.1/hook", "live", "loopback"],
    ["https://10.1.2.3/hook", "live", "private"],
    ["https://172.16.0.1/hook", "live", "private"],
    ["https://192.168.1.1/hook", "live", "private"],
    ["https://169.254.169.254/latest/meta-data", "live", "linkLocal"],
    ["https://100.64.0.1/hook", "live", "carrierGradeNat"],
    ["https://[fe80::1]/hook", "live", "linkLocal"],
    ["https://[fd00::1]/hook", "live", "uniqueLocal"],
    ["https://[::ffff:10.0.0.1]/hook", "live", "private"],
    ["https://0.0.0.0/hook", "live", "unspecified"],
    ["https://224.0.0.1/hook", "live", "multicast"],
    ["http://localhost:3000/hook", "test", "localhost"],
    ["http://10.0.0.1/hook", "test", "private"],
    ["http://169.254.169.254/", "test", "linkLocal"],
    ["https://intranet/hook", "live", "fully qualified"],
    ["https://printer.local/hook", "live", "internal"],
    ["https://user:pass@hooks.example.com/", "live", "credentials"],
    ["ftp://hooks.example.com/", "live", "https"],
    ["not a url", "live", "valid absolute URL"],
    // Spellings of the same host: a trailing dot, percent-encoding, case, IPv4 inside IPv6.
    ["https://localhost./x", "live", "localhost"],
    ["https://LOCALHOST../x", "live", "localhost"],
    ["https://localhost%2e/", "live", "localhost"],
    ["https://%6c%6f%63%61%6c%68%6f%73%74/", "live", "localhost"],
    ["https://metadata.google.internal./computeMetadata/v1/", "live", "internal"],
    ["https://printer.local./", "live", "internal"],
    ["https://Printer.LOCAL/", "live", "internal"],
    ["https://intranet./hook", "live", "fully qualified"],
    ["https://127.0.0.1./hook", "live", "loopback"],
    ["https://[::127.0.0.1]/", "live", "loopback"],
    ["https://[::10.0.0.1]/", "live", "private"],
    ["https://[::ffff:127.0.0.1]/", "live", "loopback"],
    ["https://[::ffff:169.254.169.254]/", "live", "linkLocal"],
    ["https://[64:ff9b::a9fe:a9fe]/", "live", "non-public"],
    ["https://[2002:7f00:1::]/", "live", "non-public"],
    ["https://./", "live", "valid"],
  ] as const)("refuses %s in %s mode (%s)", (url, mode, reasonPart) => {
    const result = checkEndpointUrl(url, mode, "production");
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(reasonPart === "loopback" ? "loopback" : reasonPart);
  });

  it("refuses overlong URLs", () => {
    expect(checkEndpointUrl(`https://hooks.example.com/${"a".repeat(2100)}`, "live", "production").ok).toBe(
      false,
    );
  });
});
