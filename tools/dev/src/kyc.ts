// The admin CLI: `npm run kyc -- <command>` (or `pnpm kyc <command>`), for local and deployed platforms.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { repoRoot } from "./apps.ts";
import { apiClient, type LooseJson } from "./local-client.ts";

const HELP = `EdgeKYC admin CLI

usage: npm run kyc -- <command> [arguments] [options]

partners create <name> [--mode test|live]     create a partner; prints its credentials (shown once)
partners list | partners get <partnerId>
keys list <partnerId>
keys rotate <partnerId> <dialect> <mode> [--grace <seconds>]
keys revoke <partnerId> <keyId>
settings get <partnerId> <capability>
settings set <partnerId> <capability> <json | @file.json>
endpoints set <partnerId> <mode> <url> [--capability <capability>]
endpoints rotate-secret <partnerId> <endpointId> [--grace <seconds>]
deliveries list [--status <status>] --key <edgekyc api_key>
deliveries get <deliveryId> --key <key>
deliveries replay <deliveryId> --key <key>
deliveries replay-since <iso date-time> --key <key>
dead-letters
demo                                          the local demo partner's credentials

options:
  --url <origin>          default $EDGEKYC_URL or http://127.0.0.1:8787
  --admin-token <token>   default $EDGEKYC_ADMIN_TOKEN, else apps/webhook-gateway/.dev.vars for localhost
  --json                  print the raw JSON answer`;

function localAdminToken(): string | undefined {
  const file = join(repoRoot, "apps/webhook-gateway/.dev.vars");
  if (!existsSync(file)) return undefined;
  return /^ADMIN_TOKEN=(.*)$/m.exec(readFileSync(file, "utf8"))?.[1]?.trim();
}

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      url: { type: "string" },
      "admin-token": { type: "string" },
      key: { type: "string" },
      mode: { type: "string" },
      capability: { type: "string" },
      status: { type: "string" },
      grace: { type: "string" },
      json: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  const [resource, action, ...args] = positionals;
  if (!resource || values.help || resource === "help") {
    console.log(HELP);
    return;
  }
  const origin = (values.url ?? process.env.EDGEKYC_URL ?? "http://127.0.0.1:8787").replace(/\/$/, "");
  const isLocal = /^https?:\/\/(127\.0\.0\.1|localhost)(:\d+)?$/.test(origin);
  const adminToken =
    values["admin-token"] ?? process.env.EDGEKYC_ADMIN_TOKEN ?? (isLocal ? localAdminToken() : undefined);

  if (resource === "demo") {
    const file = join(repoRoot, ".wrangler/state/demo-partner.json");
    if (!existsSync(file)) fail("no local demo partner yet: run `npm start` first");
    console.log(readFileSync(file, "utf8"));
    return;
  }

  const partnerCall = ["deliveries"].includes(resource);
  const token = partnerCall ? values.key : adminToken;
  if (!token)
    fail(
      partnerCall
        ? "give the partner's edgekyc api_key with --key"
        : "give --admin-token or set EDGEKYC_ADMIN_TOKEN",
    );
  const api = apiClient(origin, token);
  const grace = values.grace === undefined ? undefined : Number(values.grace);
  const need = (count: number) => {
    if (args.length < count) fail(`missing arguments; see \`npm run kyc -- help\``);
  };

  let answer: { status: number; json: LooseJson };
  switch (`${resource} ${action ?? ""}`.trim()) {
    case "partners create":
      need(1);
      answer = await api("POST", "/admin/v1/partners", { name: args.join(" "), mode: values.mode ?? "test" });
      break;
    case "partners list":
      answer = await api("GET", "/admin/v1/partners");
      break;
    case "partners get":
      need(1);
      answer = await api("GET", `/admin/v1/partners/${args[0]}`);
      break;
    case "keys list":
      need(1);
      answer = await api("GET", `/admin/v1/partners/${args[0]}/keys`);
      break;
    case "keys rotate":
      need(3);
      answer = await api("POST", `/admin/v1/partners/${args[0]}/keys/rotate`, {
        dialect: args[1],
        mode: args[2],
        ...(grace === undefined ? {} : { graceSeconds: grace }),
      });
      break;
    case "keys revoke":
      need(2);
      answer = await api("POST", `/admin/v1/partners/${args[0]}/keys/${args[1]}/revoke`);
      break;
    case "settings get":
      need(2);
      answer = await api("GET", `/admin/v1/partners/${args[0]}/settings/${args[1]}`);
      break;
    case "settings set": {
      need(3);
      const source = args[2] as string;
      const text = source.startsWith("@") ? readFileSync(source.slice(1), "utf8") : source;
      let settings: unknown;
      try {
        settings = JSON.parse(text);
      } catch {
        fail("settings must be JSON (inline or @file.json)");
      }
      answer = await api("PUT", `/admin/v1/partners/${args[0]}/settings/${args[1]}`, settings);
      break;
    }
    case "endpoints set":
      need(3);
      answer = await api("PUT", `/admin/v1/partners/${args[0]}/webhook-endpoints`, {
        mode: args[1],
        url: args[2],
        capability: values.capability ?? null,
      });
      break;
    case "endpoints rotate-secret":
      need(2);
      answer = await api("POST", `/admin/v1/partners/${args[0]}/webhook-endpoints/${args[1]}/rotate-secret`, {
        ...(grace === undefined ? {} : { graceSeconds: grace }),
      });
      break;
    case "deliveries list":
      answer = await api(
        "GET",
        `/webhooks/v1/deliveries${values.status ? `?status=${encodeURIComponent(values.status)}` : ""}`,
      );
      break;
    case "deliveries get":
      need(1);
      answer = await api("GET", `/webhooks/v1/deliveries/${args[0]}`);
      break;
    case "deliveries replay":
      need(1);
      answer = await api("POST", `/webhooks/v1/deliveries/${args[0]}/replay`);
      break;
    case "deliveries replay-since":
      need(1);
      answer = await api("POST", "/webhooks/v1/deliveries/replay", { since: args[0] });
      break;
    case "dead-letters":
      answer = await api("GET", "/admin/v1/dead-letters");
      break;
    default:
      fail(`unknown command "${resource} ${action ?? ""}"; see \`npm run kyc -- help\``);
  }

  if (answer.status >= 400) {
    const problem = answer.json ?? {};
    const fields = (problem.errors ?? [])
      .map((e: { path: string; message: string }) => `\n  ${e.path}: ${e.message}`)
      .join("");
    fail(`HTTP ${answer.status}: ${problem.detail ?? problem.title ?? "request failed"}${fields}`);
  }
  console.log(values.json ? JSON.stringify(answer.json) : JSON.stringify(answer.json, null, 2));
}

main().catch((error: Error) => fail(`kyc: ${error.message}`));
