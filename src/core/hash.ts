/**
 * A small, stable, non-cryptographic string hash (FNV-1a, 32 bits, as 8 hex digits): names a policy
 * revision and keys the compiled-policy cache. The seed and prime can be varied to get a second,
 * independent 32 bits where a longer key is wanted.
 */
export function fnv1a(text: string, seed = 0x811c9dc5, prime = 0x01000193): string {
  let h = seed;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), prime) >>> 0;
  return h.toString(16).padStart(8, "0");
}
