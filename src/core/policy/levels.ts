/**
 * Decision levels, ordered so "strictest wins" is a max: allow < judge < ask < deny.
 * (Kept apart from the schema so the hot path does not load the schema library.)
 */
export const LEVELS = ["allow", "judge", "ask", "deny"] as const;
export type Level = (typeof LEVELS)[number];
export const levelRank = (l: Level): number => LEVELS.indexOf(l);
export const stricter = (a: Level, b: Level): Level => (levelRank(a) >= levelRank(b) ? a : b);
