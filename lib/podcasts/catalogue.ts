/**
 * The starter catalogue: well-known shows a new reader can add with one click. Their feeds are
 * fetched like any other (so, offline, adding one reports that the feed could not be reached).
 */
export type CatalogueEntry = { title: string; feedUrl: string; description: string };

export const catalogue: readonly CatalogueEntry[] = [
  { title: "Practical AI", feedUrl: "https://changelog.com/practicalai/feed", description: "Making artificial intelligence practical, productive and accessible to everyone." },
  { title: "The Changelog", feedUrl: "https://changelog.com/podcast/feed", description: "Conversations with the hackers, leaders and innovators of the software world." },
  { title: "Talk Python To Me", feedUrl: "https://talkpython.fm/episodes/rss", description: "Python and the people who use it, from data science to the web." },
  { title: "Planet Money", feedUrl: "https://feeds.npr.org/510289/podcast.xml", description: "The economy, explained, from NPR." },
  { title: "The Daily", feedUrl: "https://feeds.simplecast.com/54nAGcIl", description: "The biggest stories of our time, from The New York Times." },
  { title: "Hard Fork", feedUrl: "https://feeds.simplecast.com/l2i9YnTd", description: "The future of technology, as it happens, from The New York Times." },
  { title: "Lex Fridman Podcast", feedUrl: "https://lexfridman.com/feed/podcast/", description: "Long conversations about AI, science, technology, history and power." },
  { title: "Acquired", feedUrl: "https://feeds.transistor.fm/acquired", description: "The stories and strategies behind great companies." },
  { title: "Huberman Lab", feedUrl: "https://feeds.megaphone.fm/hubermanlab", description: "Science and science-based tools for everyday life." },
  { title: "Podnews Weekly Review", feedUrl: "https://podnews.net/rss", description: "News about podcasting, every week." },
  { title: "Podcasting 2.0", feedUrl: "https://mp3s.nashownotes.com/pc20rss.xml", description: "The show about the open podcast namespace, with transcripts and chapters." },
];

const sameTitle = (title: string) => title.normalize("NFKC").toLocaleLowerCase("en").replace(/^the\s+/, "").replace(/\s+/g, " ").trim();

/**
 * The catalogue less the shows this Podbrief already has. A show counts as had by its feed
 * address or by its title: the demo's copy of Practical AI is read from a local file, not from
 * changelog.com, and offering to add it again would make a second copy of the same show.
 */
export function suggestedShows(known: readonly { feedUrl: string; title: string }[]): CatalogueEntry[] {
  const feeds = new Set(known.map((podcast) => podcast.feedUrl));
  const titles = new Set(known.map((podcast) => sameTitle(podcast.title)));
  return catalogue.filter((entry) => !feeds.has(entry.feedUrl) && !titles.has(sameTitle(entry.title)));
}
