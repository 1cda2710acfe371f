/**
 * Talk Python 554 ("Trustworthy AI in healthcare", tests/corpus) and two things Sumit Gundawar says
 * in it, word for word: quotes a scripted model answer can cite, so the extractor grounds them.
 */
export const TRUSTWORTHY_AI_FILE = "talkpython_554-trustworthy-ai-in-healthcare.vtt";
// Said at 08:07.5–08:18.3.
export const USUALLY_RIGHT = "I think in a high stakes environment, what would happen is the answer is not a problem. The answer is usually right. But the keyword here is the usually part.";
// Said at 24:40.88–24:46.98.
export const TEN_MILLION = "I think it would take about 10 million pounds, like, you know, just to have the infrastructure and the server ready to have.";
