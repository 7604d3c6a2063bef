import type { Mode } from "@edgekyc/schemas";
import ipaddr from "ipaddr.js";

export type EndpointUrlCheck = { ok: true; url: URL } | { ok: false; reason: string };

const MAX_URL_LENGTH = 2048;
/** Names that only resolve inside a private network (mDNS, RFC 6762/8375 and common internal suffixes). */
const INTERNAL_SUFFIXES = [".localhost", ".local", ".internal", ".intranet", ".lan", ".home.arpa", ".corp"];

function isLoopbackName(host: string): boolean {
  return host === "localhost" || host.endsWith(".localhost");
}

function isLoopbackAddress(address: ipaddr.IPv4 | ipaddr.IPv6): boolean {
  return address.range() === "loopback";
}

/**
 * The host as a resolver would see it: lower case, percent-escapes decoded, trailing dots (the DNS
 * root) removed. `localhost.`, `LOCALHOST`, `localhost%2e` are all `localhost`; null when nothing is left.
 */
function normalizeHost(hostname: string): string | null {
  let host = hostname;
  try {
    host = decodeURIComponent(host);
  } catch {
    return null;
  }
  host = host.toLowerCase().replace(/\.+$/, "");
  if (host === "" || /[%\s/\\]/.test(host)) return null;
  return host;
}

/** Parses an IP literal host (URL already normalised IPv4 forms such as 0x7f.1 to dotted decimal). */
function parseIpHost(host: string): ipaddr.IPv4 | ipaddr.IPv6 | null {
  const bare = host.startsWith("[") && host.endsWith("]") ? host.slice(1, -1) : host;
  if (!ipaddr.isValid(bare)) return null;
  const parsed = ipaddr.parse(bare);
  if (parsed.kind() === "ipv6") {
    const v6 = parsed as ipaddr.IPv6;
    // ::ffff:10.0.0.1 and friends must be judged as the IPv4 address they carry.
    if (v6.isIPv4MappedAddress()) return v6.toIPv4Address();
    // IPv4-compatible (deprecated ::a.b.c.d, e.g. [::127.0.0.1]) carries an IPv4 address the same way.
    const parts = v6.parts;
    const compatible = parts.slice(0, 6).every((part) => part === 0) && (parts[6] ?? 0) !== 0;
    if (compatible) return new ipaddr.IPv4(v6.toByteArray().slice(12));
  }
  return parsed;
}

/**
 * Decides whether the gateway may POST to a partner's URL (the SSRF guard).
 *
 * Live mode: https only, to a public host name or a public unicast address. Test mode additionally
 * allows http, and loopback targets (localhost, 127.0.0.0/8, ::1) outside production so a developer can
 * receive webhooks locally. Private, link-local (cloud metadata), CGNAT, multicast and reserved ranges are
 * refused in every mode. Host names are judged by name only: Workers cannot resolve DNS themselves, and
 * Cloudflare's edge refuses to connect a Worker's fetch to private addresses, which covers DNS rebinding.
 */
export function checkEndpointUrl(raw: string, mode: Mode, environment: string): EndpointUrlCheck {
  if (raw.length > MAX_URL_LENGTH)
    return { ok: false, reason: `URL is longer than ${MAX_URL_LENGTH} characters` };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: "URL is not a valid absolute URL" };
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    return { ok: false, reason: "URL must use https (or http for test-mode endpoints)" };
  }
  if (url.username || url.password) return { ok: false, reason: "URL must not contain credentials" };

  const host = normalizeHost(url.hostname);
  if (host === null)
    return { ok: false, reason: "URL is not a valid absolute URL (empty or malformed host)" };
  const allowLoopback = mode === "test" && environment !== "production";
  if (mode === "live" && url.protocol !== "https:") {
    return { ok: false, reason: "live-mode endpoints must use https" };
  }

  const ip = parseIpHost(host);
  if (ip) {
    if (isLoopbackAddress(ip)) {
      return allowLoopback ? { ok: true, url } : { ok: false, reason: "URL targets a loopback address" };
    }
    const range = ip.range();
    if (range !== "unicast") return { ok: false, reason: `URL targets a non-public address (${range})` };
    return { ok: true, url };
  }

  if (isLoopbackName(host)) {
    return allowLoopback ? { ok: true, url } : { ok: false, reason: "URL targets localhost" };
  }
  if (!host.includes(".")) return { ok: false, reason: "URL host must be a fully qualified domain name" };
  if (INTERNAL_SUFFIXES.some((suffix) => host.endsWith(suffix))) {
    return { ok: false, reason: "URL targets an internal host name" };
  }
  return { ok: true, url };
}
