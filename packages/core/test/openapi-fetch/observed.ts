/**
 * `client.api` with its fetch injected: every request the client sends is handed
 * to `answer` and recorded, nothing leaves the process. Retries are off unless a
 * test turns them on, so one call is one request.
 */
import { createApiClient, type ApiClientOptions } from '../../src/index';
import type { paths } from '../fixtures/blog';

export const BASE_URL = 'https://blog.example';

export function observed(answer: (request: Request) => Response | Promise<Response> = () => Response.json({ id: '1', title: 'hello' }), options: Partial<ApiClientOptions> = {}) {
  const requests: Request[] = [];
  const api = createApiClient<paths>({
    provider: 'blog',
    baseUrl: BASE_URL,
    maxRetries: 0,
    fetch: async (request) => {
      requests.push(request);
      return answer(request);
    },
    ...options,
  });
  return { api, requests, last: () => requests[requests.length - 1]! };
}

/** A loose view for calls the fixture's types would refuse on purpose (untyped paths, odd options). */
export type Loose = Record<'GET' | 'PUT' | 'POST' | 'DELETE' | 'PATCH' | 'HEAD' | 'OPTIONS' | 'TRACE' | 'request', (...args: any[]) => Promise<any>>;
