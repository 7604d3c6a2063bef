import { STATUS_LIST_SIZE } from "@edgekyc/receipts";

/**
 * How many status lists receipts are spread over. An entry is drawn at random over all of them (the
 * status list draft's advice against sequential indexes, which would date a receipt and link receipts
 * issued together); the unique index on (list, idx) turns a collision into a redraw.
 */
export const STATUS_LISTS = 8;

export interface StatusSlot {
  list: number;
  idx: number;
}

export function randomStatusSlot(): StatusSlot {
  const [value] = crypto.getRandomValues(new Uint32Array(1));
  const slot = (value as number) % (STATUS_LISTS * STATUS_LIST_SIZE);
  return { list: Math.floor(slot / STATUS_LIST_SIZE), idx: slot % STATUS_LIST_SIZE };
}
