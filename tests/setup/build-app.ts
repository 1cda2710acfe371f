import { ensureBuild } from "@/scripts/ensure-build";

/** End-to-end tests drive the production build, rebuilt only when the sources changed. */
export default function setup() {
  ensureBuild();
}
