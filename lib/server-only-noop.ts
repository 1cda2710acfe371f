// Stands in for the "server-only" package outside Next's bundler (worker, scripts, tests), where
// there is no client bundle to guard. See tsconfig.node.json and vitest.config.ts.
export {};
