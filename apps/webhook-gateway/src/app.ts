import { newApp } from "@edgekyc/platform";
import type { GatewayEnv } from "./gateway-env.ts";
import { adminRoutes } from "./routes/admin/index.ts";
import * as deliveriesGet from "./routes/deliveries/get.ts";
import * as deliveriesList from "./routes/deliveries/list.ts";
import * as deliveriesReplay from "./routes/deliveries/replay.ts";
import * as deliveriesReplaySince from "./routes/deliveries/replay-since.ts";
import * as devResultsEnqueue from "./routes/dev-results/enqueue.ts";
import * as devSinkClear from "./routes/dev-sink/clear.ts";
import * as devSinkList from "./routes/dev-sink/list.ts";
import * as devSinkRecord from "./routes/dev-sink/record.ts";
import * as endpointsCreate from "./routes/endpoints/create.ts";
import * as endpointsDelete from "./routes/endpoints/delete.ts";
import * as endpointsGet from "./routes/endpoints/get.ts";
import * as endpointsList from "./routes/endpoints/list.ts";
import * as endpointsRotateSecret from "./routes/endpoints/rotate-secret.ts";
import * as endpointsSendTest from "./routes/endpoints/send-test.ts";
import * as endpointsUpdate from "./routes/endpoints/update.ts";
import * as eventsErase from "./routes/events/erase.ts";
import { gatewayServices } from "./services.ts";

/** Webhook payloads can be large (Smile ID callbacks up to 1.5 MB), and the sink must take them. */
const MAX_BODY_BYTES = 2 * 1024 * 1024;

export const app = newApp<GatewayEnv>({
  name: "webhook-gateway",
  title: "EdgeKYC webhook gateway",
  version: "1.0.0",
  description:
    "Partner accounts (admin API), webhook endpoints and the signed, retried delivery of every capability's results. Deliveries carry Standard Webhooks headers (`webhook-id`, `webhook-timestamp`, `webhook-signature`).",
  dialect: "edgekyc",
  maxBodyBytes: MAX_BODY_BYTES,
  services: gatewayServices,
});

app.route("/", adminRoutes);

// Order matters where paths overlap: /deliveries/replay before /deliveries/{deliveryId}.
app
  .openapi(endpointsCreate.route, endpointsCreate.handler)
  .openapi(endpointsList.route, endpointsList.handler)
  .openapi(endpointsGet.route, endpointsGet.handler)
  .openapi(endpointsUpdate.route, endpointsUpdate.handler)
  .openapi(endpointsDelete.route, endpointsDelete.handler)
  .openapi(endpointsRotateSecret.route, endpointsRotateSecret.handler)
  .openapi(endpointsSendTest.route, endpointsSendTest.handler)
  .openapi(deliveriesList.route, deliveriesList.handler)
  .openapi(deliveriesReplaySince.route, deliveriesReplaySince.handler)
  .openapi(deliveriesGet.route, deliveriesGet.handler)
  .openapi(deliveriesReplay.route, deliveriesReplay.handler)
  .openapi(eventsErase.route, eventsErase.handler)
  .openapi(devSinkRecord.route, devSinkRecord.handler)
  .openapi(devSinkList.route, devSinkList.handler)
  .openapi(devSinkClear.route, devSinkClear.handler)
  .openapi(devResultsEnqueue.route, devResultsEnqueue.handler);
