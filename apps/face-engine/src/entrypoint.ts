import { WorkerEntrypoint } from "cloudflare:workers";
import type {
  CompareInput,
  CompareResult,
  EngineInfo,
  FaceEngineRpc,
  LivenessInput,
  LivenessResult,
  RpcOutcome,
  VerifyInput,
  VerifyResult,
} from "@edgekyc/face-engine";
import { toOutcome } from "@edgekyc/face-engine/engine";
import { createLogger } from "@edgekyc/platform";
import { faceEngine } from "./engine.ts";

/**
 * The RPC surface other Workers bind to (`"entrypoint": "FaceEngine"`). Bad input answers
 * `{ ok: false, error }`; an engine failure (a model that cannot load) throws, and the caller maps it to 503.
 * Nothing about the images is logged: only timings and outcome codes.
 */
export class FaceEngine extends WorkerEntrypoint<Env> implements FaceEngineRpc {
  async verify(input: VerifyInput): Promise<RpcOutcome<VerifyResult>> {
    return this.#run("verify", () => faceEngine().verify(input));
  }

  async compare(input: CompareInput): Promise<RpcOutcome<CompareResult>> {
    return this.#run("compare", () => faceEngine().compare(input));
  }

  async liveness(input: LivenessInput): Promise<RpcOutcome<LivenessResult>> {
    return this.#run("liveness", () => faceEngine().liveness(input));
  }

  async info(): Promise<EngineInfo> {
    return faceEngine().info();
  }

  async #run<T>(method: string, call: () => Promise<T>): Promise<RpcOutcome<T>> {
    const log = createLogger({ app: "face-engine" });
    const started = Date.now();
    try {
      const outcome = await toOutcome(call);
      log.info("rpc", {
        method,
        ok: outcome.ok,
        ...(outcome.ok ? {} : { errorCode: outcome.error.code }),
        durationMs: Date.now() - started,
      });
      return outcome;
    } catch (error) {
      log.error("rpc failed", { method, error });
      throw new Error("the face engine failed; retry later");
    }
  }
}
