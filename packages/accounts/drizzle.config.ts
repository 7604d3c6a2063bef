import { defineConfig } from "drizzle-kit";

// Migrations are generated (`pnpm --filter @edgekyc/platform db:generate`), never pushed.
export default defineConfig({
  dialect: "sqlite",
  schema: "./src/accounts/schema.ts",
  out: "./migrations",
});
