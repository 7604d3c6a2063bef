import { readFileSync } from "node:fs";
import { cloudflareTest } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

/** `import bytes from "./file.bin?bytes"`: binary test files as a Uint8Array inside workerd. */
function bytesImports() {
  return {
    name: "emrtd-bytes",
    enforce: "pre" as const,
    load(id: string) {
      if (!id.endsWith("?bytes")) return undefined;
      const base64 = readFileSync(id.slice(0, -"?bytes".length)).toString("base64");
      return `const text = atob(${JSON.stringify(base64)});\nconst bytes = new Uint8Array(text.length);\nfor (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);\nexport default bytes;\n`;
    },
  };
}

export default defineConfig({
  plugins: [
    bytesImports(),
    cloudflareTest({
      miniflare: { compatibilityDate: "2026-11-01", compatibilityFlags: ["nodejs_compat"] },
    }),
  ],
  test: { include: ["test/**/*.test.ts"], testTimeout: 60_000 },
});
