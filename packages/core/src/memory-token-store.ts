/** A `TokenStore` in this process's memory: to share tokens between clients of one process. */
import type { StoredToken, TokenStore } from './token-store';

/** Plain records in a Map. It keeps an expired record until it is replaced: the cache never serves one. */
export function memoryTokenStore(): TokenStore {
  const records = new Map<string, StoredToken>();
  return {
    get: (key) => records.get(key),
    set: (key, record) => void records.set(key, record),
    delete: (key) => void records.delete(key),
  };
}
