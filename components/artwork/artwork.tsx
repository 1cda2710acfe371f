import { artworkImageUrl, artworkWidthFor } from "@/lib/artwork/artwork-url";
import { monogramFor } from "@/lib/artwork/monogram";

export type ArtworkProps = {
  /** The artwork's base URL from a read model (`/art/<hash>`), or null for the show's monogram tile. */
  src: string | null;
  /** The show's name: the monogram's initials and colour come from it. */
  name: string;
  /** Rendered width and height in CSS pixels; the box is reserved before the image loads. */
  size: number;
  className?: string;
  /** Load at once (the page's largest image); otherwise lazily. */
  priority?: boolean;
};

/**
 * A show's or episode's square artwork, served from our own origin (WebP, JPEG for browsers
 * without it), or a monogram tile when there is none. Decorative: the show's name is always
 * written beside it, so it is hidden from screen readers. Works in Server and Client Components.
 */
export function Artwork({ src, name, size, className, priority = false }: ArtworkProps) {
  const box = { width: size, height: size, minWidth: size };
  const shape = ["shrink-0 overflow-hidden rounded-md align-middle", className].filter(Boolean).join(" ");
  if (!src) {
    const monogram = monogramFor(name);
    return (
      <span
        aria-hidden="true"
        className={`${shape} inline-flex items-center justify-center font-semibold leading-none tracking-tight select-none`}
        style={{ ...box, background: monogram.background, color: monogram.foreground, fontSize: Math.max(10, Math.round(size * 0.38)) }}
      >
        {monogram.initials}
      </span>
    );
  }
  const srcSet = (format: "webp" | "jpg") => {
    const single = artworkImageUrl(src, size, format);
    const double = artworkImageUrl(src, size * 2, format);
    return single === double ? single : `${single} 1x, ${double} 2x`;
  };
  return (
    <picture className={`${shape} inline-block`} style={box}>
      <source type="image/webp" srcSet={srcSet("webp")} />
      {/* Our own route already serves every size it needs; next/image would resize it a second time. */}
      <img
        src={artworkImageUrl(src, size, "jpg")}
        srcSet={srcSet("jpg")}
        width={size}
        height={size}
        alt=""
        aria-hidden="true"
        loading={priority ? "eager" : "lazy"}
        fetchPriority={priority ? "high" : "auto"}
        decoding="async"
        className="block h-full w-full object-cover"
        data-artwork-width={artworkWidthFor(size)}
      />
    </picture>
  );
}
