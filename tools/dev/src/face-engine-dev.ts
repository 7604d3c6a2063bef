// apps/face-engine under `wrangler dev` with its development routes, for the face calibration command and
// the face-engine benchmark: the engine runs in the real runtime, Node only sends images and measures.
import type { ChildProcess } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "./apps.ts";
import { freePort } from "./ports.ts";
import { lastLines, spawnGroup, stopGroup, wranglerBin } from "./processes.ts";

export interface FaceEngineDev {
  origin: string;
  child: ChildProcess;
  post<T>(route: "analyse" | "compare" | "liveness", body: object): Promise<{ status: number; json: T }>;
  /** CPU ms (user + system) and peak resident MB of the workerd processes under wrangler. */
  workerd(): { cpuMs: number; peakRssMb: number; rssMb: number };
  stop(): Promise<void>;
}

const TICKS_PER_SECOND = 100;

/** The workerd processes below a process, from /proc. */
function workerdStats(rootPid: number): { cpuMs: number; peakRssMb: number; rssMb: number } {
  const parent = new Map<number, number>();
  const names = new Map<number, string>();
  const cpu = new Map<number, number>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      parent.set(Number(entry), Number(fields[1]));
      names.set(Number(entry), stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")")));
      cpu.set(Number(entry), ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND);
    } catch {
      // Ended while we looked.
    }
  }
  let cpuMs = 0;
  let peakRssMb = 0;
  let rssMb = 0;
  for (const [pid, name] of names) {
    if (name !== "workerd") continue;
    let p: number | undefined = pid;
    while (p !== undefined && p > 1 && p !== rootPid) p = parent.get(p);
    if (p !== rootPid) continue;
    cpuMs += cpu.get(pid) ?? 0;
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    peakRssMb += Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
    rssMb += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
  }
  return { cpuMs, peakRssMb, rssMb };
}

export async function startFaceEngineDev(): Promise<FaceEngineDev> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const child = spawnGroup(
    wranglerBin(),
    [
      "dev",
      "-c",
      join(repoRoot, "apps/face-engine/wrangler.jsonc"),
      "--port",
      String(port),
      "--ip",
      "127.0.0.1",
      "--var",
      "ENVIRONMENT:development",
      "--show-interactive-dev-session=false",
      "--persist-to",
      join(repoRoot, ".wrangler/face-engine-dev"),
    ],
    { cwd: repoRoot, env: { ...process.env, CI: "true", WRANGLER_SEND_METRICS: "false" } },
  );
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  });
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited:\n${lastLines(output)}`);
    try {
      const res = await fetch(`${origin}/docs/face-engine/openapi.json`);
      if (res.ok) break;
    } catch {
      // Not up yet.
    }
    if (Date.now() > deadline) {
      await stopGroup(child);
      throw new Error(`apps/face-engine did not start within 120 s:\n${lastLines(output)}`);
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  return {
    origin,
    child,
    async post(route, body) {
      const res = await fetch(`${origin}/dev/face-engine/${route}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      return { status: res.status, json: await res.json() };
    },
    workerd: () => workerdStats(child.pid ?? 0),
    stop: () => stopGroup(child),
  };
}

export const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64");
