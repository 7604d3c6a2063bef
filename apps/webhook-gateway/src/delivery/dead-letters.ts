import { type Cipher, newId, type Page, toPage } from "@edgekyc/platform";
import { desc, lt } from "drizzle-orm";
import { drizzle } from "drizzle-orm/d1";
import * as schema from "../db/schema.ts";

const { deadLetters } = schema;

/** What the gateway itself sends to kyc-results-dlq, so the reason travels with the message. */
export interface DeadLetterMessage {
  edgekycDeadLetter: 1;
  queue: string;
  reason: string;
  partnerId: string | null;
  eventId: string | null;
  body: unknown;
}

export function isDeadLetterMessage(value: unknown): value is DeadLetterMessage {
  return (
    typeof value === "object" &&
    value !== null &&
    (value as { edgekycDeadLetter?: unknown }).edgekycDeadLetter === 1
  );
}

const deadLetterAad = (id: string) => `webhooks.dead_letters.body:${id}`;

/** Stores one dead letter; the original body is kept encrypted (it may hold personal data). */
export async function storeDeadLetter(
  db: D1Database,
  cipher: Cipher,
  letter: Omit<DeadLetterMessage, "edgekycDeadLetter">,
  now: number,
): Promise<string> {
  const id = newId("dlq");
  let serialized: string | null = null;
  let reason = letter.reason;
  try {
    serialized = letter.body === undefined ? null : JSON.stringify(letter.body);
  } catch (error) {
    // A body JSON cannot hold (too deep, cyclic, BigInt) is still recorded, with why it is missing.
    reason = `${reason} (body not kept: ${error instanceof Error ? error.message : "not serialisable"})`;
  }
  await drizzle(db, { schema })
    .insert(deadLetters)
    .values({
      id,
      queue: letter.queue,
      reason: reason.slice(0, 2000),
      partnerId: letter.partnerId,
      eventId: letter.eventId,
      bodyCiphertext: serialized === null ? null : await cipher.encryptText(serialized, deadLetterAad(id)),
      createdAt: now,
    });
  return id;
}

export interface DeadLetterView {
  id: string;
  queue: string;
  reason: string;
  partnerId: string | null;
  eventId: string | null;
  createdAt: string;
}

/** Newest first; `cursor` is the id of the last item of the previous page. */
export async function listDeadLetters(
  env: { DB: D1Database },
  options: { limit: number; cursor?: string | undefined },
): Promise<Page<DeadLetterView>> {
  const db = drizzle(env.DB, { schema });
  const rows = await db
    .select()
    .from(deadLetters)
    .where(options.cursor ? lt(deadLetters.id, options.cursor) : undefined)
    .orderBy(desc(deadLetters.id))
    .limit(options.limit + 1);
  return toPage(
    rows,
    options.limit,
    (row) => row.id,
    (row) => ({
      id: row.id,
      queue: row.queue,
      reason: row.reason,
      partnerId: row.partnerId,
      eventId: row.eventId,
      createdAt: new Date(row.createdAt).toISOString(),
    }),
  );
}
