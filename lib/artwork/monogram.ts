/**
 * The tile a show without artwork gets: its initials on a colour chosen from its name, so the same
 * show has the same tile on every page, in the email and in the share image. Pure, for server and
 * client code alike.
 */

export type Monogram = { initials: string; background: string; foreground: string };

// Words that would give every "The … Show" the same initials.
const SKIPPED = new Set(["the", "a", "an", "of", "and", "&", "with", "podcast", "show"]);

/** Initials of a show's name: the first letters of its first two telling words, or "?" for none. */
export function monogramInitials(name: string): string {
  const words = name.normalize("NFKC").match(/[\p{L}\p{N}][\p{L}\p{N}'’.-]*/gu) ?? [];
  const telling = words.filter((word) => !SKIPPED.has(word.toLowerCase()));
  const chosen = (telling.length ? telling : words).slice(0, 2);
  const initials = chosen.map((word) => Array.from(word)[0] ?? "").join("").toLocaleUpperCase();
  return initials || "?";
}

/** FNV-1a: a small, stable string hash; the colour must not change between releases. */
function hashName(name: string): number {
  let hash = 0x811c9dc5;
  for (const char of name) {
    hash ^= char.codePointAt(0) ?? 0;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** An HSL colour as #rrggbb: mail clients such as Outlook do not read hsl(). */
function hslToHex(hue: number, saturation: number, lightness: number): string {
  const a = saturation * Math.min(lightness, 1 - lightness);
  const channel = (n: number) => {
    const k = (n + hue / 30) % 12;
    return Math.round(255 * (lightness - a * Math.max(-1, Math.min(k - 3, 9 - k, 1))))
      .toString(16)
      .padStart(2, "0");
  };
  return `#${channel(0)}${channel(8)}${channel(4)}`;
}

/**
 * A deterministic tile for a show, in hex so every page, the email and the share image use one value.
 * Saturation and lightness are fixed so white initials keep a contrast of at least 4.5:1 on every
 * hue (the lightest hue, yellow, at 28% lightness gives 5.3:1).
 */
export function monogramFor(name: string): Monogram {
  const hue = hashName(name.trim().toLowerCase()) % 360;
  return { initials: monogramInitials(name), background: hslToHex(hue, 0.55, 0.28), foreground: "#ffffff" };
}
