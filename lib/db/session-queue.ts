/**
 * Takes turns on PGlite's one session for the socket server's many connections. pglite-socket's own
 * queue switches connections between protocol messages, but an extended-protocol run (Parse … Sync)
 * shares the unnamed statement and portal, so another connection's Bind mid-run gives `portal "" does
 * not exist`. Here a connection keeps the session until its Sync (or simple Query) completes and while
 * a transaction is open; one that dies holding it has its transaction rolled back and its run closed.
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
