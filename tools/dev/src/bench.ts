// `npm run bench [-- <suite> [options]]`: the benchmarks. Each suite is a module in `bench/` exporting
// `run(args)`; with no suite named, every suite runs with its defaults, one after another.
import { readdirSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

interface Suite {
  run(args: string[]): Promise<void>;
}

const suitesDir = join(dirname(fileURLToPath(import.meta.url)), "bench");
const suites = readdirSync(suitesDir)
  .filter((file) => file.endsWith(".ts"))
  .map((file) => basename(file, ".ts"))
  .sort();

async function load(name: string): Promise<Suite> {
  return (await import(pathToFileURL(join(suitesDir, `${name}.ts`)).href)) as Suite;
}

async function main(): Promise<number> {
  const [first, ...rest] = process.argv.slice(2);
  if (first === "--help" || first === "-h" || first === "help") {
    console.log(
      `usage: npm run bench -- [<suite> [options]]\nsuites: ${suites.join(", ")}\n` +
        "`npm run bench -- <suite> --help` shows a suite's options; with no suite every suite runs.",
    );
    return 0;
  }
  if (first && !first.startsWith("-")) {
    if (!suites.includes(first)) {
      console.error(`bench: unknown suite "${first}"; one of ${suites.join(", ")}`);
      return 2;
    }
    await (await load(first)).run(rest);
    return 0;
  }
  if (first) {
    console.error("bench: options go after a suite's name: npm run bench -- <suite> [options]");
    return 2;
  }
  for (const name of suites) {
    console.error(`[bench] ━━ ${name}`);
    await (await load(name)).run([]);
  }
  return 0;
}

main()
  .then((code) => process.exit(code))
  .catch((error: Error) => {
    console.error(`bench: ${error.message}`);
    process.exit(1);
  });
