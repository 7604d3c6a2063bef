import type { ResultEventInput } from "../src/index.ts";

export function resultEvent(overrides: Record<string, unknown> = {}): ResultEventInput {
  return {
    specVersion: "1",
    eventId: `evt_${crypto.randomUUID()}`,
    partnerId: "ptn_01JDX3Q8Z0TESTPARTNER00000",
    mode: "test",
    capability: "nfc-session",
    type: "nfc.session.completed",
    occurredAt: "2026-11-22T10:15:00.000Z",
    payload: { result: "Ok", code: 0, message: "", ref: "order-1", data: { nationality: "GBR" } },
    ...overrides,
  } as ResultEventInput;
}
