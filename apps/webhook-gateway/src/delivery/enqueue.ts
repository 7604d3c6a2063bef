/** Body of a kyc-deliveries message: the work is in D1, the message only points at it. */
export interface DeliveryMessage {
  deliveryId: string;
}

export function isDeliveryMessage(value: unknown): value is DeliveryMessage {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as { deliveryId?: unknown }).deliveryId === "string"
  );
}

/** Queues attempts of deliveries, in batches of the Queues API's maximum size. */
export async function enqueueDeliveries(
  queue: Queue,
  deliveryIds: readonly string[],
  delaySeconds = 0,
): Promise<void> {
  for (let i = 0; i < deliveryIds.length; i += 100) {
    await queue.sendBatch(
      deliveryIds
        .slice(i, i + 100)
        .map((deliveryId) => ({ body: { deliveryId } satisfies DeliveryMessage, delaySeconds })),
    );
  }
}
