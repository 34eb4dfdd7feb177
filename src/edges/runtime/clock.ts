import { randomBytes } from "node:crypto";

/** The real clock and id source, handed to the pure core. */
export const monotonicNs = (): bigint => process.hrtime.bigint();

/** Time-ordered ids (like ULIDs): sortable in the log, unique across processes. */
export function newDecisionId(): string {
  return `dec_${Date.now().toString(36).padStart(9, "0")}${randomBytes(6).toString("hex")}`;
}
