/** axe-core in the page: the serious and critical accessibility violations of what is on screen. */
import path from "node:path";
import type { Page } from "playwright-core";

const axePath = path.resolve(import.meta.dirname, "../../node_modules/axe-core/axe.min.js");

type AxeResult = { violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[] };

/** Loads `url` and returns its serious or critical violations, one line each ("/feed: color-contrast (serious) at …"). */
export async function seriousViolations(page: Page, url: string): Promise<string[]> {
  await page.goto(url);
  await page.addScriptTag({ path: axePath });
  const result = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<AxeResult> } }).axe;
    return axe.run(document, { resultTypes: ["violations"] });
  });
  const where = new URL(url).pathname;
  return result.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => `${where}: ${violation.id} (${violation.impact}) at ${violation.nodes.map((node) => node.target.join(" ")).slice(0, 3).join(", ")}`);
}
