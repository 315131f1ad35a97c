/**
 * Deletes a Map's oldest entries (its first keys: insertion order, or recency of use where a use
 * re-inserts the key) until at most `max` are left, calling `dropped` with each key deleted.
 * The bounded caches and remembered ids of the back end all trim this way.
 */
export function trimOldest<K, V>(map: Map<K, V>, max: number, dropped?: (key: K) => void): void {
  for (const oldest of map.keys()) {
    if (map.size <= max) return;
    map.delete(oldest);
    dropped?.(oldest);
  }
}
