/** Kept equal to package.json's version (a test checks it); part of the policy-check cache key. */
export const VERSION = "0.1.0";
