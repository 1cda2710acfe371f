import { SafeError } from "@/lib/errors";

/** A feed that cannot be read. The message is written for the reader: "the feed is empty". */
export class FeedParseError extends SafeError {
  constructor(
    message: string,
    /** When the address was a web page that names its feed: that feed's address, to offer instead. */
    readonly discoveredFeedUrl: string | null = null,
  ) {
    super(message, "feed_unreadable");
    this.name = "FeedParseError";
  }
}
