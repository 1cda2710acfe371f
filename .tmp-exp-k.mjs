import fs from "node:fs";
import { XMLParser } from "fast-xml-parser";
import sanitizeHtml from "sanitize-html";
const dir = "/work/shared/corpus/feeds/";
const files = fs.readdirSync(dir).filter(f => !f.endsWith(".json")).map(f => fs.readFileSync(dir + f, "utf8").replace(/^\s+/, "").replace(/^<\?xml[^>]*>/, ""));
const base = { ignoreAttributes: false, parseTagValue: false, htmlEntities: true, jPath: false, ignoreDeclaration: true, ignorePiTags: true, stopNodes: ["..content:encoded", "..description", "..itunes:summary", "..content", "..summary"] };
function t(label, fn, n = 10) { fn(); const s = performance.now(); for (let i = 0; i < n; i++) fn(); return ((performance.now() - s) / n); }
for (let r = 0; r < 3; r++) {
  const a = t("obj", () => { for (const x of files) new XMLParser(base).parse(x); });
  const b = t("ordered", () => { for (const x of files) new XMLParser({ ...base, preserveOrder: true }).parse(x); });
  const c = t("obj-nostop", () => { for (const x of files) new XMLParser({ ...base, stopNodes: [] }).parse(x); });
  const d = t("ordered-nostop", () => { for (const x of files) new XMLParser({ ...base, preserveOrder: true, stopNodes: [] }).parse(x); });
  console.log("obj", a.toFixed(0), "ordered", b.toFixed(0), "obj-nostop", c.toFixed(0), "ordered-nostop", d.toFixed(0));
}
const htmls = [];
for (const x of files) { const o = new XMLParser(base).parse(x); for (const it of [].concat(o.rss?.channel?.item ?? [])) { const h = it["content:encoded"] ?? it.description; if (typeof h === "string" && h.includes("<")) htmls.push(h.replace(/<!\[CDATA\[|\]\]>/g, "")); } }
const so = (dec) => ({ allowedTags: ["p","br","a","ul","ol","li","strong","em","b","i","blockquote","h2","h3","h4","code","pre"], allowedAttributes: { a: ["href","rel","target"] }, allowedSchemes: ["http","https","mailto"], parser: { decodeEntities: dec }, transformTags: { a: (n, at) => ({ tagName: "a", attribs: { href: at.href, rel: "x", target: "_blank" } }) } });
for (let r = 0; r < 2; r++) {
  const e = t("", () => { for (const h of htmls) sanitizeHtml(h, so(true)); }, 5);
  const f = t("", () => { for (const h of htmls) sanitizeHtml(h, so(false)); }, 5);
  console.log("sanitize decode", e.toFixed(0), "nodecode", f.toFixed(0), htmls.length);
}
