// The trust store: CSCAs and CRLs, indexed from their stored metadata and parsed only when a document
// needs them. Build one per isolate (module scope) and reuse it: parsed CSCAs, their prepared keys and
// the DSCs already chained to them are kept, so a DSC seen before costs a map lookup.
import { ParsedCertificate } from "./certificate.ts";
import { ParsedCrl } from "./crl.ts";
import { digest, toHex } from "./crypto/hash.ts";
import { EmrtdError } from "./errors.ts";
import {
  type ParseTrustAnchorOptions,
  parseTrustAnchorFile,
  type TrustAnchorEntry,
} from "./trust-anchors.ts";

/** The CSCA a DSC chains to, and how (cached per DSC). */
export interface ChainResult {
  /** The issuing CSCA whose key verified the DSC's signature, or undefined. */
  csca?: ParsedCertificate;
  cscaEntry?: TrustAnchorEntry;
  /** Why no CSCA was found, when none was. */
  reason?: string;
}

export interface RevocationResult {
  status: "passed" | "failed" | "skipped";
  detail: string;
}

const DSC_CACHE_LIMIT = 5_000;

/** An entry as read back from storage: D1 returns BLOBs as ArrayBuffer (or number arrays). */
export type StoredTrustAnchorEntry = Omit<TrustAnchorEntry, "der"> & {
  der: Uint8Array | ArrayBuffer | ArrayLike<number>;
};

function normalise(entry: StoredTrustAnchorEntry): TrustAnchorEntry {
  const der = entry.der instanceof Uint8Array ? entry.der : new Uint8Array(entry.der as ArrayBuffer);
  return { ...entry, der, country: entry.country.toUpperCase() };
}

export class TrustStore {
  private readonly cscas: TrustAnchorEntry[];
  private readonly crls: TrustAnchorEntry[];
  private readonly bySkid = new Map<string, TrustAnchorEntry[]>();
  private readonly byCountry = new Map<string, TrustAnchorEntry[]>();
  private readonly parsed = new Map<string, ParsedCertificate | EmrtdError>();
  private readonly parsedCrls = new Map<string, ParsedCrl | EmrtdError>();
  private readonly chains = new Map<string, Promise<ChainResult>>();
  private readonly dscs = new Map<string, ParsedCertificate>();

  private constructor(entries: TrustAnchorEntry[]) {
    const unique = new Map(entries.map((e) => [e.fingerprint, e]));
    this.cscas = [...unique.values()].filter((e) => e.kind === "csca");
    this.crls = [...unique.values()].filter((e) => e.kind === "crl");
    for (const entry of this.cscas) {
      if (entry.skid) this.bySkid.set(entry.skid, [...(this.bySkid.get(entry.skid) ?? []), entry]);
      const country = entry.country.toUpperCase();
      this.byCountry.set(country, [...(this.byCountry.get(country) ?? []), entry]);
    }
  }

  /** A store over stored entries (from parseTrustAnchorFile). Cheap: nothing is parsed yet. */
  static fromEntries(entries: StoredTrustAnchorEntry[]): TrustStore {
    return new TrustStore(entries.map(normalise));
  }

  /** Convenience for tools: parse several files (master lists need `pinnedRoots`). */
  static async fromFiles(files: Uint8Array[], options: ParseTrustAnchorOptions = {}): Promise<TrustStore> {
    const entries: TrustAnchorEntry[] = [];
    for (const file of files) entries.push(...(await parseTrustAnchorFile(file, options)).entries);
    return new TrustStore(entries);
  }

  get size(): { cscas: number; crls: number } {
    return { cscas: this.cscas.length, crls: this.crls.length };
  }

  entries(): TrustAnchorEntry[] {
    return [...this.cscas, ...this.crls];
  }

  private certificate(entry: TrustAnchorEntry): ParsedCertificate | undefined {
    let cert = this.parsed.get(entry.fingerprint);
    if (!cert) {
      try {
        cert = ParsedCertificate.fromDer(entry.der, `CSCA ${entry.subject}`);
      } catch (error) {
        if (!(error instanceof EmrtdError)) throw error;
        cert = error;
      }
      this.parsed.set(entry.fingerprint, cert);
    }
    return cert instanceof ParsedCertificate ? cert : undefined;
  }

  /**
   * The parsed DSC for these DER bytes, from the cache when seen before (its prepared key included).
   * `parse` builds it on a miss.
   */
  async dscFor(
    der: Uint8Array,
    parse: () => ParsedCertificate,
  ): Promise<{ dsc: ParsedCertificate; fingerprint: string }> {
    const fingerprint = toHex(await digest("SHA-256", der));
    let dsc = this.dscs.get(fingerprint);
    if (!dsc) {
      dsc = parse();
      if (this.dscs.size >= DSC_CACHE_LIMIT) this.dscs.clear();
      this.dscs.set(fingerprint, dsc);
    }
    return { dsc, fingerprint };
  }

  /** The CSCA that signed `dsc`: candidates by key identifier, then issuer name, then country. Cached. */
  chain(dsc: ParsedCertificate, fingerprint: string): Promise<ChainResult> {
    let result = this.chains.get(fingerprint);
    if (!result) {
      result = this.findIssuer(dsc);
      if (this.chains.size >= DSC_CACHE_LIMIT) this.chains.clear();
      this.chains.set(fingerprint, result);
    }
    return result;
  }

  private async findIssuer(dsc: ParsedCertificate): Promise<ChainResult> {
    const byKey = dsc.authorityKeyId ? (this.bySkid.get(dsc.authorityKeyId) ?? []) : [];
    const country = (dsc.issuerCountry ?? dsc.country ?? "").toUpperCase();
    const sameCountry = this.byCountry.get(country) ?? [];
    // Several CSCAs may share a subject or key id (rollover, link certificates): try each candidate.
    const ordered = [
      ...byKey,
      ...sameCountry.filter((e) => !byKey.includes(e) && e.subject === dsc.issuer),
      ...sameCountry.filter((e) => !byKey.includes(e) && e.subject !== dsc.issuer),
    ];
    if (ordered.length === 0)
      return { reason: `no CSCA of ${country || "the DSC's issuer"} in the trust store` };
    for (const entry of ordered.slice(0, 64)) {
      const csca = this.certificate(entry);
      if (csca && (await dsc.isSignedBy(csca))) return { csca, cscaEntry: entry };
    }
    return {
      reason: `none of the ${Math.min(ordered.length, 64)} candidate CSCA(s) of ${country} verifies the DSC's signature`,
    };
  }

  /** Whether a CRL issued by `csca` (and verified with its key) lists `dsc`. */
  async revocation(dsc: ParsedCertificate, csca: ParsedCertificate, now: Date): Promise<RevocationResult> {
    const candidates = this.crls.filter(
      (e) =>
        e.country.toUpperCase() === (csca.country ?? "") &&
        (!e.skid || !csca.subjectKeyId || e.skid === csca.subjectKeyId),
    );
    const notes: string[] = [];
    let checked = 0;
    for (const entry of candidates) {
      let crl = this.parsedCrls.get(entry.fingerprint);
      if (!crl) {
        try {
          crl = ParsedCrl.fromDer(entry.der);
        } catch (error) {
          if (!(error instanceof EmrtdError)) throw error;
          crl = error;
        }
        this.parsedCrls.set(entry.fingerprint, crl);
      }
      if (!(crl instanceof ParsedCrl) || !(await crl.isSignedBy(csca))) continue;
      checked++;
      if (crl.revokedSerials.has(dsc.serial)) {
        return {
          status: "failed",
          detail: `DSC serial ${dsc.serial} is revoked by the CRL of ${crl.issuer} (${crl.thisUpdate.toISOString().slice(0, 10)})`,
        };
      }
      if (crl.nextUpdate && crl.nextUpdate < now)
        notes.push(`CRL of ${crl.thisUpdate.toISOString().slice(0, 10)} is past its nextUpdate`);
    }
    if (checked === 0)
      return {
        status: "skipped",
        detail: `no CRL from the issuing CSCA (${csca.country ?? "?"}) in the trust store`,
      };
    return {
      status: "passed",
      detail: `not listed in ${checked} CRL(s) of the issuing CSCA${notes.length ? `; ${notes.join("; ")}` : ""}`,
    };
  }
}

/**
 * One TrustStore per isolate, rebuilt only when the stored anchors change. Keep an instance in module
 * scope; `version` is whatever changes with the stored set (e.g. the newest import time and the row
 * count), and `load` reads the entries only when it differs from the last one.
 */
export class TrustStoreCache {
  private current?: { version: string; store: Promise<TrustStore> };

  get(version: string, load: () => Promise<StoredTrustAnchorEntry[]>): Promise<TrustStore> {
    if (this.current?.version !== version) {
      const store = load().then((entries) => TrustStore.fromEntries(entries));
      this.current = { version, store };
      // A failed load is not cached: the next request tries again.
      store.catch(() => {
        if (this.current?.store === store) this.current = undefined;
      });
    }
    return (this.current as { store: Promise<TrustStore> }).store;
  }
}
