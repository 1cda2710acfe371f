/** A throwaway in-memory embedded database server for benches, in a process of its own; prints "URL <url>". */
import { startEmbeddedServer } from "@/lib/db/embedded-server";

const server = await startEmbeddedServer({ port: 0 });
process.stdout.write(`URL ${server.url}\n`);
process.on("SIGTERM", () => void server.stop().then(() => process.exit(0)));
// Stays up until stopped: the listening socket keeps the process alive.
