// `npm run bench -- face-engine [--iterations N] [--write]`: the embedded face engine in the Workers runtime
// (apps/face-engine under `wrangler dev`): CPU per image, per pair and per liveness set, cold and warm,
// WASM heap and process memory, and the deployed bundle's gzipped size.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { repoRoot } from "../apps.ts";
import { appendBenchmarkReport } from "../bench-results.ts";
import { kib, measureBundle } from "../bundle-size.ts";
import { base64, type FaceEngineDev, startFaceEngineDev } from "../face-engine-dev.ts";
import { wranglerBin } from "../processes.ts";

const FIXTURES = join(repoRoot, "apps/face-engine/test/fixtures");
const fixture = (name: string) => base64(readFileSync(join(FIXTURES, name)));

interface Memory {
  wasmHeapBytes: number;
  tensorBytes: number;
}

/** CPU ms of workerd for `count` runs of `call`, which must answer 200. */
async function measure(
  engine: FaceEngineDev,
  count: number,
  call: () => Promise<{ status: number; json: { memory?: Memory } }>,
) {
  const before = engine.workerd().cpuMs;
  const started = performance.now();
  let memory: Memory | undefined;
  for (let i = 0; i < count; i++) {
    const { status, json } = await call();
    if (status !== 200) throw new Error(`HTTP ${status}: ${JSON.stringify(json).slice(0, 300)}`);
    memory = json.memory;
  }
  return {
    cpuMs: (engine.workerd().cpuMs - before) / count,
    wallMs: (performance.now() - started) / count,
    memory,
  };
}

function bundleSize(): string {
  const dir = join(repoRoot, "apps/face-engine/.wrangler/dry-run");
  if (!measureBundle(dir)) {
    spawnSync(
      wranglerBin(),
      ["deploy", "--dry-run", "--outdir", dir, "-c", join(repoRoot, "apps/face-engine/wrangler.jsonc")],
      { stdio: "ignore" },
    );
  }
  const size = measureBundle(dir);
  return size ? `${kib(size.gzipBytes)} gzip (${kib(size.rawBytes)} raw)` : "unknown (dry-run failed)";
}

export async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      iterations: { type: "string", default: "10" },
      write: { type: "boolean", default: false },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    console.log(
      "usage: npm run bench -- face-engine [--iterations N (10; 1..100)] [--write]\n--write appends the result to docs/benchmarks/face-engine.md",
    );
    return;
  }
  const iterations = Math.min(100, Math.max(1, Number(values.iterations) || 10));
  const bundle = bundleSize();
  const engine = await startFaceEngineDev();
  try {
    const idle = engine.workerd();
    const portrait = fixture("portrait.jpg");
    const selfie = fixture("selfie.jpg");
    const jp2 = fixture("portrait.jp2");
    const webp = fixture("selfie.webp");
    const frames = [fixture("selfie.jpg"), fixture("selfie-dark.jpg"), fixture("portrait.jpg")];
    const pair = () => engine.post<{ memory: Memory }>("compare", { reference: portrait, probe: selfie });
    // First call of the isolate: tfjs and the models load here.
    const cold = await measure(engine, 1, pair);
    const warmImage = await measure(engine, iterations, () => engine.post("analyse", { image: selfie }));
    const warmWebpImage = await measure(engine, iterations, () => engine.post("analyse", { image: webp }));
    const warmPair = await measure(engine, iterations, pair);
    const warmJp2Pair = await measure(engine, iterations, () =>
      engine.post("compare", { reference: jp2, probe: selfie }),
    );
    const warmLiveness = await measure(engine, iterations, () => engine.post("liveness", { frames }));
    const after = engine.workerd();
    const afterPairs = warmJp2Pair.memory;
    const memory = warmLiveness.memory;
    const mb = (bytes: number | undefined) =>
      bytes === undefined ? "?" : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
    const rows: [string, string][] = [
      ["cold pair (first call: tfjs start, model load, 2 images)", `${cold.cpuMs.toFixed(0)} ms CPU`],
      ["warm image (decode, detect, align, embed; 224 px JPEG)", `${warmImage.cpuMs.toFixed(0)} ms CPU`],
      [
        "warm image, the same selfie as a 4 KB WebP (libwebp decode)",
        `${warmWebpImage.cpuMs.toFixed(0)} ms CPU`,
      ],
      ["warm pair (JPEG portrait vs JPEG selfie)", `${warmPair.cpuMs.toFixed(0)} ms CPU`],
      ["warm pair (JPEG 2000 portrait vs JPEG selfie)", `${warmJp2Pair.cpuMs.toFixed(0)} ms CPU`],
      [
        "warm liveness set (3 frames: 3 × detect, embed, 2 spoof models)",
        `${warmLiveness.cpuMs.toFixed(0)} ms CPU`,
      ],
      ["WASM heap after the pairs (it never shrinks: their peak)", mb(afterPairs?.wasmHeapBytes)],
      ["WASM heap after the liveness sets too", mb(memory?.wasmHeapBytes)],
      ["tensors held between calls (model weights)", mb(memory?.tensorBytes)],
      [
        "workerd resident memory idle → peak (whole process)",
        `${idle.rssMb.toFixed(0)} → ${after.peakRssMb.toFixed(0)} MB`,
      ],
      ["bundle (wrangler deploy --dry-run)", bundle],
    ];
    const width = Math.max(...rows.map(([k]) => k.length));
    const valueWidth = Math.max(...rows.map(([, v]) => v.length));
    const report = [
      `## ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC — \`npm run bench -- face-engine --iterations ${iterations}\``,
      "",
      `| ${"measure".padEnd(width)} | ${"result".padEnd(valueWidth)} |`,
      `| ${"-".repeat(width)} | ${"-".repeat(valueWidth)} |`,
      ...rows.map(([k, v]) => `| ${k.padEnd(width)} | ${v.padEnd(valueWidth)} |`),
      "",
      "CPU is workerd's process CPU time from /proc (utime + stime) around the calls, divided by the calls; it",
      "includes local overhead (HTTP, JSON and base64 of the development route), so it is an upper bound on",
      "the engine's CPU. Memory: the WASM heap as the tfjs backend reports it; workerd's peak RSS covers the",
      "whole local runtime (JS heap, buffers, code, every loaded module), so only its growth says anything",
      "about the engine; workerd exposes no per-isolate JS heap locally. Goal: ≤ 150 ms CPU per warm pair,",
      "≤ 100 MB peak.",
      "",
    ].join("\n");
    console.log(`\n${report}`);
    if (values.write) {
      appendBenchmarkReport("face-engine", report);
    }
  } finally {
    await engine.stop();
  }
}
