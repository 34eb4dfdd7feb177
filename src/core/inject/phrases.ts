/**
 * The text-level judgement: finds override phrases, orders addressed to an AI, model markup and
 * exfiltration shapes in one plain string, and scores them in combination. A lone imperative or a lone
 * mention of "assistant" is normal prose; an order to an AI that points at a secret, a URL, money or a
 * destructive command, or that asks to keep the user out of it, is not. Offsets are into `text`.
 */
import { isDiscussed, zonesOf, type TextZones } from "./context.ts";
import { anchorsOf, rangesAround, spansIn } from "./gate.ts";
import { EXFIL_COMMAND, FILL_IN, isImageSource, NEGATED, SEND_SECRET, URL, urlSlots } from "./exfil.ts";
import { ADDRESSEE, AUTHORITY, DIRECTIVE, FRAME_BREAK, HUMAN_CONDITION, MARKUP, OVERRIDE_STRONG, OVERRIDE_WEAK, PROHIBITION, SECRECY, SENSITIVE, STEERING, TARGET, TURN_MARKER } from "./patterns.ts";
import type { RawFinding, InjectionKind, InjectionSeverity } from "./types.ts";

type Span = [number, number];
const SENSITIVE_RE = new RegExp(SENSITIVE, "i");
const MAX_HITS = 200;

function spans(re: RegExp, text: string): Span[] {
  const out: Span[] = [];
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) && out.length < MAX_HITS) {
    out.push([m.index, m.index + m[0].length]);
    if (m[0].length === 0) re.lastIndex++;
  }
  return out;
}

/** The text after `from`, up to `len` characters and not past a blank line. */
function after(text: string, from: number, len: number): string {
  const s = text.slice(from, from + len);
  const blank = s.search(/\n[ \t]*\n/);
  return blank === -1 ? s : s.slice(0, blank);
}

function before(text: string, to: number, len: number): string {
  const s = text.slice(Math.max(0, to - len), to);
  const blank = s.search(/\n[ \t]*\n(?![\s\S]*\n[ \t]*\n)/);
  return blank === -1 ? s : s.slice(blank);
}

const near = (hits: Span[], s: number, e: number, radius: number) => hits.some(([a, b]) => b >= s - radius && a <= e + radius);

/** Replaces matches with spaces, keeping offsets. */
const blankOut = (s: string, re: RegExp) => s.replace(re, (m) => " ".repeat(m.length));

/** Offset in `body` of the first order that is not a prohibition, or -1; `leadLen` marks where the tail starts. */
function firstOrder(body: string, leadLen: number): number {
  const positive = blankOut(body, PROHIBITION);
  const inBody = positive.search(DIRECTIVE);
  const inTail = positive.slice(leadLen).search(DIRECTIVE);
  const hits = [inBody, inTail === -1 ? -1 : inTail + leadLen].filter((i) => i !== -1);
  return hits.length ? Math.min(...hits) : -1;
}

/** End of the sentence that contains offset `from`, at most 250 characters on. */
function sentenceEnd(s: string, from: number): number {
  const m = /[.!?](?=\s|$)|\n[ \t]*\n/.exec(s.slice(from + 1, from + 250));
  return Math.min(s.length, m ? from + 1 + m.index + 1 : from + 250);
}

/** An order with something worth stealing or breaking in it, or one that keeps the user out. */
const armed = (w: string) => DIRECTIVE.test(w) && (TARGET.test(blankOut(w, PROHIBITION)) || SECRECY.test(w) || AUTHORITY.test(w));

export function analyzeText(text: string): RawFinding[] {
  const anchors = anchorsOf(text);
  const over = rangesAround(text, anchors.over);
  const addr = rangesAround(text, anchors.addr);
  const strong = spansIn(OVERRIDE_STRONG, text, over, MAX_HITS);
  const weak = spansIn(OVERRIDE_WEAK, text, rangesAround(text, [...anchors.over, ...anchors.addr]), MAX_HITS);
  const addressed = spansIn(ADDRESSEE, text, addr, MAX_HITS);
  const markup = spans(MARKUP, text);
  const turns = spans(TURN_MARKER, text);
  const commands = spansIn(EXFIL_COMMAND, text, rangesAround(text, anchors.cmd), MAX_HITS);
  const sends = spansIn(SEND_SECRET, text, rangesAround(text, anchors.send), MAX_HITS);
  const urls = text.includes("://") ? spans(URL, text) : [];
  if (!strong.length && !weak.length && !addressed.length && !markup.length && !turns.length && !commands.length && !sends.length && !urls.length) return [];

  let zones: TextZones | undefined;
  const out: RawFinding[] = [];
  const add = (kind: InjectionKind, severity: InjectionSeverity, [s, e]: Span, explanation: string) => {
    zones ??= zonesOf(text);
    const discussed = isDiscussed(text, s, e, zones);
    out.push({ kind, severity: discussed ? "medium" : severity, start: s, end: e, explanation: discussed && severity === "high" ? `${explanation} (quoted as an example, so reported at medium)` : explanation });
  };
  const overrides = [...strong, ...weak];

  for (const sp of strong) {
    // "If you use Docker, ignore the previous instructions": a doc pointing back at its own steps.
    const docStep = /\bthe (?:previous|above|preceding) (?:instructions|steps?)\b/i.test(text.slice(sp[0], sp[1])) && HUMAN_CONDITION.test(before(text, sp[0], 100));
    add("override", docStep ? "medium" : "high", sp, docStep ? "override-like phrase pointing at earlier steps of a document for human readers" : "tries to cancel the agent's instructions");
  }
  for (const sp of weak) {
    const w = before(text, sp[0], 150) + after(text, sp[0], 400);
    const promoted = armed(w) || near(addressed, sp[0], sp[1], 200) || SECRECY.test(w);
    add("override", promoted ? "high" : "medium", sp, promoted ? "override-like phrase followed by an order" : "override-like phrase");
  }

  let coveredTo = -1;
  for (const sp of addressed) {
    if (sp[0] < coveredTo) continue;
    const lead = text.slice(sp[0], sp[1]);
    const body = lead + after(text, sp[1], 350);
    const order = firstOrder(body, lead.length);
    if (order === -1 || order > lead.length + 200) continue;
    // Judge the order by its own sentence; secrecy and claimed approval often follow in the next one.
    const region = body.slice(0, sentenceEnd(body, order));
    coveredTo = sp[0] + region.length;
    const around = before(text, sp[0], 150) + body;
    const reasons = [
      TARGET.test(blankOut(region, PROHIBITION)) && "a secret, address, payment or destructive command",
      SECRECY.test(around) && "keeping the user out of it",
      AUTHORITY.test(around) && "a claim of the user's or operator's authority",
      STEERING.test(region) && "steering what the agent tells the user",
      near(overrides, sp[0], coveredTo, 0) && "an override phrase",
    ].filter(Boolean);
    add("addressed-imperative", reasons.length ? "high" : "medium", [sp[0], coveredTo], reasons.length ? `an order addressed to an AI, with ${reasons.join(" and ")}` : "an order addressed to an AI (no sensitive target found)");
  }

  coveredTo = -1;
  for (const sp of markup) {
    if (sp[0] < coveredTo) continue;
    const w = after(text, sp[1], 400);
    coveredTo = sp[1] + 400;
    const breaks = FRAME_BREAK.test(text.slice(sp[0], sp[1] + 40));
    const carries = armed(w) || near(overrides, sp[1], sp[1] + w.length, 0) || (near(addressed, sp[1], sp[1] + w.length, 0) && DIRECTIVE.test(w));
    add("fake-markup", breaks || carries ? "high" : "medium", sp, breaks ? "closes a tool-result frame, as if the data had ended and new context began" : carries ? "model/system markup inside data, followed by an order" : "model/system markup inside data");
  }
  const humanTurns = turns.filter(([s, e]) => /Human|User/.test(text.slice(s, e)));
  for (const sp of turns) {
    const w = after(text, sp[1], 300);
    if (DIRECTIVE.test(w) && (TARGET.test(w) || SECRECY.test(w))) add("fake-markup", "high", sp, "a chat-turn label inside data carrying an order");
  }
  if (!out.some((f) => f.kind === "fake-markup") && humanTurns.length && turns.length > humanTurns.length) add("fake-markup", "medium", turns[0], "chat-turn labels (Human:/Assistant:) inside data");

  for (const sp of commands) add("exfil-instruction", "high", sp, "a command that sends credentials or the environment off the machine");
  for (const sp of sends) {
    if (NEGATED.test(text.slice(Math.max(0, sp[0] - 60), sp[0]))) continue;
    add("exfil-instruction", "high", sp, "asks for a secret or private data to be sent to an outside address");
  }

  for (const sp of urls) {
    const url = text.slice(sp[0], sp[1]);
    const slots = urlSlots(url);
    if (!slots.dataSlots.length && !slots.commandSubstitution && !slots.emptyTrailingParam) continue;
    const agentContext = near(addressed, sp[0], sp[1], 300) || near(markup, sp[0], sp[1], 300) || near(overrides, sp[0], sp[1], 300);
    const image = isImageSource(text, sp[0]);
    const slot = slots.dataSlots[0] ?? "command output";
    if (image && (slots.dataSlots.length || slots.commandSubstitution)) add("exfil-url", "high", sp, `image URL with a slot for ${slot}: rendering it sends the data to the host`);
    else if (slots.dataSlots.length && (agentContext || slots.agentOnly)) add("exfil-url", "high", sp, `URL with a slot for ${slot}, for the agent to fill in`);
    else if (slots.emptyTrailingParam && FILL_IN.test(before(text, sp[0], 150)) && (agentContext || SENSITIVE_RE.test(before(text, sp[0], 150)))) add("exfil-url", "high", sp, "URL with an empty parameter the agent is asked to fill with data");
    else if (slots.commandSubstitution) add("exfil-url", agentContext ? "high" : "medium", sp, "URL that embeds the output of a local command (user, host or config)");
  }
  return out;
}
