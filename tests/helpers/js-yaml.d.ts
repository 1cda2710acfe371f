// js-yaml ships no types; the tests only parse with it (it comes with eslint, a dev dependency).
declare module "js-yaml" {
  export function load(text: string): unknown;
}
