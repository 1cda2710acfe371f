import { searchRoute } from "@/lib/api/v1/search";

export const GET = searchRoute.handle;
