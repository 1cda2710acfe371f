/**
 * Takes turns on PGlite's one session for the socket server's many connections.
 *
 * Why not pglite-socket's own queue: it takes one protocol message at a time and hands the session to
 * another connection between them unless a transaction is open. But an extended-protocol query is a
 * run of messages (Parse, Bind, Describe, Execute, Sync) that share the unnamed statement and portal;
 * another connection's Bind in the middle replaces them, and the first connection gets
 * `portal "" does not exist`. The web server and the worker hit that under ordinary load. Here a
 * connection keeps the session from its first message of a run until its Sync (or simple Query)
 * completes, and for as long as it has a transaction open. A connection that dies holding the session
 * gets its transaction rolled back and its half-finished run closed, so the rest carry on.
 */
import type { PGlite } from "@electric-sql/pglite";

type Item = {
  handlerId: number;
  message: Uint8Array;
  onData: (data: Uint8Array) => void;
  resolve: (bytes: number) => void;
  reject: (error: unknown) => void;
};

const SYNC = 0x53; // 'S'
const QUERY = 0x51; // 'Q'
const TERMINATE = 0x58; // 'X'
const SYNC_MESSAGE = new Uint8Array([SYNC, 0, 0, 0, 4]);

export class SessionQueue {
  private queue: Item[] = [];
  private draining = false;
  /** The connection that holds the session: mid-run or in a transaction; null when free. */
  private owner: number | null = null;

  constructor(private readonly db: PGlite) {}

  enqueue(handlerId: number, message: Uint8Array, onData: (data: Uint8Array) => void): Promise<number> {
    return new Promise((resolve, reject) => {
      this.queue.push({ handlerId, message, onData, resolve, reject });
      void this.drain();
    });
  }

  getQueueLength(): number {
    return this.queue.length;
  }

  clearQueueForHandler(handlerId: number): void {
    this.queue = this.queue.filter((item) => {
      if (item.handlerId !== handlerId) return true;
      item.reject(new Error("Handler disconnected"));
      return false;
    });
  }

  /** Called when a connection goes away: whatever it held is undone and the session freed. */
  async clearTransactionIfNeeded(handlerId: number): Promise<void> {
    if (this.owner !== handlerId) return;
    // A run cut short may have left the session skipping messages until a Sync; send one.
    await this.db.runExclusive(() => this.db.execProtocolRawStream(SYNC_MESSAGE, { onRawData: () => undefined }));
    // exec() takes the same lock itself, so it runs outside runExclusive.
    if (this.db.isInTransaction()) await this.db.exec("ROLLBACK");
    this.owner = null;
    void this.drain();
  }

  private next(): Item | undefined {
    if (this.owner === null) return this.queue.shift();
    const index = this.queue.findIndex((item) => item.handlerId === this.owner);
    return index === -1 ? undefined : this.queue.splice(index, 1)[0];
  }

  private async drain(): Promise<void> {
    if (this.draining) return;
    this.draining = true;
    try {
      for (let item = this.next(); item; item = this.next()) {
        let bytes = 0;
        const current = item;
        try {
          await this.db.runExclusive(() =>
            this.db.execProtocolRawStream(current.message, {
              onRawData: (data) => {
                bytes += data.length;
                current.onData(data);
              },
            }),
          );
          current.resolve(bytes);
        } catch (error) {
          current.reject(error);
        }
        const type = current.message[0];
        const endsRun = type === SYNC || type === QUERY || type === TERMINATE;
        // The startup message begins with its length, not a type byte, and ends with ReadyForQuery.
        const isStartup = type === 0;
        this.owner = (endsRun || isStartup) && !this.db.isInTransaction() ? null : current.handlerId;
      }
    } finally {
      this.draining = false;
    }
  }
}
