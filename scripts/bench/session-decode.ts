/**
 * CPU per session-cookie decode: Auth.js's `decode` (derives and thumbprints the key every call)
 * against lib/session-token.ts (keeps the derived key per secret), on the same tokens. Prints the
 * time per call and the load average before and after; figures, not a test.
 */
import { decode, encode } from "next-auth/jwt";
import { decodeSessionToken } from "@/lib/session-token";
import { printLoad } from "./load";

const secret = "a-bench-secret-that-is-long-enough-for-auth-js";
const salt = "__Secure-authjs.session-token";
const CALLS = 5_000;

async function perCall(name: string, read: (token: string) => Promise<unknown>, tokens: string[]) {
  for (const token of tokens.slice(0, 200)) await read(token);
  const start = process.hrtime.bigint();
  for (let i = 0; i < CALLS; i++) await read(tokens[i % tokens.length]!);
  const micros = Number(process.hrtime.bigint() - start) / 1000 / CALLS;
  console.log(`${name.padEnd(28)} ${micros.toFixed(1)} µs per decode (${CALLS} calls)`);
  return micros;
}

printLoad("before");
// Distinct tokens, as distinct readers send: nothing here can be answered from a token cache.
const tokens = await Promise.all(Array.from({ length: 500 }, (_, i) => encode({ token: { sub: `reader-${i}`, email: `r${i}@example.com`, sv: 0 }, secret, salt })));
for (let round = 1; round <= 2; round++) {
  const theirs = await perCall(`Auth.js decode (round ${round})`, (token) => decode({ token, secret, salt }), tokens);
  const ours = await perCall(`decodeSessionToken (round ${round})`, (token) => decodeSessionToken({ token, secret, salt }), tokens);
  console.log(`  ratio ours/theirs: ${(ours / theirs).toFixed(2)}`);
}
printLoad("after");
