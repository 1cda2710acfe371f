import { describe, expect, it } from "vitest";
import { renderBriefEmail, type BriefEmailItem, type BriefEmailProps } from "@/lib/brief/brief-email";

const APP = "https://podbrief.example.com";

function item(n: number, overrides: Partial<BriefEmailItem> = {}): BriefEmailItem {
  return {
    headline: `Insight number ${n} changes how you think about chips`,
    body: `The body of insight ${n}, in a sentence or two.`,
    quote: `Well, so insight ${n} is what we kept coming back to, you know.`,
    speaker: null,
    saidAt: 754,
    podcastTitle: `Show ${n}`,
    episodeTitle: `Episode ${n}`,
    artwork: null,
    reason: `You follow AI geopolitics · ${n} shows discussed this`,
    insightUrl: `${APP}/b/click/tok-${n}?x=1&y=2`,
    moreUrl: `${APP}/b/more/tok-${n}`,
    lessUrl: `${APP}/b/less/tok-${n}`,
    ...overrides,
  };
}

function brief(overrides: Partial<BriefEmailProps> = {}): BriefEmailProps {
  return {
    readerName: "Ana",
    dateLabel: "Monday 30 November",
    items: [1, 2, 3, 4, 5].map((n) => item(n)),
    note: null,
    webUrl: `${APP}/b/view/tok-web`,
    unsubscribeUrl: `${APP}/b/unsubscribe/tok-unsub`,
    settingsUrl: `${APP}/settings`,
    appUrl: APP,
    ...overrides,
  };
}

/** The href values of every link in the HTML, decoded as a browser would read them. */
function hrefs(html: string): string[] {
  return [...html.matchAll(/<a [^>]*href="([^"]*)"/g)].map((match) => match[1]!.replaceAll("&amp;", "&"));
}

describe("brief email", () => {
  it("names the top headline in the subject and how many more there are", async () => {
    expect((await renderBriefEmail(brief())).subject).toBe("Insight number 1 changes how you think about chips, and 4 more");
    expect((await renderBriefEmail(brief({ items: [item(7)] }))).subject).toBe("Insight number 7 changes how you think about chips");
    expect((await renderBriefEmail(brief({ items: [] }))).subject).toBe("No new insights today");
  });

  it("carries alert matches as their own section, and names them in the subject when there is nothing else", async () => {
    const alert = {
      phrase: "Nvidia H20",
      snippet: "Washington <b>banned</b> the Nvidia H20 outright.",
      podcastTitle: "Chip War Weekly",
      episodeTitle: "Who gets the H20?",
      saidAt: 754,
      playUrl: "https://cdn.example.com/ep.mp3#t=754",
    };
    const alone = await renderBriefEmail(brief({ items: [], alerts: [alert, { ...alert, phrase: "export controls", saidAt: null, playUrl: null }] }));
    expect(alone.subject).toBe("“Nvidia H20” and 1 more of your alerts mentioned on Chip War Weekly");
    expect(alone.text).toContain("Alerts\n\n“Nvidia H20”\n  Washington <b>banned</b> the Nvidia H20 outright.\n  Chip War Weekly · Who gets the H20?, at 12:34\n  Play from here: https://cdn.example.com/ep.mp3#t=754");
    expect(alone.text).toContain("“export controls”\n  Washington <b>banned</b> the Nvidia H20 outright.\n  Chip War Weekly · Who gets the H20?\n");
    // Escaped as text, and linked to play from the mention.
    expect(alone.html).toContain("Washington &lt;b&gt;banned&lt;/b&gt;");
    expect(hrefs(alone.html)).toContain("https://cdn.example.com/ep.mp3#t=754");
    // With insights, the subject stays theirs.
    expect((await renderBriefEmail(brief({ alerts: [alert] }))).subject).toBe("Insight number 1 changes how you think about chips, and 4 more");
    await expect(renderBriefEmail(brief({ alerts: [{ ...alert, playUrl: "javascript:alert(1)" }] }))).rejects.toThrow();
  });

  it("cuts a very long headline in the subject at a word", async () => {
    const headline = "A very long headline that goes on and on about semiconductors, export controls, and the future of everything";
    const { subject } = await renderBriefEmail(brief({ items: [item(1, { headline }), item(2)] }));
    expect(subject).toMatch(/^A very long headline that goes on and on about semiconductors, export controls…, and 1 more$/);
  });

  it("shows every item with its headline linking to the insight, and every link", async () => {
    const { html } = await renderBriefEmail(brief());
    const links = hrefs(html);
    for (const n of [1, 2, 3, 4, 5]) {
      expect(html).toContain(`Insight number ${n} changes how you think about chips`);
      expect(html).toContain(`The body of insight ${n}, in a sentence or two.`);
      expect(html).toContain(`“Well, so insight ${n} is what we kept coming back to, you know.”`);
      expect(html).toContain(`Show ${n} · Episode ${n}`);
      expect(html).toContain(`You follow AI geopolitics · ${n} shows discussed this`);
      expect(links).toEqual(expect.arrayContaining([`${APP}/b/click/tok-${n}?x=1&y=2`, `${APP}/b/more/tok-${n}`, `${APP}/b/less/tok-${n}`]));
      // The headline itself is the link to the insight.
      expect(html).toMatch(new RegExp(`<a href="${APP}/b/click/tok-${n}\\?x=1&amp;y=2"[^>]*>Insight number ${n} `));
    }
    expect(links).toEqual(expect.arrayContaining([`${APP}/b/view/tok-web`, `${APP}/b/unsubscribe/tok-unsub`, `${APP}/settings`]));
    expect(html).toMatch(/>View in browser<\/a>/);
    expect(html).toMatch(/>Brief settings<\/a>/);
    expect(html).toMatch(/>Unsubscribe<\/a>/);
    expect(html.match(/>More like this<\/a>/g)).toHaveLength(5);
    expect(html.match(/>Less like this<\/a>/g)).toHaveLength(5);
    expect(html).toContain("You get this email because");
    expect(html).toContain("Hi Ana, here are 5 insights picked for you.");
  });

  it("has a preheader that sums up the rest of the brief: the next two headlines, then how many from which shows", async () => {
    const items = [item(1), item(2, { podcastTitle: "Show 1", headline: "Export controls cut Nvidia's China revenue by half." }), item(3)];
    const { html, subject } = await renderBriefEmail(brief({ items }));
    expect(subject).toContain("Insight number 1");
    expect(html).toMatch(
      /<div [^>]*display:none[^>]*>Also: Export controls cut Nvidia&#x27;s China revenue by half · Insight number 3 changes how you think about chips\. 3 insights from Show 1 and Show 3\./,
    );
  });

  it("has a preheader with the date and the show when the brief holds one insight, or none", async () => {
    expect((await renderBriefEmail(brief({ items: [item(1)] }))).html).toMatch(/<div [^>]*display:none[^>]*>Monday 30 November: 1 insight from Show 1\./);
    expect((await renderBriefEmail(brief({ items: [] }))).html).toMatch(/<div [^>]*display:none[^>]*>Monday 30 November: nothing new from your shows today\./);
  });

  it("turns dark in clients that honour prefers-color-scheme, and stays light, inline, in those that drop the styles", async () => {
    const { html } = await renderBriefEmail(brief());
    expect(html).toContain('<meta name="color-scheme" content="light dark"');
    const css = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? "";
    expect(css).toMatch(/@media \(prefers-color-scheme: dark\) \{[^@]*\.pb-card \{ background-color: #1a1d23 !important; \}/);
    expect(css).toContain("[data-ogsc] .pb-ink");
    // Every element the dark rules recolour carries its class, and keeps its light colour inline.
    expect(html).toMatch(/<body [^>]*class="pb-page"[^>]*style="[^"]*background-color:#f4f4f1/);
    expect(html.match(/class="pb-ink"/g)?.length).toBeGreaterThanOrEqual(5 * 3);
    expect(html).toMatch(/<a [^>]*class="pb-link"[^>]*style="[^"]*color:#1d5fd6/);
  });

  it("ends with one saved insight come back, in its own section after the five, with a \"Don't show again\" link in both parts", async () => {
    const savedReturn = {
      headline: "A saved point comes back to be remembered",
      body: "What the reader saved a few days ago.",
      podcastTitle: "Saved Show",
      episodeTitle: "Saved Episode",
      insightUrl: `${APP}/insights/saved-1`,
      stopUrl: `${APP}/mail/saved-return?t=tok-stop`,
    };
    const { html, text, subject } = await renderBriefEmail(brief({ savedReturn }));
    // Not one of the five: the subject still counts the brief's own, and it comes after the last of them.
    expect(subject).toBe("Insight number 1 changes how you think about chips, and 4 more");
    expect(html.indexOf("From your saved")).toBeGreaterThan(html.indexOf("Insight number 5 changes"));
    expect(html.indexOf(savedReturn.headline)).toBeGreaterThan(html.indexOf("From your saved"));
    expect(hrefs(html)).toEqual(expect.arrayContaining([savedReturn.insightUrl, savedReturn.stopUrl]));
    expect(html).toMatch(/Don(&#x27;|')t show again/);
    expect(text).toContain(`From your saved:\n\n${savedReturn.headline}`);
    expect(text).toContain(`Don't show again: ${savedReturn.stopUrl}`);
    expect(text.indexOf("From your saved")).toBeGreaterThan(text.indexOf("5. Insight number 5"));
    // Without one, no section.
    const plain = await renderBriefEmail(brief());
    expect(plain.html).not.toContain("From your saved");
    expect(plain.text).not.toContain("From your saved");
    await expect(renderBriefEmail(brief({ savedReturn: { ...savedReturn, stopUrl: "javascript:alert(1)" } }))).rejects.toThrow();
  });

  it("shows the note when there are fewer than five", async () => {
    const note = "Only 2 today: nothing else new from your shows met the bar.";
    const { html, text } = await renderBriefEmail(brief({ items: [item(1), item(2)], note }));
    expect(html).toContain(note);
    expect(text).toContain(note);
    expect((await renderBriefEmail(brief())).html).not.toContain("met the bar");
  });

  it("escapes hostile text from shows and readers, never making it markup", async () => {
    const hostile = '<script>alert("x")</script><img src=x onerror=alert(1)>';
    const { html } = await renderBriefEmail(
      brief({
        readerName: hostile,
        note: hostile,
        items: [item(1, { headline: hostile, body: hostile, podcastTitle: hostile, episodeTitle: hostile, reason: hostile })],
      }),
    );
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;");
  });

  it("refuses links that are not http(s)", async () => {
    await expect(renderBriefEmail(brief({ items: [item(1, { insightUrl: "javascript:alert(1)" })] }))).rejects.toThrow(/http/);
    await expect(renderBriefEmail(brief({ unsubscribeUrl: "not a url" }))).rejects.toThrow();
  });

  it("shows the body, then the words as said and when, with no time at all for an untimed transcript", async () => {
    const items = [item(1, { saidAt: 0 }), item(2, { saidAt: 65, speaker: "Ana Ruiz" }), item(3, { saidAt: 3723 }), item(4, { saidAt: null })];
    const { html, text } = await renderBriefEmail(brief({ items }));
    for (const part of [html, text]) {
      expect(part).toContain("as said, at 0:00");
      expect(part).toContain("as said by Ana Ruiz, at 1:05");
      expect(part).toContain("as said, at 1:02:03");
      // The body comes first, then the quote, then who said it when.
      const at = (piece: string) => part.indexOf(piece);
      expect(at("The body of insight 2,")).toBeGreaterThan(-1);
      expect(at("“Well, so insight 2 is what")).toBeGreaterThan(at("The body of insight 2,"));
      expect(at("as said by Ana Ruiz, at 1:05")).toBeGreaterThan(at("“Well, so insight 2 is what"));
    }
    // Untimed: "as said" and no time, not "0:00".
    const untimed = await renderBriefEmail(brief({ items: [item(4, { saidAt: null })] }));
    for (const part of [untimed.html, untimed.text]) {
      expect(part).toContain("as said");
      expect(part).not.toMatch(/\d:\d\d/);
      expect(part).not.toContain("as said, at");
    }
    expect(untimed.html).toContain(">as said</p>");
    expect(untimed.text.split("\n")).toContain("   as said");
    expect(untimed.text.split("\n")).toContain("   Show 4 · Episode 4");
  });

  it("shows the words once when the body is the quote tidied up, and twice when they differ", async () => {
    const quote = "So, um, the the export controls on chips actually sped up the Chinese chip industry, you know, by years.";
    const same = item(1, { body: "The export controls on chips actually sped up the Chinese chip industry, by years.", quote });
    const different = item(2, { body: "Ana Ruiz argues that US export controls backfired by speeding up the domestic industry in China.", quote });
    const { html, text } = await renderBriefEmail(brief({ items: [same, different] }));
    for (const part of [html, text]) {
      // From the first item's own headline: the title and the preheader name headlines too.
      const items = part.slice(part.lastIndexOf("Insight number 1"));
      const sameSection = items.slice(0, items.indexOf("Insight number 2"));
      expect(sameSection).toContain("The export controls on chips actually sped up the Chinese");
      expect(sameSection).not.toContain("the the export controls");
      expect(sameSection.match(/sped up the Chinese/g)).toHaveLength(1);
      expect(sameSection).toContain("as said, at 12:34");

      const differentSection = items.slice(items.indexOf("Insight number 2"));
      expect(differentSection).toContain("Ana Ruiz argues that US export controls backfired");
      expect(differentSection).toContain(`“${quote}”`);
      expect(differentSection).toContain("as said, at 12:34");
    }
  });

  it("shows each item's artwork from this app as a JPEG, or its show's monogram in hex colours where there is none", async () => {
    const withArt = item(1, { artwork: "/art/3f9a0c" });
    const without = item(2, { podcastTitle: "The Changelog: Software Development" });
    const { html } = await renderBriefEmail(brief({ items: [withArt, without] }));
    const images = html.match(/<img [^>]*>/g) ?? [];
    expect(images).toHaveLength(1);
    expect(images[0]).toContain('src="https://podbrief.example.com/art/3f9a0c/96.jpg"');
    expect(images[0]).toContain('width="40"');
    expect(images[0]).toContain('height="40"');
    // The monogram: initials in a cell coloured without hsl(), which Outlook does not read.
    expect(html).toMatch(/<p [^>]*style="[^"]*background-color:#[0-9a-f]{6}[^"]*"[^>]*>CS<\/p>/);
    expect(html).not.toContain("hsl(");
  });

  it("refuses artwork that is not one of this app's /art paths", async () => {
    await expect(renderBriefEmail(brief({ items: [item(1, { artwork: "https://tracker.example/pixel.gif" })] }))).rejects.toThrow(/art/);
  });

  it("has a plain-text part with numbered items and each link on its own line", async () => {
    const { text } = await renderBriefEmail(brief({ readerName: null }));
    const lines = text.split("\n");
    expect(lines[0]).toBe("Your brief for Monday 30 November");
    expect(text).toContain("Here are 5 insights picked for you.");
    for (const n of [1, 2, 3, 4, 5]) {
      expect(lines).toContain(`${n}. Insight number ${n} changes how you think about chips`);
      expect(lines).toContain(`   The body of insight ${n}, in a sentence or two.`);
      expect(lines).toContain(`   “Well, so insight ${n} is what we kept coming back to, you know.”`);
      expect(lines).toContain(`   as said, at 12:34`);
      expect(lines).toContain(`   Show ${n} · Episode ${n}`);
      expect(lines).toContain(`   Why: You follow AI geopolitics · ${n} shows discussed this`);
      expect(lines).toContain(`   Read: ${APP}/b/click/tok-${n}?x=1&y=2`);
      expect(lines).toContain(`   More like this: ${APP}/b/more/tok-${n}`);
      expect(lines).toContain(`   Less like this: ${APP}/b/less/tok-${n}`);
    }
    expect(lines).toContain(`View in browser: ${APP}/b/view/tok-web`);
    expect(lines).toContain(`Brief settings: ${APP}/settings`);
    expect(lines).toContain(`Unsubscribe: ${APP}/b/unsubscribe/tok-unsub`);
    expect(text).toContain("You get this email because");
    // Items come in their order, before the footer; no HTML leaks into the text.
    const positions = [1, 2, 3, 4, 5].map((n) => text.indexOf(`${n}. Insight number ${n}`));
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(text.indexOf("Unsubscribe:")).toBeGreaterThan(positions[4]!);
    expect(text).not.toMatch(/<[a-z]/i);
    expect(lines).not.toContain("-- ");
  });
});
