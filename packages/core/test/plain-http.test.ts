/**
 * Plain http only to loopback unless the caller opts in, and no query or fragment in
 * a base URL (issue 12, point 2): both a ValidationError at creation, before any request.
 */
import { describe, expect, it } from 'vitest';
import { createApiClient, ValidationError, type ApiClientOptions } from '../src/index';
import { serve, type LooseClient, type Paths } from './support/runtime-harness';

const create = (baseUrl: string, options: Partial<ApiClientOptions> = {}) =>
  createApiClient<Paths>({ provider: 'example', baseUrl, maxRetries: 0, ...options }) as unknown as LooseClient;
const issuesOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).issues.map((issue) => `${issue.path} ${issue.message}`);
  }
  return [];
};

describe('plain http', () => {
  it.each(['http://api.example.com', 'http://10.0.0.8:8080', 'http://[2001:db8::1]', 'http://127.example.com', 'http://localhost.evil.test'])(
    'refuses %s, naming allowInsecureHttp',
    (url) => {
      const [issue] = issuesOf(() => create(url));
      expect(issue).toMatch(/^baseUrl must be https:\/\/ .*allowInsecureHttp: true/);
    },
  );

  it.each(['http://127.0.0.1:8080', 'http://127.1.2.3', 'http://localhost:3000', 'http://LOCALHOST', 'http://[::1]:9000', 'https://api.example.com'])('accepts %s', (url) => {
    expect(issuesOf(() => create(url))).toEqual([]);
  });

  it('accepts any http host with allowInsecureHttp: true', () => {
    expect(issuesOf(() => create('http://api.example.com', { allowInsecureHttp: true }))).toEqual([]);
  });

  it('applies to a per-call baseUrl too, before any request', async () => {
    const server = await serve(() => ({ status: 200, body: {} }));
    const api = create(server.url);
    await expect(api.GET('/things', { baseUrl: 'http://api.example.com' } as never)).rejects.toBeInstanceOf(ValidationError);
    expect(server.requests).toHaveLength(0);
  });

  it('still works against a loopback server', async () => {
    const server = await serve(() => ({ status: 200, body: { ok: true } }));
    const { data } = await create(server.url).GET('/things');
    expect(data).toEqual({ ok: true });
  });
});

describe('a base URL with a query string or fragment', () => {
  it.each(['https://api.example.com/v1?tenant=a', 'https://api.example.com/v1#top', 'https://api.example.com/?', 'https://api.example.com/#'])('is refused: %s', (url) => {
    expect(issuesOf(() => create(url))).toEqual(['baseUrl must not hold a query string or fragment']);
  });
});
