// The Worker behind `npm run bench -- emrtd`: holds benchmark documents and verifies them on request,
// so that the bench can read the CPU time workerd spent from outside (/proc), where clocks run.
import {
  parseSod,
  parseTrustAnchorFile,
  type TrustAnchorEntry,
  TrustStore,
  verifyDocument,
} from "@edgekyc/emrtd";

interface BenchDocument {
  sod: Uint8Array;
  dataGroups: Map<number, Uint8Array>;
  aaChallenge?: Uint8Array;
  aaSignature?: Uint8Array;
  now: Date;
  requiredDataGroups: number[];
  entries: TrustAnchorEntry[];
  warmStore: TrustStore;
}

interface LoadBody {
  anchors: Record<string, { files: string[]; pinnedRoots?: string[] }>;
  documents: Record<
    string,
    {
      anchors: string;
      sod: string;
      dataGroups: Record<string, string>;
      aaChallenge?: string;
      aaSignature?: string;
      now: string;
    }
  >;
}

const documents = new Map<string, BenchDocument>();
const bytes = (base64: string) => Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));

async function load(body: LoadBody): Promise<Response> {
  const anchorSets = new Map<string, TrustAnchorEntry[]>();
  for (const [name, set] of Object.entries(body.anchors)) {
    const entries: TrustAnchorEntry[] = [];
    for (const file of set.files)
      entries.push(
        ...(await parseTrustAnchorFile(bytes(file), { pinnedRoots: set.pinnedRoots?.map(bytes) })).entries,
      );
    anchorSets.set(name, entries);
  }
  for (const [name, doc] of Object.entries(body.documents)) {
    const entries = anchorSets.get(doc.anchors) ?? [];
    const dataGroups = new Map(Object.entries(doc.dataGroups).map(([n, b]) => [Number(n), bytes(b)]));
    documents.set(name, {
      sod: bytes(doc.sod),
      dataGroups,
      aaChallenge: doc.aaChallenge ? bytes(doc.aaChallenge) : undefined,
      aaSignature: doc.aaSignature ? bytes(doc.aaSignature) : undefined,
      now: new Date(doc.now),
      requiredDataGroups: dataGroups.size ? [1] : [],
      entries,
      warmStore: TrustStore.fromEntries(entries),
    });
  }
  return Response.json({ loaded: documents.size });
}

/**
 * Verifies a document n times: "warm" with the shared store (DSC already verified), "cold" with a new
 * one; "parse" only decodes its EF.SOD.
 */
async function run(name: string, mode: string, n: number): Promise<Response> {
  const doc = documents.get(name);
  if (!doc) return Response.json({ error: `no document ${name}` }, { status: 404 });
  let authentic = 0;
  if (mode === "parse") {
    // The floor under every verification: decoding EF.SOD (asn1js) and the LDS security object.
    for (let i = 0; i < n; i++) if (parseSod(doc.sod).dataGroupHashes.size > 0) authentic++;
    return Response.json({ authentic, n });
  }
  for (let i = 0; i < n; i++) {
    const trustStore = mode === "cold" ? TrustStore.fromEntries(doc.entries) : doc.warmStore;
    const report = await verifyDocument(doc, {
      trustStore,
      now: doc.now,
      policy: { requiredDataGroups: doc.requiredDataGroups },
    });
    if (report.authentic) authentic++;
  }
  return Response.json({ authentic, n });
}

export default {
  async fetch(request: Request): Promise<Response> {
    const url = new URL(request.url);
    if (url.pathname === "/load" && request.method === "POST")
      return load((await request.json()) as LoadBody);
    if (url.pathname === "/run") {
      const n = Math.min(Math.max(Number(url.searchParams.get("n") ?? "1"), 1), 5000);
      return run(url.searchParams.get("doc") ?? "", url.searchParams.get("mode") ?? "warm", n);
    }
    return new Response("not found", { status: 404 });
  },
};
