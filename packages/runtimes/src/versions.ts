/**
 * The Node versions the runtime suite runs on, each from the npm `node` package (npx caches
 * it): the newest release of each LTS major from 20, the oldest `engines` allows, to 26, the
 * current LTS line. Bun, Deno and Miniflare (workerd) are pinned in package.json.
 */
export const NODE_VERSIONS = ['20.20.2', '22.23.3', '24.21.0', '26.10.0'] as const;
