import { getFeed } from "@/lib/api/v1/feed";

export const GET = getFeed.handle;
