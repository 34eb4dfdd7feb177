/**
 * The sentences the model reads when a call is blocked or sent to the user, in one place so every
 * tier (rules, judge, taint) words them alike: what was attempted, why, the safer way, and not to
 * route around the block.
 */
export function quoteSubject(subject: string): string {
  const one = subject.replace(/\s+/g, " ").trim();
  return one.length > 160 ? `\`${one.slice(0, 157)}...\`` : `\`${one}\``;
}

export function blockedForModel(subject: string, why: string, alternative?: string): string {
  return `autogate blocked ${quoteSubject(subject)}: ${why}.${alternative ? ` Instead: ${alternative}` : ""} Do not try to work around this block with another command that has the same effect; if the action is essential to the user's request, stop and explain what you need.`;
}

export function askForModel(subject: string, why: string): string {
  return `autogate asks the user to confirm ${quoteSubject(subject)}: ${why}.`;
}
