/**
 * The immediate email for alerts set to "email": the reader's new matches, each with the sentence
 * around the mention and a link to play from it. Text goes through React as text, so it is escaped.
 */
import "server-only";
import { Body, Container, Heading, Hr, Html, Link, Preview, Section, Text } from "@react-email/components";
import { render } from "@react-email/render";
import { formatTimestamp } from "@/lib/format";
import type { AlertMatchView } from "@/lib/alerts/alerts";

export type AlertEmail = { subject: string; html: string; text: string };

/** An app path made absolute; a media URL (already absolute) stays as it is. */
function absolute(href: string, appUrl: string): string {
  return href.startsWith("/") ? `${appUrl}${href}` : href;
}

function subjectFor(matches: AlertMatchView[]): string {
  const phrases = [...new Set(matches.map((match) => match.phrase))];
  const shows = [...new Set(matches.map((match) => match.podcast.title))];
  const said = `“${phrases[0]}”${phrases.length > 1 ? ` and ${phrases.length - 1} more` : ""}`;
  return `${said} on ${shows[0]}${shows.length > 1 ? ` and ${shows.length - 1} more` : ""}`;
}

function whereSaid(match: AlertMatchView): string {
  const at = match.startSeconds === null ? "" : ` at ${formatTimestamp(match.startSeconds)}`;
  return `${match.podcast.title} · ${match.episode.title}${at}${match.kind === "meaning" ? " (close in meaning)" : ""}`;
}

export async function renderAlertEmail(matches: AlertMatchView[], { appUrl }: { appUrl: string }): Promise<AlertEmail> {
  const subject = subjectFor(matches);
  const alertsUrl = `${appUrl}/alerts`;
  const html = await render(
    <Html lang="en">
      <Preview>{subject}</Preview>
      <Body style={{ fontFamily: "-apple-system, Segoe UI, Roboto, Arial, sans-serif", color: "#1f2328" }}>
        <Container style={{ maxWidth: "560px", padding: "24px" }}>
          <Heading as="h1" style={{ fontSize: "20px" }}>
            Your alerts were mentioned
          </Heading>
          {matches.map((match) => (
            <Section key={match.id}>
              <Hr />
              <Text style={{ fontWeight: 700, margin: "0 0 4px" }}>{`“${match.phrase}”`}</Text>
              <Text style={{ fontStyle: "italic", margin: "0 0 4px" }}>{match.snippet}</Text>
              <Text style={{ color: "#5f6670", fontSize: "13px", margin: "0 0 4px" }}>{whereSaid(match)}</Text>
              {match.playHref ? <Link href={absolute(match.playHref, appUrl)}>{match.startSeconds === null ? "Listen" : `Play from ${formatTimestamp(match.startSeconds)}`}</Link> : null}
            </Section>
          ))}
          <Hr />
          <Text style={{ fontSize: "12px", color: "#5f6670" }}>
            You get this email because you asked for these alerts by email. <Link href={alertsUrl}>Change or remove your alerts</Link>
          </Text>
        </Container>
      </Body>
    </Html>,
  );
  const lines = ["Your alerts were mentioned", ""];
  for (const match of matches) {
    lines.push(`“${match.phrase}”`, `  ${match.snippet}`, `  ${whereSaid(match)}`);
    if (match.playHref) lines.push(`  Play: ${absolute(match.playHref, appUrl)}`);
    lines.push("");
  }
  lines.push("---", `Change or remove your alerts: ${alertsUrl}`, "");
  return { subject, html, text: lines.join("\n") };
}
