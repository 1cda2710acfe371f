/**
 * Feed bytes to text. A BOM, the XML declaration and the HTTP charset may disagree, and all are often
 * wrong. A BOM cannot be wrong by accident, so it wins; then valid UTF-8 is read as UTF-8 whatever the
 * labels say (other encodings are almost never valid UTF-8, while UTF-8 feeds declaring ISO-8859-1 are
 * common). Only other bytes follow a label: the declaration (written with the bytes), then the HTTP
 * charset (often a server default), then Windows-1252, the usual culprit.
 */
import { fixWindows1252 } from "@/lib/ingest/windows-1252";
import { isUtf8 } from "node:buffer";

const DECLARED_ENCODING = /^\s*<\?xml[^>]*?\sencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/;
const CHARSET = /charset\s*=\s*"?([A-Za-z0-9._:-]+)/i;

export function decodeFeedBody(body: Buffer | string, contentType?: string | null): string {
  if (typeof body === "string") return body;
  const bomEncoding = encodingFromBom(body);
  if (bomEncoding) return new TextDecoder(bomEncoding).decode(body);
  if (isUtf8(body)) return body.toString("utf8");

  const declared = DECLARED_ENCODING.exec(body.subarray(0, 512).toString("latin1"))?.[1];
  const fromHeader = contentType ? CHARSET.exec(contentType)?.[1] : undefined;
  for (const label of [declared, fromHeader]) {
    const decoder = label ? decoderFor(label) : null;
    // UTF-8 has been ruled out; single-byte text that calls itself UTF-16 is mistaken (real UTF-16 has a
    // BOM or zero bytes, caught above).
    if (decoder && decoder.encoding !== "utf-8" && !decoder.encoding.startsWith("utf-16")) return decode(decoder, body);
  }
  return decode(new TextDecoder("windows-1252"), body);
}

function decode(decoder: TextDecoder, bytes: Buffer): string {
  const text = decoder.decode(bytes);
  if (decoder.encoding !== "windows-1252") return text;
  return fixWindows1252(text);
}

function encodingFromBom(bytes: Buffer): string | null {
  const [a, b, c, d] = bytes;
  if (a === 0xef && b === 0xbb && c === 0xbf) return "utf-8";
  if (a === 0xff && b === 0xfe) return "utf-16le";
  if (a === 0xfe && b === 0xff) return "utf-16be";
  // UTF-16 without a BOM still starts with "<?" or "<r", a zero byte beside each letter.
  if (a === 0x3c && b === 0x00 && c !== 0x00 && d === 0x00) return "utf-16le";
  if (a === 0x00 && b === 0x3c && c === 0x00 && d !== 0x00) return "utf-16be";
  return null;
}

function decoderFor(label: string): TextDecoder | null {
  try {
    return new TextDecoder(label);
  } catch {
    return null;
  }
}
