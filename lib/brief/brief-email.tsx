/**
 * The brief as an email: subject, HTML (react-email: tables and inline styles, what mail clients
 * render) and a hand-written plain-text part, since an HTML-to-text dump buries the links in noise.
 * All reader and podcast text goes through React as text, so it is escaped: never use
 * dangerouslySetInnerHTML here. Links must be http(s): a bad URL fails the render, not a reader.
 */
import "server-only";
import { Body, Column, Container, Head, Heading, Hr, Html, Img, Link, Preview, Row, Section, Text } from "@react-email/components";
import { render } from "@react-email/render";
import type { CSSProperties } from "react";
import { z } from "zod";
import { artworkImageUrl } from "@/lib/artwork/artwork-url";
import { monogramFor } from "@/lib/artwork/monogram";
import { asSaidLabel, quoteToShow } from "@/lib/insights/quote-attribution";
import { formatCount, formatTimestamp } from "@/lib/format";

export type BriefEmailItem = {
  headline: string;
  body: string;
  /** Verbatim from the transcript; shown after the body unless it is the body's words. */
  quote: string;
  speaker: string | null;
  /** Seconds into the episode where the quote was said, or null for an untimed transcript. */
  saidAt: number | null;
  podcastTitle: string;
  episodeTitle: string;
  /** The episode's or show's artwork base (`/art/<hash>`, served by this app), or null for the show's monogram. */
  artwork: string | null;
  /** Why it was chosen, e.g. "You follow AI geopolitics · 3 shows discussed this". */
  reason: string;
  insightUrl: string;
  moreUrl: string;
  lessUrl: string;
};

/** A saved insight come back at the end of the brief ("From your saved"). */
export type BriefEmailSavedReturn = {
  headline: string;
  body: string;
  podcastTitle: string;
  episodeTitle: string;
  insightUrl: string;
  /** "Don't show again": a signed link to the page that confirms it. */
  stopUrl: string;
};

/** A moment one of the reader's alerts found: the brief's "Alerts" section. */
export type BriefEmailAlert = {
  phrase: string;
  /** The sentence around the mention, or the insight close in meaning. */
  snippet: string;
  podcastTitle: string;
  episodeTitle: string;
  /** Seconds into the episode, or null for an untimed transcript. */
  saidAt: number | null;
  /** Plays from the mention (the episode's audio at that second, or the insight's page), or null. */
  playUrl: string | null;
};

export type BriefEmailProps = {
  readerName: string | null;
  /** e.g. "Monday 30 November" */
  dateLabel: string;
  items: BriefEmailItem[];
  /** What the reader's alerts found since the last brief; none by default. */
  alerts?: BriefEmailAlert[];
  /** Why there are fewer than five, or null. */
  note: string | null;
  /** One saved insight come back, after the brief's own items; null for none. */
  savedReturn?: BriefEmailSavedReturn | null;
  webUrl: string;
  unsubscribeUrl: string;
  settingsUrl: string;
  appUrl: string;
};

export type RenderedBriefEmail = { subject: string; html: string; text: string };

const webUrl = z.url({ protocol: /^https?$/, error: "must be an http(s) URL" });

const briefEmailPropsSchema = z.object({
  readerName: z.string().nullable(),
  dateLabel: z.string().min(1),
  items: z.array(
    z.object({
      headline: z.string().min(1),
      body: z.string(),
      quote: z.string(),
      speaker: z.string().nullable(),
      saidAt: z.number().nonnegative().nullable(),
      podcastTitle: z.string(),
      episodeTitle: z.string(),
      artwork: z.string().regex(/^\/art\/[\w-]+$/, "must be an /art/<hash> path").nullable(),
      reason: z.string(),
      insightUrl: webUrl,
      moreUrl: webUrl,
      lessUrl: webUrl,
    }),
  ),
  alerts: z
    .array(
      z.object({
        phrase: z.string().min(1),
        snippet: z.string(),
        podcastTitle: z.string(),
        episodeTitle: z.string(),
        saidAt: z.number().nonnegative().nullable(),
        playUrl: webUrl.nullable(),
      }),
    )
    .default([]),
  note: z.string().nullable(),
  savedReturn: z
    .object({ headline: z.string().min(1), body: z.string(), podcastTitle: z.string(), episodeTitle: z.string(), insightUrl: webUrl, stopUrl: webUrl })
    .nullable()
    .optional(),
  webUrl,
  unsubscribeUrl: webUrl,
  settingsUrl: webUrl,
  appUrl: webUrl,
}) satisfies z.ZodType<BriefEmailProps>;

// Subjects past ~80 characters are cut off by most inboxes anyway; cut them at a word ourselves.
const SUBJECT_HEADLINE_MAX = 80;
// Inboxes show 90-140 characters of preheader: room for two more headlines, each cut at a word.
const PREVIEW_HEADLINE_MAX = 60;
const WHY_YOU_GET_THIS = "You get this email because you turned on the Podbrief brief for your account.";

export async function renderBriefEmail(props: BriefEmailProps): Promise<RenderedBriefEmail> {
  const input = briefEmailPropsSchema.parse(props);
  const subject = input.items.length === 0 && input.alerts.length > 0 ? alertsSubject(input.alerts) : briefSubject(input.items);
  const html = await render(<BriefEmail {...input} subject={subject} />);
  return { subject, html, text: briefText(input) };
}

/** The top headline, which is what makes a brief worth opening, and how many more there are. */
function briefSubject(items: BriefEmailItem[]): string {
  const [top] = items;
  if (!top) return "No new insights today";
  const headline = truncateAtWord(singleLine(top.headline), SUBJECT_HEADLINE_MAX);
  return items.length === 1 ? headline : `${headline}, and ${items.length - 1} more`;
}

/** A brief of alert matches alone: what was said, and where. */
function alertsSubject(alerts: BriefEmailAlert[]): string {
  const phrases = [...new Set(alerts.map((alert) => singleLine(alert.phrase)))];
  const more = phrases.length > 1 ? ` and ${phrases.length - 1} more of your alerts` : "";
  return truncateAtWord(`“${phrases[0]}”${more} mentioned on ${singleLine(alerts[0]!.podcastTitle)}`, SUBJECT_HEADLINE_MAX);
}

function alertWhere(alert: BriefEmailAlert): string {
  const at = alert.saidAt === null ? "" : `, at ${formatTimestamp(alert.saidAt)}`;
  return `${[alert.podcastTitle, alert.episodeTitle].filter((part) => part.trim() !== "").join(" · ")}${at}`;
}

/**
 * The preheader, the inbox line after the subject. The subject already carries the top headline,
 * so this sums up the rest: the next headlines, then how many in all and from which shows.
 */
function previewText({ dateLabel, items }: BriefEmailProps): string {
  if (items.length === 0) return `${dateLabel}: nothing new from your shows today.`;
  const shows = [...new Set(items.map((item) => singleLine(item.podcastTitle)).filter(Boolean))];
  const named = shows.length <= 3 ? joinList(shows) : `${shows.slice(0, 2).join(", ")} and ${shows.length - 2} more shows`;
  const from = `${countInsights(items.length)} from ${named}.`;
  const next = items.slice(1, 3).map((item) => truncateAtWord(singleLine(item.headline).replace(/[.!?]+$/, ""), PREVIEW_HEADLINE_MAX));
  return next.length ? `Also: ${next.join(" · ")}. ${from}` : `${dateLabel}: ${from}`;
}

function greeting(readerName: string | null, count: number): string {
  const name = readerName?.trim();
  const intro = count === 1 ? "here is 1 insight picked for you" : `here are ${count} insights picked for you`;
  return name ? `Hi ${name}, ${intro}.` : `${intro[0]!.toUpperCase()}${intro.slice(1)}.`;
}

/** "Show · Episode" */
function sourceLine(item: Pick<BriefEmailItem, "podcastTitle" | "episodeTitle">): string {
  return [item.podcastTitle, item.episodeTitle].filter((part) => part.trim() !== "").join(" · ");
}

/** "as said by Ana Ruiz, at 12:34": after the quote, or after the body when that is the quote's words. */
function saidLine(item: BriefEmailItem): string {
  return asSaidLabel(item.saidAt, item.speaker);
}

function BriefEmail(props: BriefEmailProps & { subject: string }) {
  const { dateLabel, items, note } = props;
  return (
    <Html lang="en">
      <Head>
        <title>{props.subject}</title>
        <meta name="color-scheme" content="light dark" />
        <meta name="supported-color-schemes" content="light dark" />
        <style>{DARK_MODE_CSS}</style>
      </Head>
      <Preview>{previewText(props)}</Preview>
      <Body style={styles.body} className="pb-page">
        <Container style={styles.container} className="pb-card">
          <Text style={styles.eyebrow} className="pb-link">
            Podbrief
          </Text>
          <Heading as="h1" style={styles.title} className="pb-ink">
            {`Your brief for ${dateLabel}`}
          </Heading>
          <Text style={styles.paragraph} className="pb-ink">{greeting(props.readerName, items.length)}</Text>
          {note ? (
            <Text style={styles.note} className="pb-note">
              {note}
            </Text>
          ) : null}
          {items.map((item, index) => (
            <Section key={index} style={styles.item}>
              <Hr style={styles.rule} className="pb-rule" />
              <Heading as="h2" style={styles.headline}>
                <Link href={item.insightUrl} style={styles.headlineLink} className="pb-ink">
                  {item.headline}
                </Link>
              </Heading>
              <Text style={styles.paragraph} className="pb-ink">
                {item.body}
              </Text>
              {quoteToShow(item.body, item.quote) ? <Text style={styles.quote} className="pb-ink pb-quote">{`“${item.quote.trim()}”`}</Text> : null}
              <Text style={styles.said} className="pb-muted">
                {saidLine(item)}
              </Text>
              <SourceRow item={item} appUrl={props.appUrl} />
              {item.reason ? <Text style={styles.reason} className="pb-muted">
                  {item.reason}
                </Text> : null}
              <Text style={styles.actions}>
                <Link href={item.moreUrl} style={styles.link} className="pb-link">
                  More like this
                </Link>
                <span style={styles.separator}>·</span>
                <Link href={item.lessUrl} style={styles.link} className="pb-link">
                  Less like this
                </Link>
              </Text>
            </Section>
          ))}
          {props.alerts && props.alerts.length > 0 ? (
            <Section>
              <Hr style={styles.rule} className="pb-rule" />
              <Heading as="h2" style={styles.headline} className="pb-ink">
                Alerts
              </Heading>
              {props.alerts.map((alert, index) => (
                <Section key={index} style={styles.item}>
                  <Text style={styles.source} className="pb-ink">{`“${alert.phrase}”`}</Text>
                  <Text style={styles.quote} className="pb-ink pb-quote">
                    {alert.snippet}
                  </Text>
                  <Text style={styles.said} className="pb-muted">
                    {alertWhere(alert)}
                    {alert.playUrl ? (
                      <>
                        <span style={styles.separator}>·</span>
                        <Link href={alert.playUrl} style={styles.link} className="pb-link">
                          {alert.saidAt === null ? "Listen" : "Play from here"}
                        </Link>
                      </>
                    ) : null}
                  </Text>
                </Section>
              ))}
            </Section>
          ) : null}
          {props.savedReturn ? <SavedReturnSection saved={props.savedReturn} /> : null}
          <Hr style={styles.rule} className="pb-rule" />
          <Section>
            <Text style={styles.footerLinks}>
              <Link href={props.webUrl} style={styles.footerLink} className="pb-muted">
                View in browser
              </Link>
              <span style={styles.separator}>·</span>
              <Link href={props.settingsUrl} style={styles.footerLink} className="pb-muted">
                Brief settings
              </Link>
              <span style={styles.separator}>·</span>
              <Link href={props.unsubscribeUrl} style={styles.footerLink} className="pb-muted">
                Unsubscribe
              </Link>
            </Text>
            <Text style={styles.footer} className="pb-muted">
              {WHY_YOU_GET_THIS}{" "}
              <Link href={props.appUrl} style={styles.footerLink} className="pb-muted">
                Open Podbrief
              </Link>
            </Text>
          </Section>
        </Container>
      </Body>
    </Html>
  );
}

/** "From your saved": its own section after the brief's items, never one of them. */
function SavedReturnSection({ saved }: { saved: BriefEmailSavedReturn }) {
  return (
    <Section style={styles.item}>
      <Hr style={styles.rule} className="pb-rule" />
      <Text style={styles.eyebrow} className="pb-link">
        {SAVED_RETURN_TITLE}
      </Text>
      <Heading as="h2" style={styles.headline}>
        <Link href={saved.insightUrl} style={styles.headlineLink} className="pb-ink">
          {saved.headline}
        </Link>
      </Heading>
      <Text style={styles.paragraph} className="pb-ink">
        {saved.body}
      </Text>
      <Text style={styles.source} className="pb-ink">
        {sourceLine(saved)}
      </Text>
      <Text style={styles.actions}>
        <Link href={saved.stopUrl} style={styles.link} className="pb-link">
          {"Don't show again"}
        </Link>
      </Text>
    </Section>
  );
}

const SAVED_RETURN_TITLE = "From your saved";

const ART_SIZE = 40;

/** Artwork, then "Show · Episode". The image is ours, absolute, and JPEG: mail clients fetch it from this app, and not all read WebP. */
function SourceRow({ item, appUrl }: { item: BriefEmailItem; appUrl: string }) {
  const monogram = item.artwork ? null : monogramFor(item.podcastTitle);
  return (
    <Row style={styles.sourceRow}>
      <Column style={{ width: `${ART_SIZE + 12}px`, verticalAlign: "middle" }}>
        {item.artwork ? (
          <Img src={`${appUrl}${artworkImageUrl(item.artwork, ART_SIZE, "jpg")}`} width={ART_SIZE} height={ART_SIZE} alt="" style={styles.art} />
        ) : (
          // A cell, not an image: it shows even where images are blocked. Hex, since Outlook reads no hsl().
          <Text style={{ ...styles.monogram, backgroundColor: monogram!.background, color: monogram!.foreground }}>{monogram!.initials}</Text>
        )}
      </Column>
      <Column style={{ verticalAlign: "middle" }}>
        <Text style={styles.source} className="pb-ink">
          {sourceLine(item)}
        </Text>
      </Column>
    </Row>
  );
}

/** The plain-text part: numbered items, each link on its own line so every client makes it clickable. */
function briefText(props: BriefEmailProps): string {
  const lines: string[] = [`Your brief for ${props.dateLabel}`, "", greeting(props.readerName, props.items.length)];
  if (props.note) lines.push("", props.note);
  props.items.forEach((item, index) => {
    const indent = " ".repeat(`${index + 1}. `.length);
    const indented = (text: string) => text.split(/\r?\n/).map((line) => (line.trim() ? indent + line.trimEnd() : ""));
    lines.push("", `${index + 1}. ${singleLine(item.headline)}`);
    if (item.body.trim()) lines.push(...indented(item.body.trim()));
    if (quoteToShow(item.body, item.quote)) lines.push(...indented(`“${item.quote.trim()}”`));
    lines.push(indent + saidLine(item), indent + sourceLine(item));
    if (item.reason) lines.push(`${indent}Why: ${singleLine(item.reason)}`);
    lines.push(`${indent}Read: ${item.insightUrl}`, `${indent}More like this: ${item.moreUrl}`, `${indent}Less like this: ${item.lessUrl}`);
  });
  if (props.alerts?.length) {
    lines.push("", "Alerts");
    for (const alert of props.alerts) {
      lines.push("", `“${singleLine(alert.phrase)}”`, `  ${singleLine(alert.snippet)}`, `  ${alertWhere(alert)}`);
      if (alert.playUrl) lines.push(`  Play from here: ${alert.playUrl}`);
    }
  }
  if (props.savedReturn) {
    const saved = props.savedReturn;
    lines.push("", `${SAVED_RETURN_TITLE}:`, "", singleLine(saved.headline));
    if (saved.body.trim()) lines.push(saved.body.trim());
    lines.push(sourceLine(saved), `Read: ${saved.insightUrl}`, `Don't show again: ${saved.stopUrl}`);
  }
  lines.push(
    "",
    // Not "-- ": clients fold everything after that line away as a signature, unsubscribe included.
    "---",
    `View in browser: ${props.webUrl}`,
    `Brief settings: ${props.settingsUrl}`,
    `Unsubscribe: ${props.unsubscribeUrl}`,
    "",
    WHY_YOU_GET_THIS,
    props.appUrl,
    "",
  );
  return lines.join("\n");
}

function singleLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

function truncateAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  // The space may sit just past the last kept character: then the whole last word still fits.
  const lastSpace = text.slice(0, max).lastIndexOf(" ");
  const cut = lastSpace > max / 2 ? text.slice(0, lastSpace) : text.slice(0, max - 1);
  return `${cut.replace(/[\s,;:.-]+$/, "")}…`;
}

function joinList(parts: string[]): string {
  if (parts.length <= 1) return parts.join("");
  return `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)}`;
}

function countInsights(count: number): string {
  return formatCount(count, "insight");
}

const FONT = '-apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';
const INK = "#1f2328";
const MUTED = "#5f6670";
const BRAND = "#1d5fd6";

/**
 * Dark mode for clients that honour prefers-color-scheme (Apple Mail, iOS, Outlook for Mac,
 * Thunderbird). The light colours stay inline, so a client that drops <style> or ignores the
 * query (Gmail) shows the light email as designed, never a half-dark mix. !important is needed
 * to win over the inline styles; [data-ogsc] is how Outlook.com marks its own dark mode.
 */
const DARK = { page: "#0f1115", card: "#1a1d23", ink: "#e6e8eb", muted: "#a3a9b2", brand: "#8db4ff", rule: "#2f343c", note: "#232831" };
const DARK_MODE_CSS = `@media (prefers-color-scheme: dark) { ${darkRules("")} } ${darkRules("[data-ogsc] ")}`;

function darkRules(scope: string): string {
  return [
    `${scope}.pb-page { background-color: ${DARK.page} !important; }`,
    `${scope}.pb-card { background-color: ${DARK.card} !important; }`,
    `${scope}.pb-ink { color: ${DARK.ink} !important; }`,
    `${scope}.pb-muted { color: ${DARK.muted} !important; }`,
    `${scope}.pb-link { color: ${DARK.brand} !important; }`,
    `${scope}.pb-rule { border-color: ${DARK.rule} !important; }`,
    `${scope}.pb-quote { border-left-color: ${DARK.rule} !important; }`,
    `${scope}.pb-note { background-color: ${DARK.note} !important; color: ${DARK.muted} !important; }`,
  ].join(" ");
}

const styles = {
  body: { backgroundColor: "#f4f4f1", fontFamily: FONT, color: INK, margin: 0, padding: "24px 0" },
  container: { backgroundColor: "#ffffff", borderRadius: "8px", padding: "28px 32px", maxWidth: "560px" },
  eyebrow: { color: BRAND, fontSize: "13px", fontWeight: 700, letterSpacing: "0.04em", textTransform: "uppercase", margin: "0 0 4px" },
  title: { fontSize: "22px", lineHeight: "30px", fontWeight: 700, margin: "0 0 8px" },
  paragraph: { fontSize: "16px", lineHeight: "25px", margin: "0 0 12px" },
  note: { fontSize: "15px", lineHeight: "23px", color: MUTED, backgroundColor: "#f4f6fa", borderRadius: "6px", padding: "10px 14px", margin: "4px 0 12px" },
  item: { margin: 0 },
  rule: { borderColor: "#e6e6e1", margin: "20px 0" },
  headline: { fontSize: "19px", lineHeight: "26px", fontWeight: 700, margin: "0 0 8px" },
  headlineLink: { color: INK, textDecorationLine: "none" },
  quote: { fontSize: "15px", lineHeight: "23px", fontStyle: "italic", color: INK, borderLeft: "3px solid #d5d7dc", padding: "0 0 0 12px", margin: "0 0 4px" },
  said: { fontSize: "13px", lineHeight: "19px", color: MUTED, margin: "0 0 10px" },
  source: { fontSize: "14px", lineHeight: "20px", color: INK, fontWeight: 600, margin: 0 },
  sourceRow: { margin: "0 0 6px" },
  art: { display: "block", borderRadius: "6px" },
  monogram: { width: `${ART_SIZE}px`, height: `${ART_SIZE}px`, lineHeight: `${ART_SIZE}px`, borderRadius: "6px", textAlign: "center", fontSize: "15px", fontWeight: 700, margin: 0 },
  reason: { fontSize: "13px", lineHeight: "19px", color: MUTED, margin: "0 0 10px" },
  actions: { fontSize: "14px", lineHeight: "20px", margin: 0 },
  separator: { color: MUTED, padding: "0 10px" },
  link: { color: BRAND, textDecorationLine: "underline" },
  footerLinks: { fontSize: "13px", lineHeight: "20px", margin: "0 0 8px" },
  footerLink: { color: MUTED, textDecorationLine: "underline" },
  footer: { fontSize: "12px", lineHeight: "18px", color: MUTED, margin: 0 },
} satisfies Record<string, CSSProperties>;
