/** Media types are parsed, not string-matched: parameters, quoting, case, `+json` suffixes, and version checks over HTTP. */
import { startTestServer, type TestResponse, type TestServer } from '@tokens/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient, formatMediaType, isJsonMediaType, parseMediaType, VersionNotSupportedError, type MediaType } from '../src/index';

describe('parseMediaType', () => {
  it('lower-cases type and subtype', () => {
    expect(parseMediaType('Application/JSON')).toEqual({ type: 'application', subtype: 'json', parameters: {} });
  });

  it('keeps the +suffix in the subtype and reports it, lower-cased', () => {
    expect(parseMediaType('Application/VND.Acme.V2+JSON')).toEqual({
      type: 'application',
      subtype: 'vnd.acme.v2+json',
      suffix: 'json',
      parameters: {},
    });
  });

  it('has no suffix property for a type without +', () => {
    expect(parseMediaType('application/json')).not.toHaveProperty('suffix');
  });

  it('trims spaces around the type', () => {
    expect(parseMediaType('  text/html  ')).toEqual({ type: 'text', subtype: 'html', parameters: {} });
  });

  it.each([
    'application/json;version=2',
    'application/json; version=2',
    'application/json; version="2"',
    'application/json;version=2;charset=utf-8',
    'APPLICATION/JSON; Version=2',
    'application/json ; version = 2 ',
    'application/json;charset=utf-8;version=2',
  ])('reads %j as version 2 of application/json', (text) => {
    const parsed = parseMediaType(text);
    expect(parsed?.type).toBe('application');
    expect(parsed?.subtype).toBe('json');
    expect(parsed?.parameters['version']).toBe('2');
  });

  it('reads every parameter of a list, names lower-cased', () => {
    expect(parseMediaType('application/json; Version=2; CharSet=utf-8')?.parameters).toEqual({ version: '2', charset: 'utf-8' });
  });

  it('keeps parameter values as written (not lower-cased)', () => {
    expect(parseMediaType('multipart/form-data; boundary=AbC-123')?.parameters).toEqual({ boundary: 'AbC-123' });
  });

  it('unquotes a quoted value with an escaped quote and a ; inside the quotes', () => {
    expect(parseMediaType('text/plain; x="a;b\\"c"')?.parameters).toEqual({ x: 'a;b"c' });
  });

  it('reads the parameter after a quoted value holding a ;', () => {
    expect(parseMediaType('text/plain; x="a;b\\"c"; charset=utf-8')?.parameters).toEqual({ x: 'a;b"c', charset: 'utf-8' });
  });

  it('unescapes a backslash-escaped backslash in a quoted value', () => {
    expect(parseMediaType('text/plain; x="a\\\\b"')?.parameters).toEqual({ x: 'a\\b' });
  });

  it('keeps spaces inside a quoted value', () => {
    expect(parseMediaType('text/plain; title=" a b "')?.parameters).toEqual({ title: ' a b ' });
  });

  it('reads an empty quoted value as the empty string', () => {
    expect(parseMediaType('text/plain; x=""; y=1')?.parameters).toEqual({ x: '', y: '1' });
  });

  it('skips a parameter without a value and reads the ones after it', () => {
    expect(parseMediaType('application/json; charset; version=2')?.parameters).toEqual({ version: '2' });
  });

  it('skips stray ;; and reads the ones after them', () => {
    expect(parseMediaType('application/json;;version=2;;;charset=utf-8')?.parameters).toEqual({ version: '2', charset: 'utf-8' });
  });

  it('accepts a trailing ;', () => {
    expect(parseMediaType('application/json;version=2;')?.parameters).toEqual({ version: '2' });
  });

  it('keeps the first occurrence of a duplicate parameter', () => {
    expect(parseMediaType('application/json; version=1; version=2')?.parameters).toEqual({ version: '1' });
  });

  it('treats names that differ only in case as duplicates, keeping the first', () => {
    expect(parseMediaType('application/json; Version="3"; VERSION=4')?.parameters).toEqual({ version: '3' });
  });

  it.each([
    ['the empty string', ''],
    ['null', null],
    ['undefined', undefined],
    ['a type without a subtype', 'json'],
    ['an empty subtype', 'application/'],
    ['an empty type', '/json'],
    ['a space in the type', 'a b/c'],
    ['a space in the subtype', 'application/js on'],
    ['a second slash', 'application/json/x'],
    ['only parameters', ';version=2'],
  ])('returns undefined for %s', (_label, text) => {
    expect(parseMediaType(text)).toBeUndefined();
  });
});

describe('isJsonMediaType', () => {
  it.each([
    'application/json',
    'application/json;version=2',
    'APPLICATION/JSON; charset=utf-8',
    'text/json',
    'application/vnd.acme.v2+json',
    'application/problem+json',
    'application/vnd.acme+JSON; version=2',
  ])('counts %j as JSON', (text) => {
    expect(isJsonMediaType(parseMediaType(text))).toBe(true);
  });

  it.each(['text/html', 'application/xml', 'application/jsonx', 'application/json-seq', 'application/vnd.acme+xml', 'text/plain'])(
    'does not count %j as JSON',
    (text) => {
      expect(isJsonMediaType(parseMediaType(text))).toBe(false);
    },
  );

  it('does not count a missing media type as JSON', () => {
    expect(isJsonMediaType(undefined)).toBe(false);
  });
});

describe('formatMediaType', () => {
  it('writes type/subtype alone when there are no parameters', () => {
    expect(formatMediaType({ type: 'application', subtype: 'problem+json', suffix: 'json', parameters: {} })).toBe('application/problem+json');
  });

  it('writes token values bare, joined by ; without spaces', () => {
    expect(formatMediaType({ type: 'application', subtype: 'json', parameters: { version: '2', charset: 'utf-8' } })).toBe(
      'application/json;version=2;charset=utf-8',
    );
  });

  it('quotes a value with a space', () => {
    expect(formatMediaType({ type: 'text', subtype: 'plain', parameters: { title: 'a b' } })).toBe('text/plain;title="a b"');
  });

  it('quotes a value with a ;', () => {
    expect(formatMediaType({ type: 'text', subtype: 'plain', parameters: { x: 'a;b' } })).toBe('text/plain;x="a;b"');
  });

  it('quotes a value with a quote and escapes the quote and backslashes', () => {
    expect(formatMediaType({ type: 'text', subtype: 'plain', parameters: { x: 'a"b\\c' } })).toBe('text/plain;x="a\\"b\\\\c"');
  });

  it('quotes an empty value', () => {
    expect(formatMediaType({ type: 'text', subtype: 'plain', parameters: { x: '' } })).toBe('text/plain;x=""');
  });

  it('normalizes what it parsed: lower-case names, no spaces, quotes only where needed', () => {
    expect(formatMediaType(parseMediaType('APPLICATION/JSON; Version="2"; Charset = utf-8')!)).toBe('application/json;version=2;charset=utf-8');
  });

  it.each([
    'application/json',
    'application/json;version=2',
    'application/vnd.acme.v2+json;version=2',
    'text/plain;x="a;b\\"c";charset=utf-8',
    'text/plain;title="a b";y=""',
    'text/plain;x="back\\\\slash"',
  ])('round-trips %j through parse and format unchanged', (text) => {
    expect(formatMediaType(parseMediaType(text)!)).toBe(text);
  });

  it.each<MediaType>([
    { type: 'text', subtype: 'plain', parameters: { x: 'a;b"c', y: ' spaced ', z: 'tok-en' } },
    { type: 'application', subtype: 'vnd.acme.v2+json', suffix: 'json', parameters: { version: '2', note: 'x\\y=z' } },
  ])('parses what it formats back to the same media type (%#)', (mediaType) => {
    expect(parseMediaType(formatMediaType(mediaType))).toEqual(mediaType);
  });
});

/** A spec with one operation answering in two versions of application/json. */
interface TokenV1 {
  token: string;
}
interface TokenV2 {
  token: string;
  expiresIn: number;
}
interface VersionedPaths {
  '/tokens': {
    parameters: { query?: never; header?: never; path?: never; cookie?: never };
    get?: never;
    put?: never;
    post: {
      parameters: { query?: never; header?: never; path?: never; cookie?: never };
      requestBody: { content: { 'application/json;version=1': { name: string }; 'application/json;version=2': { name: string; scope: string } } };
      responses: {
        200: { headers: { [name: string]: unknown }; content: { 'application/json;version=1': TokenV1; 'application/json;version=2': TokenV2 } };
        400: { headers: { [name: string]: unknown }; content: { 'application/json': { message: string } } };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}

describe('version checks over HTTP', () => {
  let server: TestServer;
  let answer: TestResponse;
  beforeAll(async () => {
    server = await startTestServer(() => answer);
  });
  afterAll(() => server.close());

  const api = () => createApiClient<VersionedPaths>({ provider: 'acme', baseUrl: server.url, maxRetries: 0 });

  it('reads an answer in application/json; version="2"; charset=utf-8 as version 2', async () => {
    answer = { status: 200, headers: { 'content-type': 'application/json; version="2"; charset=utf-8' }, body: { token: 't2', expiresIn: 60 } };
    const { data, error } = await api().POST('/tokens', { version: 2, body: { name: 'n', scope: 's' } });
    expect(error).toBeUndefined();
    expect(data).toEqual({ token: 't2', expiresIn: 60 });
    const sent = server.requests.at(-1)!;
    expect(sent.headers['accept']).toBe('application/json;version=2');
    expect(sent.headers['content-type']).toBe('application/json;version=2');
  });

  it('reads an answer in APPLICATION/JSON;VERSION=2 as version 2', async () => {
    answer = { status: 200, headers: { 'content-type': 'APPLICATION/JSON;VERSION=2' }, body: { token: 't2', expiresIn: 60 } };
    const { data, error } = await api().POST('/tokens', { version: 2, body: { name: 'n', scope: 's' } });
    expect(error).toBeUndefined();
    expect(data).toEqual({ token: 't2', expiresIn: 60 });
  });

  it('turns an answer in application/json;version=1 to a version 2 call into a VersionNotSupportedError', async () => {
    answer = { status: 200, headers: { 'content-type': 'application/json;version=1' }, body: { token: 't1' } };
    const { data, error } = await api().POST('/tokens', { version: 2, body: { name: 'n', scope: 's' } });
    expect(data).toBeUndefined();
    expect(error).toBeInstanceOf(VersionNotSupportedError);
    const refused = error as VersionNotSupportedError;
    expect(refused.status).toBe(200);
    expect(refused.provider).toBe('acme');
    expect(refused.requestedMediaType).toBe('application/json;version=2');
    expect(refused.receivedMediaType).toBe('application/json;version=1');
  });

  it('reports the received media type normalized when the wrong version came quoted with other parameters', async () => {
    answer = { status: 200, headers: { 'content-type': 'Application/JSON; Version="1"; charset=utf-8' }, body: { token: 't1' } };
    const { error } = await api().POST('/tokens', { version: 2, body: { name: 'n', scope: 's' } });
    expect(error).toBeInstanceOf(VersionNotSupportedError);
    const refused = error as VersionNotSupportedError;
    expect(refused.requestedMediaType).toBe('application/json;version=2');
    expect(refused.receivedMediaType).toBe('application/json;version=1;charset=utf-8');
  });
});
