import { feedbackRoute } from "@/lib/api/v1/feedback";

export const POST = feedbackRoute.handle;
