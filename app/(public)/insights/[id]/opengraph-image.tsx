/**
 * The card a shared insight link unfurls to in chat apps and social sites: its headline, the show
 * (its stored artwork, or the monogram tile it has everywhere else) and the Podbrief mark, 1200×630 PNG.
 * Rendered per request, as the insight's headline is read from the database; next/og's own font.
 */
import { ImageResponse } from "next/og";
import { monogramFor } from "@/lib/artwork/monogram";
import { getInsightShareCard } from "@/lib/cards/insight-page";

export const alt = "An insight on Podbrief";
export const size = { width: 1200, height: 630 };
export const contentType = "image/png";
export const dynamic = "force-dynamic";

const BRAND = "#1d5fd6";
const INK = "#0f172a";
const MUTED = "#475569";

/** Long headlines step down a size so that four lines hold them. */
function headlineSize(headline: string): number {
  if (headline.length <= 60) return 68;
  if (headline.length <= 100) return 58;
  return 48;
}

const ARTWORK_SIZE = 96;

function ShowArtwork({ name, jpeg }: { name: string; jpeg: Uint8Array | null }) {
  const box = { width: ARTWORK_SIZE, height: ARTWORK_SIZE, borderRadius: 16 };
  if (jpeg) {
    return <img src={`data:image/jpeg;base64,${Buffer.from(jpeg).toString("base64")}`} alt="" width={ARTWORK_SIZE} height={ARTWORK_SIZE} style={box} />;
  }
  const monogram = monogramFor(name);
  return <div style={{ ...box, background: monogram.background, color: monogram.foreground, display: "flex", alignItems: "center", justifyContent: "center", fontSize: 40 }}>{monogram.initials}</div>;
}

export default async function Image({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const insight = await getInsightShareCard(id);
  if (!insight) return new Response("Not found", { status: 404 });
  return new ImageResponse(
    (
      <div style={{ width: "100%", height: "100%", display: "flex", flexDirection: "column", background: "#ffffff", color: INK, padding: "64px 72px", borderTop: `16px solid ${BRAND}` }}>
        <div style={{ display: "flex", alignItems: "center", gap: 24 }}>
          <ShowArtwork name={insight.podcastTitle} jpeg={insight.artworkJpeg} />
          <div style={{ display: "flex", flexDirection: "column", flex: 1, minWidth: 0 }}>
            <div style={{ fontSize: 34, color: INK, lineClamp: 1, display: "block" }}>{insight.podcastTitle}</div>
            <div style={{ fontSize: 26, color: MUTED, lineClamp: 1, display: "block", marginTop: 4 }}>{insight.episodeTitle}</div>
          </div>
        </div>
        <div style={{ display: "flex", flex: 1, alignItems: "center" }}>
          <div style={{ fontSize: headlineSize(insight.headline), lineHeight: 1.15, lineClamp: 4, display: "block" }}>{insight.headline}</div>
        </div>
        <div style={{ display: "flex", alignItems: "center", gap: 16 }}>
          <div style={{ width: 52, height: 52, borderRadius: 12, background: BRAND, color: "#ffffff", display: "flex", alignItems: "center", justifyContent: "center", fontSize: 30 }}>P</div>
          <div style={{ fontSize: 34, color: INK }}>Podbrief</div>
          <div style={{ fontSize: 26, color: MUTED, marginLeft: "auto" }}>Insights from the podcasts you follow</div>
        </div>
      </div>
    ),
    { ...size, headers: { "Cache-Control": "public, max-age=3600" } },
  );
}
