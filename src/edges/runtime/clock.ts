/** The real clock and id source, handed to the pure core. */
export const monotonicNs = (): bigint => process.hrtime.bigint();

let counter = 0;
/**
 * Time-ordered ids (sortable in the log), unique across processes by pid, counter and random bits.
 * Not secrets, so Math.random is enough and the hook avoids loading node:crypto (~6 ms).
 */
export function newDecisionId(): string {
  const rand = Math.floor(Math.random() * 0xffffffff).toString(16).padStart(8, "0");
  return `dec_${Date.now().toString(36).padStart(9, "0")}${(process.pid % 0xffff).toString(16).padStart(4, "0")}${(counter++ % 256).toString(16).padStart(2, "0")}${rand}`;
}
