import { defineConfig } from "prisma/config";

// The URL only matters to Prisma CLI commands that connect; the app builds its own client (lib/db.ts).
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:54329/postgres" },
});
