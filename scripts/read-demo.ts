/**
 * `npm run read:demo [-- --topics slug,slug] [-- --cards N]`: what a new reader of the demo sees,
 * printed to be read as a reader would. In a throwaway embedded database (a temp folder, removed at
 * the end) it loads the demo content (lib/ingest/demo-content.ts), extracts, embeds and relates it
 * with the configured extractor (offline with no configuration) as `npm run admin -- reprocess` does,
 * signs up a reader who follows what the end-to-end tests pick at onboarding ("Artificial
 * intelligence"), then prints the first cards of their feed (lib/feed/rank-feed.ts) and the brief
 * the "Send a brief now" action would send them (lib/brief/send-brief-now.ts): subject and items.
 * Everything goes through the app's own services; nothing here ranks or chooses.
 */
import { parseArgs } from "node:util";
import { loadDemoDatabase, openThrowawayDatabase } from "./demo-database";

/**
 * The new readers read: one who skips onboarding (the feed is then "everything new", best first) and
 * one who picks what the end-to-end tests pick (tests/e2e/reading.test.ts, brief.test.ts). `--topics`
 * names one reader's topics instead ("none": skips).
 */
const READERS: readonly (readonly string[])[] = [[], ["artificial-intelligence"]];

const { values } = parseArgs({
  options: { topics: { type: "string" }, cards: { type: "string", default: "20" } },
});
const readers = values.topics ? [values.topics === "none" ? [] : values.topics.split(",").map((slug) => slug.trim()).filter(Boolean)] : READERS;
const cardCount = Number.parseInt(values.cards, 10);

const database = await openThrowawayDatabase("podbrief-read-demo-");
const { db } = await import("@/lib/db");
const { followTopics } = await import("@/lib/topics/reader-topics");
const { finishOnboarding } = await import("@/lib/readers/reader-settings");
const { rankFeedForUser } = await import("@/lib/feed/rank-feed");
const { sendNextBriefNow } = await import("@/lib/brief/send-brief-now");
const { loadBrief } = await import("@/lib/brief/load-brief");
const { quoteToShow } = await import("@/lib/insights/quote-attribution");
type Card = import("@/lib/cards/insight-card").InsightCardData;

function printCard(position: number, card: Card, reason: string): void {
  console.log(`\n#${position}  ${card.headline}`);
  console.log(`    ${card.body}`);
  const quote = quoteToShow(card.body, card.quote);
  if (quote) console.log(`    quote: "${quote}"`);
  console.log(`    ${card.podcast.title} · ${card.episode.title}`);
  console.log(`    topics: ${card.topics.map((topic) => topic.name).join(", ") || "(none)"}  ·  ${reason}`);
}

async function main(): Promise<void> {
  const { loaded, extractor, report } = await loadDemoDatabase();
  const insights = await db.insight.count();
  console.log(
    `demo: ${loaded.podcasts} shows, ${loaded.transcripts} transcripts; ${extractor.id}: ${report.extracted} episodes extracted, ${report.failed.length} failed, ${insights} insights`,
  );

  for (const [i, slugs] of readers.entries()) await readAsNewReader(`new-reader-${i}@example.com`, slugs);
}

async function readAsNewReader(email: string, slugs: readonly string[]): Promise<void> {
  const topics = await db.topic.findMany({ where: { slug: { in: [...slugs] } }, select: { id: true, name: true } });
  if (topics.length !== slugs.length) throw new Error(`unknown topic among ${slugs.join(", ")}`);
  const reader = await db.user.create({ data: { email }, select: { id: true } });
  await followTopics(reader.id, topics.map((topic) => topic.id));
  await finishOnboarding(reader.id, null);
  const who = topics.length ? `a new reader following ${topics.map((topic) => topic.name).join(", ")}` : "a new reader who skipped onboarding";

  const feed = await rankFeedForUser(reader.id, { take: cardCount });
  console.log(`\n=== Feed: first ${feed.items.length} cards for ${who} ===`);
  feed.items.forEach((item, i) => printCard(i + 1, item.insight, item.reason));

  const briefDate = await sendNextBriefNow(reader.id, new Date());
  const brief = await loadBrief(reader.id, { briefDate });
  const mail = await db.mailMessage.findFirst({ where: { kind: "brief", to: email }, orderBy: { createdAt: "desc" }, select: { subject: true } });
  console.log(`\n=== Brief for ${who} (${brief?.status}): "${mail?.subject ?? "(no mail)"}" ===`);
  if (brief?.note) console.log(`note: ${brief.note}`);
  for (const item of brief?.items ?? []) printCard(item.position + 1, item.insight, item.reason);
}

try {
  await main();
} finally {
  await database.close();
}
