/**
 * Takes turns on PGlite's one session for the socket server's many connections. pglite-socket's own
 * queue switches connections between protocol messages, but an extended-protocol run (Parse … Sync)
 * shares the unnamed statement and portal, so another connection's Bind mid-run gives `portal "" does
 * not exist`. Here a connection keeps the session until its Sync (or simple Query) completes and while
 * a transaction is open; one that dies holding it has its transaction rolled back and its run closed.
 *
 * The one session also holds one set of named prepared statements for every connection: the second
 * connection to prepare a name the session already holds, with the same text, would get `prepared
 * statement already exists`, so its Parse is answered by parsing nothing instead. Every connection
 * then runs the statement planned once (see PREPARED in lib/db.ts).
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
const PARSE = 0x50; // 'P'
const CLOSE = 0x43; // 'C'
const PARSE_COMPLETE = 0x31; // '1'
const SYNC_MESSAGE = new Uint8Array([SYNC, 0, 0, 0, 4]);
/** Parse of the empty query into the unnamed statement: answers ParseComplete, or nothing in a failed run, as the Parse it stands for would. */
const PARSE_NOTHING = new Uint8Array([PARSE, 0, 0, 0, 8, 0, 0, 0, 0]);

/** The name a Parse or a Close of a statement ('S') gives, or "" for the unnamed one. */
function statementName(message: Uint8Array): string {
  const start = message[0] === CLOSE ? 6 : 5;
  if (message[0] === CLOSE && message[5] !== 0x53) return "";
  const end = message.indexOf(0, start);
  return Buffer.from(message.buffer, message.byteOffset + start, Math.max(0, end - start)).toString("utf8");
}

export class SessionQueue {
  private queue: Item[] = [];
  private draining = false;
  /** The connection that holds the session: mid-run or in a transaction; null when free. */
  private owner: number | null = null;
  /** Named statements the session holds, by name: the Parse message that made each. */
  private prepared = new Map<string, string>();

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

  /** For a Parse of a named statement: its name, its message, and whether the session already holds it as given. */
  private namedParse(message: Uint8Array): { name: string; text: string; held: boolean } | null {
    if (message[0] !== PARSE) return null;
    const name = statementName(message);
    if (name === "") return null;
    const text = Buffer.from(message.buffer, message.byteOffset, message.byteLength).toString("latin1");
    return { name, text, held: this.prepared.get(name) === text };
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
        let firstByte: number | undefined;
        const current = item;
        const parsing = this.namedParse(current.message);
        try {
          const message = parsing?.held ? PARSE_NOTHING : current.message;
          await this.db.runExclusive(() =>
            this.db.execProtocolRawStream(message, {
              onRawData: (data) => {
                firstByte ??= data[0];
                bytes += data.length;
                current.onData(data);
              },
            }),
          );
          if (parsing && !parsing.held && firstByte === PARSE_COMPLETE) this.prepared.set(parsing.name, parsing.text);
          if (current.message[0] === CLOSE) this.prepared.delete(statementName(current.message));
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
