import { inject } from "vitest";

// Before any test file imports lib/env: every module then connects to this run's database.
process.env.DATABASE_URL = inject("databaseUrl");
process.env.DATABASE_POOL_SIZE = "3";
