/**
 * `npm run -s mcp`: the MCP server over stdio, for an assistant on this computer (Claude Desktop, an
 * IDE). It reads the configured database (the embedded one while `npm start` runs, or DATABASE_URL)
 * and acts for the reader whose personal access token is in PODBRIEF_TOKEN, as the HTTP endpoint
 * (app/api/mcp) does. stdout carries the protocol, so every log line goes to stderr (and `-s` keeps
 * npm's own header off stdout).
 */
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { verifyAccessToken } from "@/lib/api/access-tokens";
import { db } from "@/lib/db";
import { EnvError } from "@/lib/env";
import { SafeError } from "@/lib/errors";
import { closeQueue } from "@/lib/jobs/enqueue";
import { plainLines, setLogDestination } from "@/lib/log";
import { createPodbriefMcpServer } from "@/lib/mcp/podbrief-mcp";

setLogDestination(plainLines(2));

async function main(): Promise<number> {
  try {
    const identity = await verifyAccessToken(process.env.PODBRIEF_TOKEN, "read");
    const server = createPodbriefMcpServer({ userId: identity.userId, canWrite: identity.scope === "write" });
    const closed = new Promise<void>((resolve) => process.stdin.once("close", resolve));
    await server.connect(new StdioServerTransport());
    // Serves until the client closes stdin.
    await closed;
    await server.close();
    return 0;
  } catch (error) {
    if (error instanceof SafeError && error.code === "unauthorized") {
      console.error("podbrief mcp: PODBRIEF_TOKEN must hold a personal access token (make one in Settings, API access).");
      return 1;
    }
    if (error instanceof EnvError || error instanceof SafeError) {
      console.error(`podbrief mcp: ${error.message}`);
      return 1;
    }
    if (/ECONNREFUSED/.test(String((error as { code?: string }).code ?? error))) {
      console.error("podbrief mcp: cannot reach the database: start the app (npm start) or set DATABASE_URL");
      return 1;
    }
    throw error;
  } finally {
    await closeQueue();
    await db.$disconnect();
  }
}

process.exitCode = await main();
