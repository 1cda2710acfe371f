import { listTopicsRoute } from "@/lib/api/v1/topics";

export const GET = listTopicsRoute.handle;
