import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { generate } from "selfsigned";

export interface Certificate {
  certPath: string;
  keyPath: string;
  certPem: string;
}

/**
 * A self-signed certificate for 127.0.0.1 and localhost, made once and kept under .wrangler/dev/certs
 * (official SDKs such as Smile ID's only speak https; clients trust it via NODE_EXTRA_CA_CERTS).
 */
export async function ensureCertificate(dir: string): Promise<Certificate> {
  const certPath = join(dir, "cert.pem");
  const keyPath = join(dir, "key.pem");
  if (!existsSync(certPath) || !existsSync(keyPath)) {
    mkdirSync(dir, { recursive: true });
    const notAfterDate = new Date(Date.now() + 825 * 86_400_000);
    const pems = await generate([{ name: "commonName", value: "EdgeKYC local" }], {
      keyType: "ec",
      curve: "P-256",
      algorithm: "sha256",
      notAfterDate,
      extensions: [
        { name: "basicConstraints", cA: true },
        { name: "keyUsage", digitalSignature: true, keyCertSign: true },
        { name: "extKeyUsage", serverAuth: true },
        {
          name: "subjectAltName",
          altNames: [
            { type: 2, value: "localhost" },
            { type: 7, ip: "127.0.0.1" },
          ],
        },
      ],
    } as never);
    writeFileSync(keyPath, pems.private, { mode: 0o600 });
    writeFileSync(certPath, pems.cert);
  }
  return { certPath, keyPath, certPem: readFileSync(certPath, "utf8") };
}
