import type { MetadataRoute } from "next";

/** The web app manifest (/manifest.webmanifest): what a phone needs to install Podbrief as an app. */
export default function manifest(): MetadataRoute.Manifest {
  return {
    id: "/",
    name: "Podbrief",
    short_name: "Podbrief",
    description: "The top insights from new podcast episodes, on the topics you follow.",
    start_url: "/feed",
    scope: "/",
    display: "standalone",
    background_color: "#ffffff",
    theme_color: "#1d5fd6",
    icons: [
      { src: "/icons/icon-192.png", sizes: "192x192", type: "image/png", purpose: "any" },
      { src: "/icons/icon-512.png", sizes: "512x512", type: "image/png", purpose: "any" },
      { src: "/icons/icon-maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
    ],
  };
}
