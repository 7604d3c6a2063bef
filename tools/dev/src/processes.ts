import { spawn } from "node:child_process";
import { join } from "node:path";
import { repoRoot } from "./apps.ts";

export function wranglerBin(): string {
  return join(repoRoot, "tools/dev/node_modules/.bin/wrangler");
}

/** Runs a command; rejects with its last output lines when it fails. */
export function runChecked(
  command: string,
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; quiet?: boolean },
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      if (!options.quiet) process.stdout.write(chunk);
    };
    child.stdout.on("data", collect);
    child.stderr.on("data", collect);
    child.on("error", reject);
    child.on("exit", (code) => {
      if (code === 0) resolve(output);
      else
        reject(
          new Error(
            `${command} ${args.join(" ")} failed (${code}):\n${output.split("\n").slice(-30).join("\n")}`,
          ),
        );
    });
  });
}
