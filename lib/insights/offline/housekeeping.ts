/**
 * Talk that is not about the subject: greetings and thanks, intros and outros, show housekeeping,
 * weather, listener mail, app plugs, and sponsor reads.
 * Sentences are judged one by one, except sponsor reads, which are judged as blocks: only their
 * first and last lines name the sponsor or its URL, and the copy between ("Best of all, it updates
 * your app as you push") reads like any other claim.
 */
import type { Sentence } from "@/lib/insights/offline/sentences";

const SMALL_TALK =
  /\b(?:welcome (?:back )?(?:to|on)\b|welcome,? \p{Lu}|thanks?(?: you)?(?: so much| very much)? for (?:having|joining|coming|being|listening|taking|the invite|doing|inviting)|happy to be (?:here|on)|glad to be (?:here|on)|great to (?:have|be|see|chat)|good to (?:have|be|see)|nice to (?:have|meet|see)|(?:a )?pleasure to (?:be|have|talk|chat)|excited to (?:be here|have)|thanks,? (?:everyone|everybody|all|guys)|see you (?:next|soon|later|then|around)|until next time|take care|have a (?:good|great) (?:one|day|week)|that's (?:all|it) (?:for|we have)|congratulations|congrats|happy (?:birthday|new year|holidays))/iu;

const HOUSEKEEPING =
  /\b(?:promo code|coupon code|discount code|use (?:the )?code|free trial|sign up (?:at|for|today|now)|get started (?:today|for free|at)|visit \S+\.\S+|check out \S+\.\S+|subscribe|rate (?:and|&) review|leave (?:us )?a review|show ?notes|newsletter|follow (?:me|us|the show|the podcast)|join (?:us|our) (?:on|in|at)|patreon|discord|slack channel|you're listening to|this is your host|i'm your host|your hosts?,? |live from|recorded (?:on )?(?:january|february|march|april|may|june|july|august|september|october|november|december)|episode (?:number )?\d+|(?:last|previous|next|this|today's) episode|(?:on|of) (?:the|this|today's) show|let's (?:get|dive|jump|kick|go ahead|start|begin|get into)|before we (?:get|start|begin|dive|jump|go)|we'?ll be right back|after the break|(?:on|over on|at) youtube|live ?stream|live chat|for those (?:of you )?(?:watching|listening)|our guest|my guest|our website|in the chat|(?:from|in|on) the audience|audience (?:question|member)|(?:i|we) (?:want to|wanna|'d like to|would like to|'ll|will) (?:touch on|talk about|dive into|get into|ask you|start with|mention|move on)|in the chapters|coming up (?:on|in|later|next|after)|later (?:in|on) (?:the|this|today's) (?:show|episode|program)|mastodon|fosstodon|twitter|linkedin|\S+\.(?:fm|com|io|org|net|app|dev)\/\S*)/iu;

// Chit-chat about the weather where the hosts are.
const WEATHER =
  /\b(?:the weather|weather (?:here|there|is|was|has been|'s been|today|this week)|(?:it'?s|it is|it was|it's been|it has been) (?:so |really |very |super |pretty |absolutely |just )?(?:hot|cold|freezing|raining|pouring|snowing|sunny|humid|chilly|windy|boiling|scorching|gorgeous|miserable)(?: (?:here|out|outside|today|this week|over here|where (?:I|we) (?:am|are|live))\b|[.!,]|$)|\d+ degrees|(?:heat ?wave|snow ?storm|thunderstorm|blizzard|hurricane season|humidity|sunshine|snowfall)|(?:rain|snow)(?:ing|ed)? (?:all|every) (?:day|week|morning)|(?:got|had|have|get) (?:a foot of |some |so much |more )?(?:snow|rain)\b)/i;

// Listeners' messages read out: email, voicemail, boosts, reviews.
const LISTENER_MAIL =
  /\b(?:(?:a |one of our |our |this )?listeners? (?:wrote|writes|sent|emailed|asked|asks|messaged|left us|called in)|(?:wrote|writes|emailed|called) in\b|(?:got|received|have|had) (?:an? |this |some |another )?(?:email|e-mail|message|letter|note|voicemail|comment|boost|boostagram)s? (?:from|in from)|boostagrams?|boosts? from|mailbag|voicemails?|listener (?:mail|message|messages|question|questions|email|emails|feedback)|(?:emails?|messages?|letters?|notes?) from (?:our )?listeners?|sent (?:us|in) (?:an? )?(?:email|message|note|question|voice memo)|(?:thanks|thank you),? \p{Lu}\p{Ll}+,? for (?:the|your) (?:boost|email|message|note|review|comment|question))/iu;

// Plugs for an app: the show's own or one to try.
const APP_PLUG =
  /\b(?:download (?:our|the|a|a new|the new|this) (?:\w+ )?(?:podcast )?app|get (?:our|the) (?:free |new )?app|(?:our|the show's) (?:new |free )?app (?:is )?(?:available|out|live)|(?:app|play) store|google play|available (?:on|for) (?:ios|android|iphone)|(?:check out|try|want to check out) (?:a|our) new (?:podcast )?app|click on apps|(?:ios|android) app (?:is )?(?:out|available|live))/i;

// Openings and sign-offs of the show itself.
const INTRO_OUTRO =
  /\b(?:(?:hello|hi|hey),? (?:and welcome|everyone|everybody|folks|all|there)|good (?:morning|afternoon|evening),? (?:everyone|everybody|folks|and welcome)|thanks? (?:you )?(?:so much |all |everyone )?for listening|that's (?:the latest|all (?:for|from) (?:us|today|this week))|(?:catch|see|talk to) you (?:next|in the next|on the next)|on (?:today's|this week's) (?:show|episode)|(?:today|this week) on the (?:show|podcast)|happy (?:friday|monday)|wherever you get your podcasts|(?:in|on) (?:this|today's) episode|we (?:also )?(?:unpack|dig into|break down)|plus,? we (?:also )?(?:discuss|talk about|cover|get into)|you'll (?:hear|learn|find out))\b/i;

// Notes to the host company's customers: "a quick note for our Buzzsprout listeners".
const CUSTOMER_NOTE = /\b(?:a (?:quick|short) note (?:for|to)|(?:for|to) (?:all )?(?:our|you) \p{Lu}\w+ (?:listeners|customers|users|members|subscribers))\b/u;

// Ads: "20% off", "a 90 day trial", "use code".
const PROMOTION = /\b(?:sponsored by|brought to you by|\d+\s?%\s?off|\d+[- ]day (?:free )?trial|special (?:offer|discount|trial)|first (?:month|year) free|exclusive (?:offer|discount)|offer code)\b/i;

const AD_START = /\b(?:brought to you by|sponsored by|(?:a )?word from our sponsors?|(?:this|that) portion of|(?:our|today's) sponsor|thanks? to our sponsors?|a quick announcement)\b/i;
const AD_END = /\b(?:for supporting (?:the|this) show|supports? the show|visit \S+\.\S+|(?:at|to) \S+\.(?:fm|com|io|org|net|app|dev)\b|that's \S+\.(?:fm|com|io|org|net|app|dev))/i;
/** After its URL, a read often closes with a line or two more ("Just click Courses in the nav bar…") before the turn ends. */
const AD_TAIL_SENTENCES = 3;
/** The longest sponsor read we expect, in sentences. */
const AD_MAX_SENTENCES = 25;
/** A start line without a recognizable end: the read usually runs a few more lines. */
const AD_DEFAULT_SENTENCES = 4;

/**
 * The patterns above joined, one regex per set of flags: every sentence of an episode is asked, and
 * one scan for any alternative is cheaper than one scan per pattern. Each opens on a word boundary,
 * which is tested once for all of them rather than once per pattern at every place in the text (half the scan).
 */
function joinByFlags(patterns: RegExp[]): RegExp[] {
  const byFlags = new Map<string, string[]>();
  for (const pattern of patterns) {
    if (!pattern.source.startsWith("\\b")) throw new Error(`a housekeeping pattern opens on a word boundary: /${pattern.source.slice(0, 40)}…/`);
    byFlags.set(pattern.flags, [...(byFlags.get(pattern.flags) ?? []), `(?:${pattern.source.slice(2)})`]);
  }
  return [...byFlags].map(([flags, sources]) => new RegExp(`\\b(?:${sources.join("|")})`, flags));
}
const NOT_ABOUT_THE_SUBJECT = joinByFlags([SMALL_TALK, HOUSEKEEPING, WEATHER, LISTENER_MAIL, APP_PLUG, INTRO_OUTRO, PROMOTION, CUSTOMER_NOTE]);

/** A sentence of greeting, thanks, sign-off, show housekeeping, weather, listener mail, an app plug or a promotion, or one naming the show itself. */
export function isHousekeeping(text: string, podcastTitle: string): boolean {
  const name = podcastTitle.trim().toLowerCase();
  return NOT_ABOUT_THE_SUBJECT.some((pattern) => pattern.test(text)) || (name.length >= 4 && text.toLowerCase().includes(name));
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
    // A read that ends its turn a few lines after its URL takes those lines with it.
    const turn = sentences[start]!.turn;
    let tail = end + 1;
    while (tail < sentences.length && tail - end <= AD_TAIL_SENTENCES && sentences[tail]!.turn === turn) tail++;
    if (tail - end <= AD_TAIL_SENTENCES && (tail === sentences.length || sentences[tail]!.turn !== turn)) end = tail - 1;
    for (let index = start; index <= end; index++) {
      // A read is one voice: where the speaker changes, the conversation has resumed.
      if (sentences[index]!.turn !== turn) break;
      marked.add(index);
    }
  }
  return marked;
}
