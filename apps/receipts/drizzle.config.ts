import { defineConfig } from "drizzle-kit";

// Migrations are generated (`pnpm --filter @edgekyc/receipts db:generate`), never pushed.
export default defineConfig({
  dialect: "sqlite",
  schema: "./src/db/schema.ts",
  out: "./migrations",
});
