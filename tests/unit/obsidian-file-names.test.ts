/**
 * Obsidian note names from headlines: whatever a headline holds, the name opens on Windows, macOS
 * and Linux, links in Obsidian, fits the file system, and never overwrites another note in the zip.
 */
import { describe, expect, it } from "vitest";
import { obsidianFileStem, uniqueFileNames, yamlString } from "@/lib/exports/obsidian";

describe("Obsidian file names", () => {
  it("drops what an OS or an Obsidian link refuses, and dots or spaces at the ends", () => {
    expect(obsidianFileStem('a/b\\c:d*e?f"g<h>i|j#k^l[m]n')).toBe("a b c d e f g h i j k l m n");
    expect(obsidianFileStem("  ...hidden? no.  ")).toBe("hidden no");
    expect(obsidianFileStem("ends with dots...")).toBe("ends with dots");
    expect(obsidianFileStem("tab\tnew\nline\u0000nul\u200bzero-width")).toBe("tab new line nul zero-width");
  });

  it("names something when nothing is left, and steers clear of Windows device names", () => {
    expect(obsidianFileStem("/// ???")).toBe("Untitled insight");
    expect(obsidianFileStem("")).toBe("Untitled insight");
    expect(obsidianFileStem("con")).toBe("con insight");
    expect(obsidianFileStem("LPT1")).toBe("LPT1 insight");
    expect(obsidianFileStem("Console wars")).toBe("Console wars");
  });

  it("cuts long names by bytes at a character boundary, never inside an emoji or an accented letter", () => {
    for (const headline of ["word ".repeat(100), "é".repeat(200), "🚀".repeat(100), "日本語".repeat(60)]) {
      const stem = obsidianFileStem(headline);
      expect(new TextEncoder().encode(stem).length).toBeLessThanOrEqual(150);
      expect(stem.length).toBeGreaterThan(30);
      expect(headline.normalize("NFC").startsWith(stem)).toBe(true);
      expect(stem).toBe(stem.toWellFormed());
    }
  });

  it("numbers names that would collide, case and Unicode form aside", () => {
    expect(uniqueFileNames(["Chips", "chips", "Chips", "Chips 2", "Café", "Cafe\u0301".normalize("NFC")])).toEqual([
      "Chips.md",
      "chips 2.md",
      "Chips 3.md",
      "Chips 2 2.md",
      "Café.md",
      "Café 2.md",
    ]);
  });
});

describe("YAML strings", () => {
  it("escapes what a YAML stream may not hold bare", () => {
    expect(yamlString('say "hi"\\\n')).toBe('"say \\"hi\\"\\\\\\n"');
    expect(yamlString("a\u2028b\u0085c\ufeffd\u007f")).toBe('"a\\u2028b\\u0085c\\ufeffd\\u007f"');
    expect(yamlString("lone \ud800")).toBe('"lone \ufffd"');
  });
});
