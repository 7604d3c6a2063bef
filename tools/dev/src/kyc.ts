// The admin CLI: `npm run kyc -- <command>` (or `pnpm kyc <command>`), for the local platform and for
// deployed ones (--url, --admin-token). It wraps the admin API and the partner webhooks API of
// webhook-gateway and prints problem+json errors readably.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, isAbsolute, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { repoRoot } from "./apps.ts";
import { apiClient, type LooseJson } from "./local-client.ts";

const HELP = () => `EdgeKYC admin CLI

usage: npm run kyc -- <command> [arguments] [options]     (or: pnpm kyc <command> …)

partners
  partners create <name> [--mode test|live]      new partner; prints its credentials (shown only once)
  partners list [--limit N] [--cursor C]
  partners get <partnerId>
keys
  keys list <partnerId>
  keys rotate <partnerId> <dialect> <mode> [--grace <seconds>]   new key; old ones expire after the grace
  keys revoke <partnerId> <keyId>
settings (per capability: nfc-session, biometric-liveness, ekyc-otp-pennydrop, poa-additional-steps)
  settings get <partnerId> <capability>
  settings set <partnerId> <capability> <json | @file.json>
webhook endpoints (admin)
  endpoints set <partnerId> <test|live> <url> [--capability <capability>]   default or per-capability endpoint
  endpoints rotate-secret <partnerId> <endpointId> [--grace <seconds>]
partner webhooks API (with a partner's edgekyc key: --key, default the local demo partner's)
  endpoints list
  deliveries list [--status pending|retrying|succeeded|failed] [--since <ISO time>] [--limit N]
  deliveries get <deliveryId>
  deliveries replay <deliveryId>
  deliveries replay-since <ISO time> [--status failed|succeeded]
operations
  dead-letters [--limit N]
  demo                                            the local demo partner (from npm start)
  sink [name]                                     what the local dev sink received (default: demo)
more command groups (each with its own help: npm run kyc -- <group> help)
  ${groupModules().join(", ") || "(none)"}

options:
  --url <origin>          default $EDGEKYC_URL, else http://127.0.0.1:8787
  --admin-token <token>   default $EDGEKYC_ADMIN_TOKEN, else ADMIN_TOKEN of apps/webhook-gateway/.dev.vars
                          (only when --url is this machine)
  --key <api_key>         partner edgekyc key for the partner API; default $EDGEKYC_API_KEY, else the
                          local demo partner's (only when --url is this machine)
  --json                  print the API's JSON answer as it is (one line)
  -h, --help              this text

examples:
  npm run kyc -- partners create "Acme Ltd"
  npm run kyc -- settings set ptn_… nfc-session @settings.json
  npm run kyc -- deliveries list --status failed --url https://gw.example.com --key ek_live_…`;

/** Names of the command groups in `kyc/` (see runGroupModule). */
function groupModules(): string[] {
  const dir = join(dirname(fileURLToPath(import.meta.url)), "kyc");
  return existsSync(dir)
    ? readdirSync(dir)
        .filter((file) => file.endsWith(".ts"))
        .map((file) => file.slice(0, -3))
    : [];
}

const DEMO_FILE = join(repoRoot, ".wrangler/state/demo-partner.json");

class UsageError extends Error {}

function localAdminToken(): string | undefined {
  const file = join(repoRoot, "apps/webhook-gateway/.dev.vars");
  if (!existsSync(file)) return undefined;
  const value = /^ADMIN_TOKEN=(.*)$/m.exec(readFileSync(file, "utf8"))?.[1]?.trim();
  return value?.replace(/^(["'])(.*)\1$/, "$2");
}

function localDemo(): LooseJson | undefined {
  return existsSync(DEMO_FILE) ? JSON.parse(readFileSync(DEMO_FILE, "utf8")) : undefined;
}

/**
 * A file named on the command line. npm and pnpm run scripts from the repository root and, through the
 * bootstrap, the caller's folder is lost (pnpm sets INIT_CWD to the root), so relative paths start at
 * the repository root unless EDGEKYC_CALLER_CWD says where the caller was.
 */
function readUserFile(path: string): string {
  const base = process.env.EDGEKYC_CALLER_CWD ?? process.env.INIT_CWD ?? process.cwd();
  const full = isAbsolute(path) ? path : resolve(base, path);
  if (!existsSync(full)) {
    throw new UsageError(`no file ${full} (relative paths start at ${base}; an absolute path always works)`);
  }
  return readFileSync(full, "utf8");
}

/** A compact table of the given columns for list answers. */
function table(rows: Record<string, unknown>[], columns: string[]): string {
  if (rows.length === 0) return "(none)";
  const cell = (value: unknown) => (value === null || value === undefined ? "" : String(value));
  const widths = columns.map((column) =>
    Math.min(60, Math.max(column.length, ...rows.map((row) => cell(row[column]).length))),
  );
  const line = (values: string[]) =>
    values
      .map((value, i) => value.slice(0, widths[i]).padEnd(widths[i] ?? 0))
      .join("  ")
      .trimEnd();
  return [line(columns), ...rows.map((row) => line(columns.map((column) => cell(row[column]))))].join("\n");
}

function query(params: Record<string, string | undefined>): string {
  const entries = Object.entries(params).filter((entry): entry is [string, string] => entry[1] !== undefined);
  return entries.length === 0 ? "" : `?${new URLSearchParams(entries).toString()}`;
}

function problemText(status: number, problem: LooseJson): string {
  if (!problem || typeof problem !== "object") return `HTTP ${status}`;
  const what = String(problem.detail ?? problem.title ?? problem.message ?? JSON.stringify(problem));
  const fields = ((problem.errors as { path: string; message: string }[] | undefined) ?? [])
    .map((issue) => `${issue.path || "(body)"}: ${issue.message}`)
    .filter((issue) => !what.includes(issue))
    .map((issue) => `\n  ${issue}`)
    .join("");
  const code = problem.code ? ` [${problem.code}]` : "";
  const request = problem.requestId ? ` (request ${problem.requestId})` : "";
  return `HTTP ${status}${code}: ${what}${fields}${request}`;
}

/**
 * Command groups with their own options live in `kyc/<group>.ts` and export `run(args)`, returning the
 * exit code (e.g. `npm run kyc -- emrtd verify …`). They are found by file name, so adding one needs no
 * change here.
 */
async function runGroupModule(): Promise<number | undefined> {
  const [group, ...args] = process.argv.slice(2);
  if (!group || !/^[a-z][a-z0-9-]*$/.test(group)) return undefined;
  const file = join(dirname(fileURLToPath(import.meta.url)), "kyc", `${group}.ts`);
  if (!existsSync(file)) return undefined;
  const module = (await import(pathToFileURL(file).href)) as { run(args: string[]): Promise<number> };
  return module.run(args);
}

async function main(): Promise<number> {
  const delegated = await runGroupModule();
  if (delegated !== undefined) return delegated;
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse();
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  const [resource, action, ...args] = positionals;
  if (!resource || values.help || resource === "help") {
    console.log(HELP());
    return 0;
  }
  const origin = (values.url ?? process.env.EDGEKYC_URL ?? "http://127.0.0.1:8787").replace(/\/+$/, "");
  let isLocal = false;
  try {
    isLocal = ["127.0.0.1", "localhost", "[::1]"].includes(new URL(origin).hostname);
  } catch {
    throw new UsageError(`--url must be an origin such as https://kyc.example.com, not "${origin}"`);
  }
  const need = (count: number, usage: string) => {
    if (args.length < count) throw new UsageError(`usage: npm run kyc -- ${usage}`);
  };
  const print = (json: LooseJson, columns?: string[]) => {
    if (values.json) console.log(JSON.stringify(json));
    else if (columns && Array.isArray(json?.data)) {
      console.log(table(json.data, columns));
      if (json.nextCursor) console.log(`\nmore: --cursor ${json.nextCursor}`);
    } else console.log(JSON.stringify(json, null, 2));
  };

  if (resource === "demo") {
    const demo = localDemo();
    if (!demo) throw new UsageError("no local demo partner yet: run `npm start` first");
    print(demo);
    return 0;
  }

  const command = `${resource} ${action ?? ""}`.trim();
  const partnerCommands = ["endpoints list", "deliveries list", "deliveries get", "deliveries replay"];
  const isPartnerCall = partnerCommands.includes(command) || command === "deliveries replay-since";
  let token: string | undefined;
  if (resource === "sink") {
    token = "";
  } else if (isPartnerCall) {
    token = values.key ?? process.env.EDGEKYC_API_KEY;
    if (!token && isLocal) {
      token = localDemo()?.credentials?.edgekyc?.api_key;
      if (token && !values.json) console.error("(using the local demo partner's edgekyc key)");
    }
    if (!token) throw new UsageError("give the partner's edgekyc api_key with --key (or $EDGEKYC_API_KEY)");
  } else {
    token =
      values["admin-token"] ?? process.env.EDGEKYC_ADMIN_TOKEN ?? (isLocal ? localAdminToken() : undefined);
    if (!token) throw new UsageError("give --admin-token or set $EDGEKYC_ADMIN_TOKEN");
  }
  const api = apiClient(origin, token);
  const grace = values.grace === undefined ? undefined : Number(values.grace);
  if (grace !== undefined && !Number.isInteger(grace)) throw new UsageError("--grace takes whole seconds");
  const page = { limit: values.limit, cursor: values.cursor };

  let answer: { status: number; json: LooseJson };
  let columns: string[] | undefined;
  switch (command) {
    case "partners create":
      need(1, "partners create <name> [--mode test|live]");
      answer = await api("POST", "/admin/v1/partners", { name: args.join(" "), mode: values.mode ?? "test" });
      break;
    case "partners list":
      answer = await api("GET", `/admin/v1/partners${query(page)}`);
      columns = ["id", "name", "createdAt", "erasedAt"];
      break;
    case "partners get":
      need(1, "partners get <partnerId>");
      answer = await api("GET", `/admin/v1/partners/${encodeURIComponent(args[0] as string)}`);
      break;
    case "keys list":
      need(1, "keys list <partnerId>");
      answer = await api("GET", `/admin/v1/partners/${encodeURIComponent(args[0] as string)}/keys`);
      columns = ["id", "dialect", "mode", "status", "publicId", "createdAt", "expiresAt", "lastUsedAt"];
      break;
    case "keys rotate":
      need(3, "keys rotate <partnerId> <dialect> <mode> [--grace <seconds>]");
      answer = await api("POST", `/admin/v1/partners/${encodeURIComponent(args[0] as string)}/keys/rotate`, {
        dialect: args[1],
        mode: args[2],
        ...(grace === undefined ? {} : { graceSeconds: grace }),
      });
      break;
    case "keys revoke":
      need(2, "keys revoke <partnerId> <keyId>");
      answer = await api(
        "POST",
        `/admin/v1/partners/${encodeURIComponent(args[0] as string)}/keys/${encodeURIComponent(args[1] as string)}/revoke`,
      );
      break;
    case "settings get":
      need(2, "settings get <partnerId> <capability>");
      answer = await api(
        "GET",
        `/admin/v1/partners/${encodeURIComponent(args[0] as string)}/settings/${encodeURIComponent(args[1] as string)}`,
      );
      break;
    case "settings set": {
      need(3, "settings set <partnerId> <capability> <json | @file.json>");
      const source = args.slice(2).join(" ");
      const text = source.startsWith("@") ? readUserFile(source.slice(1)) : source;
      let settings: unknown;
      try {
        settings = JSON.parse(text);
      } catch (error) {
        throw new UsageError(`the settings are not JSON (${(error as Error).message})`);
      }
      answer = await api(
        "PUT",
        `/admin/v1/partners/${encodeURIComponent(args[0] as string)}/settings/${encodeURIComponent(args[1] as string)}`,
        settings,
      );
      break;
    }
    case "endpoints set":
      need(3, "endpoints set <partnerId> <test|live> <url> [--capability <capability>]");
      answer = await api(
        "PUT",
        `/admin/v1/partners/${encodeURIComponent(args[0] as string)}/webhook-endpoints`,
        {
          mode: args[1],
          url: args[2],
          capability: values.capability ?? null,
        },
      );
      break;
    case "endpoints rotate-secret":
      need(2, "endpoints rotate-secret <partnerId> <endpointId> [--grace <seconds>]");
      answer = await api(
        "POST",
        `/admin/v1/partners/${encodeURIComponent(args[0] as string)}/webhook-endpoints/${encodeURIComponent(args[1] as string)}/rotate-secret`,
        grace === undefined ? {} : { graceSeconds: grace },
      );
      break;
    case "endpoints list":
      answer = await api("GET", "/webhooks/v1/endpoints");
      columns = ["id", "mode", "capability", "url", "disabled", "disabledReason", "createdAt"];
      break;
    case "deliveries list":
      answer = await api(
        "GET",
        `/webhooks/v1/deliveries${query({ ...page, status: values.status, since: values.since })}`,
      );
      columns = [
        "id",
        "status",
        "eventType",
        "eventId",
        "attempts",
        "lastStatusCode",
        "nextAttemptAt",
        "createdAt",
      ];
      break;
    case "deliveries get":
      need(1, "deliveries get <deliveryId>");
      answer = await api("GET", `/webhooks/v1/deliveries/${encodeURIComponent(args[0] as string)}`);
      break;
    case "deliveries replay":
      need(1, "deliveries replay <deliveryId>");
      answer = await api("POST", `/webhooks/v1/deliveries/${encodeURIComponent(args[0] as string)}/replay`);
      break;
    case "deliveries replay-since":
      need(1, "deliveries replay-since <ISO time> [--status failed|succeeded]");
      answer = await api("POST", "/webhooks/v1/deliveries/replay", {
        since: args[0],
        ...(values.status ? { status: values.status } : {}),
      });
      break;
    case "dead-letters":
      answer = await api("GET", `/admin/v1/dead-letters${query(page)}`);
      columns = ["id", "queue", "reason", "partnerId", "eventId", "createdAt"];
      break;
    default:
      if (resource === "sink") {
        answer = await api(
          "GET",
          `/dev/sink/${encodeURIComponent(action ?? "demo")}${query({ limit: values.limit })}`,
        );
        columns = ["id", "receivedAt", "method"];
        break;
      }
      throw new UsageError(`unknown command "${command}"; see \`npm run kyc -- help\``);
  }

  if (answer.status >= 400) {
    console.error(problemText(answer.status, answer.json));
    return 1;
  }
  print(answer.json, columns);
  return 0;
}

function parse() {
  return parseArgs({
    allowPositionals: true,
    options: {
      url: { type: "string" },
      "admin-token": { type: "string" },
      key: { type: "string" },
      mode: { type: "string" },
      capability: { type: "string" },
      status: { type: "string" },
      since: { type: "string" },
      grace: { type: "string" },
      limit: { type: "string" },
      cursor: { type: "string" },
      json: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
}

main()
  .then((code) => process.exit(code))
  .catch((error: Error & { code?: string; cause?: { code?: string } }) => {
    if (error instanceof UsageError) {
      console.error(error.message);
      process.exit(2);
    }
    const code = error.code ?? error.cause?.code;
    if (code === "ECONNREFUSED" || code === "ENOTFOUND" || code === "ECONNRESET") {
      console.error(
        `kyc: cannot reach the platform (${code}). Locally, is \`npm start\` running? Else check --url.`,
      );
    } else {
      console.error(`kyc: ${error.message}`);
    }
    process.exit(1);
  });
