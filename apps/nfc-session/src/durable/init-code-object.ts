import { DurableObject } from "cloudflare:workers";

/** What one init code is bound to while it is reserved. */
export interface InitCodeBinding {
  sessionId: string;
  partnerId: string;
  /** Until then the app can redeem the code (once). */
  redeemableUntil: number;
  redeemed: boolean;
  /** Backstop: the code is released at the latest then, even if its session never says so. */
  reservedUntil: number;
}

const KEY = "binding";

/**
 * One object per 4-character init code (idFromName(code)). A Durable Object runs one call at a time, so
 * two session_init calls drawing the same code cannot both reserve it: the second sees it taken and
 * draws again. The code is released when its session ends, or by alarm at `reservedUntil`.
 */
export class InitCodeObject extends DurableObject {
  private binding: InitCodeBinding | null = null;

  constructor(ctx: DurableObjectState, env: unknown) {
    super(ctx, env as never);
    ctx.blockConcurrencyWhile(async () => {
      this.binding = (await ctx.storage.get<InitCodeBinding>(KEY)) ?? null;
    });
  }

  private live(now: number): InitCodeBinding | null {
    return this.binding && this.binding.reservedUntil > now ? this.binding : null;
  }

  /** Reserves the code for a session; false when a live session holds it. */
  async reserve(binding: InitCodeBinding, now = Date.now()): Promise<boolean> {
    if (this.live(now)) return false;
    this.binding = binding;
    await this.ctx.storage.put(KEY, binding);
    await this.ctx.storage.setAlarm(binding.reservedUntil);
    return true;
  }

  /**
   * The session to redeem, marking the code used: null when the code is free, expired for redemption or
   * already redeemed (a code is good for one app only).
   */
  async redeem(now = Date.now()): Promise<{ sessionId: string; partnerId: string } | null> {
    const binding = this.live(now);
    if (!binding || binding.redeemed || binding.redeemableUntil <= now) return null;
    binding.redeemed = true;
    await this.ctx.storage.put(KEY, binding);
    return { sessionId: binding.sessionId, partnerId: binding.partnerId };
  }

  /** Frees the code if this session still holds it. */
  async release(sessionId: string): Promise<void> {
    if (this.binding?.sessionId !== sessionId) return;
    this.binding = null;
    await this.ctx.storage.deleteAll();
  }

  async peek(): Promise<InitCodeBinding | null> {
    return this.live(Date.now());
  }

  override async alarm(): Promise<void> {
    if (this.binding && this.binding.reservedUntil <= Date.now()) {
      this.binding = null;
      await this.ctx.storage.deleteAll();
    } else if (this.binding) {
      await this.ctx.storage.setAlarm(this.binding.reservedUntil);
    }
  }
}
