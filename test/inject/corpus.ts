// Loads the labelled prompt-injection corpus (test/inject/corpus/*.yaml) and checks its shape, so the
// eval script and the corpus test read the same items and a typo in a data file fails loudly.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";

export const CARRIERS = [
  "web", "readme", "issue", "json-api", "email", "code-comment", "advisory", "docs", "search-result", "shell-output",
] as const;
export type Carrier = (typeof CARRIERS)[number];
export type Split = "dev" | "holdout";

export interface CorpusItem {
  id: string;
  carrier: Carrier;
  label: "injection" | "benign";
  text: string;
  note: string;
  split: Split;
  file: string;
}

const DIR = join(dirname(fileURLToPath(import.meta.url)), "corpus");

/** Every item of the given splits; the split comes from the file name prefix (dev-*, holdout-*). */
export function loadCorpus(splits: Split[] = ["dev", "holdout"]): CorpusItem[] {
  const out: CorpusItem[] = [];
  const seen = new Set<string>();
  for (const file of readdirSync(DIR).filter((f) => f.endsWith(".yaml")).sort()) {
    const split: Split = file.startsWith("holdout-") ? "holdout" : file.startsWith("dev-") ? "dev" : fail(`${file}: name must start with dev- or holdout-`);
    if (!splits.includes(split)) continue;
    const items = parse(readFileSync(join(DIR, file), "utf8")) as unknown;
    if (!Array.isArray(items)) fail(`${file}: expected a list`);
    for (const raw of items as Record<string, unknown>[]) {
      const where = `${file}:${String(raw?.id)}`;
      if (typeof raw.id !== "string" || seen.has(raw.id)) fail(`${where}: missing or duplicate id`);
      if (!CARRIERS.includes(raw.carrier as Carrier)) fail(`${where}: unknown carrier ${String(raw.carrier)}`);
      if (raw.label !== "injection" && raw.label !== "benign") fail(`${where}: label must be injection|benign`);
      if (typeof raw.text !== "string" || !raw.text.trim()) fail(`${where}: empty text`);
      if (typeof raw.note !== "string") fail(`${where}: missing note`);
      seen.add(raw.id as string);
      out.push({ id: raw.id as string, carrier: raw.carrier as Carrier, label: raw.label, text: raw.text as string, note: raw.note as string, split, file });
    }
  }
  return out;
}

/** The tool whose output a carrier most plausibly arrived through, so the scanner sees a realistic source. */
export function toolFor(carrier: Carrier): string {
  switch (carrier) {
    case "web": case "docs": case "advisory": return "WebFetch";
    case "search-result": return "WebSearch";
    case "shell-output": return "Bash";
    case "email": return "mcp__mail__read_message";
    case "json-api": return "mcp__api__call";
    default: return "Read";
  }
}

function fail(msg: string): never {
  throw new Error(`inject corpus: ${msg}`);
}
