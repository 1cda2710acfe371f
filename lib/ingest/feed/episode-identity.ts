/**
 * Which item is which, from one poll to the next. The feed's own GUID when it gives one; otherwise an
 * identity derived from what changes least: the enclosure URL (the audio is the episode), then the link
 * (some feeds point every item at the show's home page, so it comes second), then the title and date.
 * The same item gives the same identity on every poll, so an episode is never stored twice.
 */
import { createHash } from "node:crypto";

type Identity = { guid: string; guidDerived: boolean };

export function episodeIdentity(
  given: string | null,
  derivedFrom: { enclosureUrl: string | null; link: string | null; title: string | null; dateText: string | null },
): Identity | null {
  if (given) return { guid: given, guidDerived: false };
  const { enclosureUrl, link, title, dateText } = derivedFrom;
  if (enclosureUrl) return { guid: enclosureUrl, guidDerived: true };
  if (link) return { guid: link, guidDerived: true };
  if (!title && !dateText) return null;
  const digest = createHash("sha256").update(`${title ?? ""}\n${dateText ?? ""}`).digest("hex").slice(0, 32);
  return { guid: `title-date:${digest}`, guidDerived: true };
}

/** A title for an item that has none: the audio file's name, as podcast apps show it, or a plain stand-in. */
export function fallbackTitle(enclosureUrl: string | null): string {
  const file = enclosureUrl?.split(/[?#]/)[0]?.split("/").pop() ?? "";
  let name = file;
  try {
    name = decodeURIComponent(file);
  } catch {
    // A malformed escape: the name as written is still better than none.
  }
  const stem = name.replace(/\.[A-Za-z0-9]{1,5}$/, "").trim();
  return stem || "Untitled episode";
}
