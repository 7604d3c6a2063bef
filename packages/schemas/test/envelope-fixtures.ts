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

/** `{ "a": [ { "a": [ … ] } ] }`: objects and arrays alternate, `depth` containers in all. */
export function nestedPayload(depth: number): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  let current: Record<string, unknown> | unknown[] = root;
  for (let level = 1; level < depth; level++) {
    const child: Record<string, unknown> | unknown[] = level % 2 === 1 ? [] : {};
    if (Array.isArray(current)) current.push(child);
    else current.a = child;
    current = child;
  }
  return root;
}
