import { DurableObject } from "cloudflare:workers";
import {
  EMPTY_GUARD,
  type GuardState,
  lockRemainingMs,
  type RedeemLimit,
  recordFailure,
} from "../domain/redeem-limits.ts";

const KEY = "guard";

/** Failed init-code redemptions of one subject (a client network, or "global"); see redeem-limits.ts. */
export class RedeemGuardObject extends DurableObject {
  private state: GuardState = EMPTY_GUARD;

  constructor(ctx: DurableObjectState, env: unknown) {
    super(ctx, env as never);
    ctx.blockConcurrencyWhile(async () => {
      this.state = (await ctx.storage.get<GuardState>(KEY)) ?? EMPTY_GUARD;
    });
  }

  /** Milliseconds the subject stays locked out; 0 when it may try. */
  async lockedFor(now = Date.now()): Promise<number> {
    return lockRemainingMs(this.state, now);
  }

  /** Counts a wrong code; returns how long the subject is now locked (0 when not). */
  async fail(limit: RedeemLimit, now = Date.now()): Promise<number> {
    this.state = recordFailure(this.state, limit, now);
    await this.ctx.storage.put(KEY, this.state);
    // Storage is dropped once the window and any lock are over.
    await this.ctx.storage.setAlarm(
      Math.max(this.state.lockedUntil, this.state.windowStart + limit.windowMs),
    );
    return lockRemainingMs(this.state, now);
  }

  override async alarm(): Promise<void> {
    if (this.state.lockedUntil <= Date.now()) {
      this.state = EMPTY_GUARD;
      await this.ctx.storage.deleteAll();
    }
  }
}
