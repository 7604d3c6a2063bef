// CPU time of a process tree from /proc (Linux), for benchmarks of the local platform.
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";

export function clockTicksPerSecond(): number {
  const result = spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8" });
  const ticks = Number(result.stdout?.trim());
  return Number.isInteger(ticks) && ticks > 0 ? ticks : 100;
}

/** CPU time (ms, user + system) of a process tree, in total and for its workerd processes. */
export function treeCpuMs(rootPid: number, ticksPerSecond: number): { total: number; workerd: number } {
  const parent = new Map<number, number>();
  const cpu = new Map<number, { ms: number; name: string }>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const name = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      parent.set(Number(entry), Number(fields[1]));
      cpu.set(Number(entry), {
        ms: ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond,
        name,
      });
    } catch {
      // The process ended while we looked.
    }
  }
  let total = 0;
  let workerd = 0;
  for (const [pid, { ms, name }] of cpu) {
    for (let p: number | undefined = pid; p !== undefined && p > 1; p = parent.get(p)) {
      if (p === rootPid) {
        total += ms;
        if (name === "workerd") workerd += ms;
        break;
      }
    }
  }
  return { total, workerd };
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}
