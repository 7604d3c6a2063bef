import type { Services } from "../services.ts";

export async function processSmileJob(
  _services: Services,
  _jobId: string,
  _options: { finalAttempt: boolean },
): Promise<void> {}
