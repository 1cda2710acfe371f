import { type Browser, chromium, type Page } from "playwright-core";

// Debian's Chromium; the flags keep it off the network this machine does not have.
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

/**
 * Signs a new reader up as every browser test does: a fresh address through the outbox, then
 * onboarding with the "Artificial intelligence" topic. `onOnboarding` runs on the onboarding page
 * before "Start reading". Leaves the page on the feed and returns the address.
 */
export async function signUpThroughOnboarding(page: Page, appUrl: string, name: string, onOnboarding?: (page: Page) => Promise<void>): Promise<string> {
  const email = `${name}-${Date.now()}@example.com`;
  await signInThroughOutbox(page, appUrl, email);
  await page.waitForURL(`${appUrl}/onboarding`);
  await page.getByRole("checkbox", { name: /^Artificial intelligence/ }).check();
  await onOnboarding?.(page);
  await page.getByRole("button", { name: "Start reading" }).click();
  await page.waitForURL(`${appUrl}/feed`);
  return email;
}

/** Signs in from the sign-in page the browser is on (keeping its callbackUrl), or from a fresh one. */
export async function signInThroughOutbox(page: Page, appUrl: string, address: string): Promise<void> {
  if (new URL(page.url()).pathname !== "/sign-in") await page.goto(`${appUrl}/sign-in`);
  await page.getByLabel("Email address").fill(address);
  await page.getByRole("button", { name: "Send me a sign-in link" }).click();
  await page.getByRole("heading", { name: "Check your email" }).waitFor();
  await page.getByRole("link", { name: "local outbox" }).click();
  const message = page.getByTestId("outbox-message").filter({ hasText: address }).first();
  await message.getByRole("link").first().click();
}
