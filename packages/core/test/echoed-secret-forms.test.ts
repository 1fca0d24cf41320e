/**
 * Issue 12, point 11 (found by the providers' fast-check secrecy tests): a server
 * that echoes a request may write a secret JSON-escaped (inside a JSON string,
 * or in an HTML page quoting the JSON body) or URL-encoded; known secrets are cut
 * out in those forms too.
 */
import { describe, expect, it } from 'vitest';
import { redact } from '../src/index';

const SECRET = 'pa"ss\\wörd &=+/ 😀';

describe('redact cuts known secrets out as a server may echo them', () => {
  it.each([
    ['as written', SECRET],
    ['JSON-escaped', JSON.stringify(SECRET).slice(1, -1)],
    ['percent-encoded', encodeURIComponent(SECRET)],
    ['form-encoded', new URLSearchParams({ s: SECRET }).toString().slice(2)],
  ])('%s', (_, form) => {
    expect(redact(`<pre>{"clientSecret":"${form}"} and ${form}</pre>`, [SECRET])).toBe('<pre>{"clientSecret":"[REDACTED]"} and [REDACTED]</pre>');
  });

  it('a secret holding a lone surrogate (which cannot be percent-encoded) is still cut out as written and JSON-escaped', () => {
    const odd = 'secret\ud800value';
    expect(redact(`${odd} ${JSON.stringify(odd).slice(1, -1)}`, [odd])).toBe('[REDACTED] [REDACTED]');
  });
});
