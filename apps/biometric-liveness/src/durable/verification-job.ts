import { DurableObject } from "cloudflare:workers";
import { createLogger } from "@edgekyc/platform";
import { processFacetec } from "../assure/facetec-processor.ts";
import { livenessServices } from "../services.ts";
import { processSmileJob } from "../smile/job-processor.ts";

type Kind = "process" | "job";

/** Waits between attempts when processing fails (engine or authority down); then the work is failed. */
export const RETRY_DELAYS_MS = [2_000, 10_000, 60_000, 300_000];

/**
 * One per Assure process or Smile ID job (named `<kind>:<id>`): processing runs in its alarm, so it is
 * serialised, survives restarts, and is retried with backoff when a dependency fails. The records
 * themselves live in D1; the object only keeps what to run and how many attempts were made.
 */
export class VerificationJob extends DurableObject<Env> {
  async schedule(kind: Kind, id: string): Promise<void> {
    await this.ctx.storage.put({ kind, id, attempts: 0 });
    if ((await this.ctx.storage.getAlarm()) === null) await this.ctx.storage.setAlarm(Date.now());
  }

  override async alarm(): Promise<void> {
    const kind = await this.ctx.storage.get<Kind>("kind");
    const id = await this.ctx.storage.get<string>("id");
    if (!kind || !id) return;
    const attempts = ((await this.ctx.storage.get<number>("attempts")) ?? 0) + 1;
    await this.ctx.storage.put("attempts", attempts);
    const log = createLogger({ app: "biometric-liveness" }).child({
      [kind === "job" ? "smileJobId" : "processId"]: id,
    });
    const services = await livenessServices(this.env, log);
    const finalAttempt = attempts > RETRY_DELAYS_MS.length;
    try {
      if (kind === "process") await processFacetec(services, id, { finalAttempt });
      else await processSmileJob(services, id, { finalAttempt });
      await this.ctx.storage.deleteAll();
    } catch (error) {
      log.warn("processing failed", { attempt: attempts, errorName: (error as Error)?.name ?? "unknown" });
      if (finalAttempt) {
        await this.ctx.storage.deleteAll();
        return;
      }
      await this.ctx.storage.setAlarm(Date.now() + (RETRY_DELAYS_MS[attempts - 1] as number));
    }
  }
}
