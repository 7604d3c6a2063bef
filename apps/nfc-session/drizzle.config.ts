import { defineConfig } from "drizzle-kit";

// Migrations are generated (`pnpm --filter @edgekyc/webhook-gateway db:generate`), never pushed.
export default defineConfig({
  dialect: "sqlite",
  schema: "./src/db/schema.ts",
  out: "./migrations",
});
