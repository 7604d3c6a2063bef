import { getAccounts } from "@edgekyc/accounts";
import type { FaceEngineRpc } from "@edgekyc/face-engine";
import type { Cipher, Logger } from "@edgekyc/platform";
import type { Mode } from "@edgekyc/schemas";
import { EmrtdVerifier } from "./adapters/emrtd-verifier.ts";
import { partnerFaceComparer } from "./adapters/partner-face-comparer.ts";
import { type NfcConfig, nfcConfig } from "./config.ts";
import { type JweKeyRing, jweKeyRing } from "./domain/chip-envelope.ts";
import type { DocumentVerifier } from "./domain/document-verifier.ts";
import type { FaceComparer } from "./domain/face-engine.ts";
import { nfcCipher } from "./domain/result-publisher.ts";
import { SessionDirectory } from "./sessions/session-directory.ts";
import { LostStolenList } from "./stores/lost-stolen.ts";
import { TrustStoreRepository } from "./stores/trust-store.ts";

export interface NfcServices {
  env: Env;
  config: NfcConfig;
  cipher: Cipher;
  log: Logger;
  /** Partner settings (`settings.get(partnerId, "nfc-session")`). */
  accounts: Awaited<ReturnType<typeof getAccounts>>;
  sessions: SessionDirectory;
  lostStolen: LostStolenList;
  trust: TrustStoreRepository;
  jweKeys(): Promise<JweKeyRing>;
  /** The verifier over the trust store as it is now (anchors parsed once per isolate and import set). */
  verifier(): Promise<DocumentVerifier>;
  /** The face engine the session's partner chose (nfc-session setting `faceEngine`), for its key's mode. */
  face(session: { id: string; partnerId: string; mode: Mode }): Promise<FaceComparer>;
}

/** Everything the routes need, from the Worker's bindings; cheap to build per request (newApp's services). */
export async function nfcServices(env: Env, log: Logger): Promise<NfcServices> {
  const config = nfcConfig(env);
  const cipher = await nfcCipher(env.ENCRYPTION_KEYS);
  const trust = new TrustStoreRepository(env.DB);
  const accounts = await getAccounts(env);
  return {
    env,
    config,
    cipher,
    log,
    accounts,
    sessions: new SessionDirectory(env),
    lostStolen: new LostStolenList(env.DB, cipher, env.ENCRYPTION_KEYS),
    trust,
    jweKeys: () => jweKeyRing(env.NFC_JWE_KEYS),
    verifier: async () => new EmrtdVerifier(await trust.store()),
    face: async (session) =>
      partnerFaceComparer(
        env.FACE_ENGINE as unknown as Service<FaceEngineRpc>,
        config,
        { mode: session.mode, referenceId: `nfc-${session.id}` },
        await accounts.settings.get(session.partnerId, "nfc-session"),
      ),
  };
}
