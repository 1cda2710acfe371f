/**
 * `npx tsx --tsconfig tsconfig.node.json scripts/generate-icons.ts`: draws the favicon and app icons
 * from the logo mark (components/logo-mark.tsx) with Chromium, the browser the tests already use, so
 * no image library is needed. Run it when the mark changes and commit what it writes:
 * - app/icon.svg, app/favicon.ico (16, 32 and 48 px PNGs) and app/apple-icon.png (180 px, square:
 *   iOS rounds it), which Next links from every page;
 * - public/icons/icon-192.png, icon-512.png (rounded, for "any") and icon-maskable-512.png (full
 *   bleed, the letter inside the safe circle), which the web manifest lists.
 */
import fs from "node:fs";
import path from "node:path";
import { LOGO_BRAND_COLOR, LOGO_LETTER_PATH } from "@/components/logo-mark";
import { launchBrowser } from "@/tests/helpers/browser";

const root = path.resolve(import.meta.dirname, "..");

function markSvg({ rounded }: { rounded: boolean }): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">`,
    `<rect width="32" height="32"${rounded ? ' rx="7"' : ""} fill="${LOGO_BRAND_COLOR}"/>`,
    `<path d="${LOGO_LETTER_PATH}" fill="#fff" fill-rule="evenodd"/>`,
    `</svg>`,
  ].join("");
}

/** An ICO file holding PNG images, which every browser since Vista-era IE reads. */
function icoFromPngs(images: { size: number; png: Buffer }[]): Buffer {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(images.length, 4);
  let offset = 6 + 16 * images.length;
  const entries = images.map(({ size, png }) => {
    const entry = Buffer.alloc(16);
    entry.writeUInt8(size >= 256 ? 0 : size, 0);
    entry.writeUInt8(size >= 256 ? 0 : size, 1);
    entry.writeUInt16LE(1, 4);
    entry.writeUInt16LE(32, 6);
    entry.writeUInt32LE(png.length, 8);
    entry.writeUInt32LE(offset, 12);
    offset += png.length;
    return entry;
  });
  return Buffer.concat([header, ...entries, ...images.map((image) => image.png)]);
}

async function main() {
  const browser = await launchBrowser();
  const page = await browser.newPage();
  async function render(svg: string, size: number): Promise<Buffer> {
    await page.setViewportSize({ width: size, height: size });
    await page.setContent(`<html><body style="margin:0"><img src="data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}" width="${size}" height="${size}" style="display:block"></body></html>`);
    return page.screenshot({ omitBackground: true, type: "png" });
  }
  const rounded = markSvg({ rounded: true });
  const square = markSvg({ rounded: false });
  const write = (file: string, data: string | Buffer) => {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), data);
    console.log(`wrote ${file}`);
  };
  write("app/icon.svg", `${rounded}\n`);
  const icoSizes = [16, 32, 48];
  // One page renders one size at a time.
  const icoImages: { size: number; png: Buffer }[] = [];
  for (const size of icoSizes) icoImages.push({ size, png: await render(rounded, size) });
  write("app/favicon.ico", icoFromPngs(icoImages));
  write("app/apple-icon.png", await render(square, 180));
  write("public/icons/icon-192.png", await render(rounded, 192));
  write("public/icons/icon-512.png", await render(rounded, 512));
  write("public/icons/icon-maskable-512.png", await render(square, 512));
  await browser.close();
}

await main();
