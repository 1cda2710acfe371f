/**
 * The worker's neighbour index on disk, so a restarted worker loads it and catches up on what was
 * related since instead of rebuilding the whole graph, which is slow at scale. A snapshot is only a
 * head start: the database stays the truth, and a missing, stale or damaged snapshot costs a rebuild,
 * never a wrong answer.
 */
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { moduleLog } from "@/lib/log";

const log = moduleLog("relate");

const metaSchema = z.object({
  embedderId: z.string(),
  dimensions: z.number().int().positive(),
  cursor: z.object({ relatedAt: z.string(), id: z.string() }).nullable(),
  storedAt: z.array(z.tuple([z.string(), z.number()])),
});

export type SnapshotMeta = z.infer<typeof metaSchema>;

function paths(dir: string, embedderId: string) {
  const base = path.join(dir, embedderId.replace(/[^a-zA-Z0-9._-]+/g, "_"));
  return { index: `${base}.idx`, meta: `${base}.json` };
}

/** Writes in chunks: a million 512-d vectors are over 2 GB, past what one write call takes. */
function writeWhole(file: string, buffer: Buffer): void {
  const fd = fs.openSync(file, "w");
  try {
    for (let offset = 0; offset < buffer.length; ) offset += fs.writeSync(fd, buffer, offset, Math.min(buffer.length - offset, 1 << 30));
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

function readWhole(file: string): Buffer {
  const fd = fs.openSync(file, "r");
  try {
    const size = fs.fstatSync(fd).size;
    const buffer = Buffer.allocUnsafe(size);
    for (let offset = 0; offset < size; ) {
      const read = fs.readSync(fd, buffer, offset, Math.min(size - offset, 1 << 30), offset);
      if (read === 0) throw new Error(`${file} ended early`);
      offset += read;
    }
    return buffer;
  } finally {
    fs.closeSync(fd);
  }
}

/** Index first, then the metadata naming its cursor, each by rename: a crash in between leaves a cursor older than the index, which catching up repairs. */
export function saveSnapshot(dir: string, meta: SnapshotMeta, index: Buffer): void {
  fs.mkdirSync(dir, { recursive: true });
  const target = paths(dir, meta.embedderId);
  writeWhole(`${target.index}.tmp`, index);
  fs.renameSync(`${target.index}.tmp`, target.index);
  writeWhole(`${target.meta}.tmp`, Buffer.from(JSON.stringify(meta)));
  fs.renameSync(`${target.meta}.tmp`, target.meta);
}

/** The saved snapshot for this embedder, or null when there is none or it cannot be read. */
export function loadSnapshot(dir: string, embedderId: string, dimensions: number): { meta: SnapshotMeta; index: Buffer } | null {
  const target = paths(dir, embedderId);
  try {
    // The folder is chosen at run time; without these hints `next build` traces the whole project into the app.
    if (!fs.existsSync(/* turbopackIgnore: true */ target.meta) || !fs.existsSync(/* turbopackIgnore: true */ target.index)) return null;
    const meta = metaSchema.parse(JSON.parse(fs.readFileSync(/* turbopackIgnore: true */ target.meta, "utf8")));
    if (meta.embedderId !== embedderId || meta.dimensions !== dimensions) return null;
    return { meta, index: readWhole(target.index) };
  } catch (error) {
    log.warn({ err: error }, "ignoring the saved neighbour index; rebuilding it from the database");
    return null;
  }
}
