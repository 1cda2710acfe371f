/**
 * A brief thread's body (see brief-threads.ts): chooses the briefs it is asked for, reading through
 * its own database client, and answers with the choices. It never writes: the main thread stores.
 */
import { parentPort } from "node:worker_threads";
import { chooseBriefsForMany } from "@/lib/brief/choose-brief";
import { chooseMessage, type ChosenMessage } from "@/lib/brief/brief-thread-messages";

const port = parentPort!;
port.on("message", async (message: unknown) => {
  const { id, requests, now } = chooseMessage.parse(message);
  let answer: ChosenMessage;
  try {
    answer = { id, choices: [...(await chooseBriefsForMany(requests, now))] };
  } catch (error) {
    answer = { id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  port.postMessage(answer);
});
