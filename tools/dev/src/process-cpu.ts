// CPU time of process trees from /proc (Linux), for benchmarks of the local platform. Read from outside:
// clocks inside a Worker stand still while it computes.
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";

export function clockTicksPerSecond(): number {
  const result = spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8" });
  const ticks = Number(result.stdout?.trim());
  return Number.isInteger(ticks) && ticks > 0 ? ticks : 100;
}

interface ProcessInfo {
  parent: number;
  name: string;
  /** user + system, from /proc/<pid>/stat, in clock ticks. */
  ticks: number;
}

function processes(): Map<number, ProcessInfo> {
  const found = new Map<number, ProcessInfo>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const name = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
      // Fields after the name: state, ppid, …, utime (14th field overall), stime (15th).
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      found.set(Number(entry), {
        parent: Number(fields[1]),
        name,
        ticks: Number(fields[11]) + Number(fields[12]),
      });
    } catch {
      // The process ended while we looked.
    }
  }
  return found;
}

/** Whether `pid` descends from `root` (or is it), and not from `exclude`. */
function under(all: Map<number, ProcessInfo>, pid: number, root: number, exclude?: number): boolean {
  for (let p: number | undefined = pid; p !== undefined && p > 1; p = all.get(p)?.parent) {
    if (p === exclude) return false;
    if (p === root) return true;
  }
  return false;
}

/** CPU time (ms, user + system) of a process tree, in total and for its workerd processes. */
export function treeCpuMs(
  rootPid: number,
  ticksPerSecond: number,
  options: { exclude?: number } = {},
): { total: number; workerd: number } {
  const all = processes();
  let total = 0;
  let workerd = 0;
  for (const [pid, info] of all) {
    if (!under(all, pid, rootPid, options.exclude)) continue;
    const ms = (info.ticks * 1000) / ticksPerSecond;
    total += ms;
    if (info.name === "workerd") workerd += ms;
  }
  return { total, workerd };
}

/**
 * CPU time (ms, nanosecond resolution from /proc/<pid>/task/*\/schedstat) of the workerd processes in a
 * tree: fine enough for requests that cost well under a clock tick.
 */
export function workerdCpuMs(rootPid: number, options: { exclude?: number } = {}): number {
  const all = processes();
  let ns = 0;
  for (const [pid, info] of all) {
    if (info.name !== "workerd" || !under(all, pid, rootPid, options.exclude)) continue;
    try {
      for (const task of readdirSync(`/proc/${pid}/task`)) {
        try {
          ns += Number(readFileSync(`/proc/${pid}/task/${task}/schedstat`, "utf8").split(" ")[0]);
        } catch {
          // The thread ended while we looked.
        }
      }
    } catch {
      // The process ended while we looked.
    }
  }
  return ns / 1e6;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}
