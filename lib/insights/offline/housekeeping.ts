/**
 * Talk that is not about the subject: greetings and thanks, show housekeeping, and sponsor reads.
 * Sentences are judged one by one, except sponsor reads, which are judged as blocks: only their
 * first and last lines name the sponsor or its URL, and the copy between ("Best of all, it updates
 * your app as you push") reads like any other claim.
 */
import type { Sentence } from "@/lib/insights/offline/sentences";

const SMALL_TALK =
  /\b(?:welcome (?:back )?(?:to|on)\b|welcome,? \p{Lu}|thanks?(?: you)?(?: so much| very much)? for (?:having|joining|coming|being|listening|taking|the invite|doing|inviting)|happy to be (?:here|on)|glad to be (?:here|on)|great to (?:have|be|see|chat)|good to (?:have|be|see)|nice to (?:have|meet|see)|(?:a )?pleasure to (?:be|have|talk|chat)|excited to (?:be here|have)|thanks,? (?:everyone|everybody|all|guys)|see you (?:next|soon|later|then|around)|until next time|take care|have a (?:good|great) (?:one|day|week)|that's (?:all|it) (?:for|we have)|congratulations|congrats|happy (?:birthday|new year|holidays))/iu;

const HOUSEKEEPING =
  /\b(?:promo code|coupon code|discount code|use (?:the )?code|free trial|sign up (?:at|for|today|now)|get started (?:today|for free|at)|visit \S+\.\S+|check out \S+\.\S+|subscribe|rate (?:and|&) review|leave (?:us )?a review|show ?notes|newsletter|follow (?:me|us|the show|the podcast)|join (?:us|our) (?:on|in|at)|patreon|discord|slack channel|you're listening to|this is your host|i'm your host|your hosts?,? |live from|recorded (?:on )?(?:january|february|march|april|may|june|july|august|september|october|november|december)|episode (?:number )?\d+|(?:last|previous|next|this|today's) episode|(?:on|of) (?:the|this|today's) show|let's (?:get|dive|jump|kick|go ahead|start|begin|get into)|before we (?:get|start|begin|dive|jump|go)|we'?ll be right back|after the break|(?:on|over on|at) youtube|live ?stream|live chat|for those (?:of you )?(?:watching|listening)|our guest|my guest|our website|in the chat|(?:from|in|on) the audience|audience (?:question|member)|(?:i|we) (?:want to|wanna|'d like to|would like to|'ll|will) (?:touch on|talk about|dive into|get into|ask you|start with|mention|move on)|in the chapters|coming up (?:on|in|later|next|after)|later (?:in|on) (?:the|this|today's) (?:show|episode|program)|mastodon|fosstodon|twitter|linkedin|\S+\.(?:fm|com|io|org|net|app|dev)\/\S*)/iu;

const AD_START = /\b(?:brought to you by|sponsored by|(?:this|that) portion of|(?:our|today's) sponsor|thanks? to our sponsors?|a quick announcement)\b/i;
const AD_END = /\b(?:for supporting (?:the|this) show|supports? the show|visit \S+\.\S+|(?:at|to) \S+\.(?:fm|com|io|org|net|app|dev)\/\S+|that's \S+\.(?:fm|com|io|org|net|app|dev))/i;
/** The longest sponsor read we expect, in sentences. */
const AD_MAX_SENTENCES = 25;
/** A start line without a recognizable end: the read usually runs a few more lines. */
const AD_DEFAULT_SENTENCES = 4;

/** A sentence of greeting, thanks, sign-off or show housekeeping, or one naming the show itself. */
export function isHousekeeping(text: string, podcastTitle: string): boolean {
  const name = podcastTitle.trim().toLowerCase();
  return SMALL_TALK.test(text) || HOUSEKEEPING.test(text) || (name.length >= 4 && text.toLowerCase().includes(name));
}

/** Indices of the sentences inside sponsor reads: from a "brought to you by" to the read's last URL or thanks. */
export function sponsorReadSentences(sentences: Sentence[]): Set<number> {
  const marked = new Set<number>();
  for (let start = 0; start < sentences.length; start++) {
    if (!AD_START.test(sentences[start]!.original)) continue;
    // The read ends at its first URL or thanks, and runs on through any repeats right after it
    // ("Visit talkpython.fm/x. That's talkpython.fm/x. Thank you to X for supporting the show.").
    let end = -1;
    const limit = Math.min(sentences.length, start + AD_MAX_SENTENCES);
    for (let index = start; index < limit; index++) {
      if (!AD_END.test(sentences[index]!.original)) continue;
      if (end !== -1 && index - end > 3) break;
      end = index;
    }
    if (end === -1) end = Math.min(sentences.length - 1, start + AD_DEFAULT_SENTENCES);
    for (let index = start; index <= end; index++) {
      // A read is one voice: where the speaker changes, the conversation has resumed.
      if (sentences[index]!.turn !== sentences[start]!.turn) break;
      marked.add(index);
    }
  }
  return marked;
}
