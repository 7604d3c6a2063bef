import { defineConfig } from "drizzle-kit";

// Migrations are generated (`pnpm --filter @edgekyc/accounts db:generate`), never pushed.
export default defineConfig({
  dialect: "sqlite",
  schema: "./src/schema.ts",
  out: "./migrations",
});
