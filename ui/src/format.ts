/** The first 12 hex digits of a `sha256:…` content hash, as jiedu-core's ContentHash::short. */
export function shortHash(hash: string): string {
  const hex = hash.startsWith("sha256:") ? hash.slice("sha256:".length) : hash;
  return hex.slice(0, 12);
}
