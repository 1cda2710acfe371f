import { exportOpml } from "@/lib/podcasts/podcast-library";
import { getCurrentUser } from "@/lib/session";

/** The reader's podcasts as OPML, to take to any other podcast app. */
export async function GET() {
  const user = await getCurrentUser();
  if (!user) return Response.json({ error: "Sign in to export your podcasts." }, { status: 401 });
  return new Response(await exportOpml(user.id), {
    headers: {
      "Content-Type": "text/x-opml; charset=utf-8",
      "Content-Disposition": 'attachment; filename="podbrief-podcasts.opml"',
      "Cache-Control": "private, no-store",
    },
  });
}
