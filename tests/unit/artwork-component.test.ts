import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Artwork } from "@/components/artwork/artwork";

describe("<Artwork>", () => {
  it("serves a stored artwork from our origin, WebP first, sized for the box and for 2x screens, its box reserved", () => {
    const html = renderToStaticMarkup(createElement(Artwork, { src: "/art/0123456789abcdef01234567", name: "Talk Python To Me", size: 48 }));
    expect(html).toContain('<source type="image/webp" srcSet="/art/0123456789abcdef01234567/96.webp"');
    expect(html).toContain('src="/art/0123456789abcdef01234567/96.jpg"');
    expect(html).toMatch(/width="48" height="48"/);
    expect(html).toContain('loading="lazy"');
    const large = renderToStaticMarkup(createElement(Artwork, { src: "/art/0123456789abcdef01234567", name: "Talk Python To Me", size: 160, priority: true }));
    expect(large).toContain('srcSet="/art/0123456789abcdef01234567/240.webp 1x, /art/0123456789abcdef01234567/600.webp 2x"');
    expect(large).toContain('loading="eager"');
  });

  it("shows the show's monogram, with no request, when there is no artwork", () => {
    const html = renderToStaticMarkup(createElement(Artwork, { src: null, name: "Talk Python To Me", size: 40 }));
    expect(html).not.toMatch(/<img|<picture|src=/);
    expect(html).toContain(">TP</span>");
    expect(html).toMatch(/width:40px;height:40px/);
  });
});
