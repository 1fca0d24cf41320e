/**
 * What actually goes over the wire for each version of POST /token, and how the
 * answer's media type is read, against a real HTTP server on 127.0.0.1.
 */
import { startTestServer, type RecordedRequest, type TestServer } from '@tokens/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTransactionLinkClient } from '../src/index';

const workflowDefinitionId = '3b2d8a4f-579f-4e2e-a51c-f859e532fe8c';
const caseId = '11111111-2222-3333-4444-555555555555';
const v1Token = { token: 'v1-token', expiryDuration: 3600, tokenType: 'Bearer' };
const v2Token = { id: 'tok_1', token: 'v2-token', expiryDuration: 3600, tokenType: 'Bearer' };

/** Answers in the version the request's Accept asks for, written the way servers vary it. */
function answer(request: RecordedRequest) {
  const wantsV2 = /version=2/.test(String(request.headers['accept']));
  return wantsV2
    ? { status: 201, headers: { 'content-type': 'application/json; version="2"; charset=utf-8' }, body: v2Token }
    : { status: 201, headers: { 'content-type': 'application/json;charset=utf-8' }, body: v1Token };
}

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer(answer);
});
afterAll(() => server.close());

function client() {
  return createTransactionLinkClient({ baseUrl: server.url, auth: { token: 'tot_test' } }).api;
}

describe('POST /token headers', () => {
  it('v1 (no version): sends and accepts application/json', async () => {
    const { data, error } = await client().POST('/token', { body: { caseId, workflowDefinitionId } });
    const sent = server.requests.at(-1)!;
    expect(sent.method).toBe('POST');
    expect(sent.url).toBe('/token');
    expect(sent.headers['content-type']).toBe('application/json');
    expect(sent.headers['accept']).toBe('application/json');
    expect(sent.headers['authorization']).toBe('Bearer tot_test');
    expect(JSON.parse(sent.body)).toEqual({ caseId, workflowDefinitionId });
    expect(error).toBeUndefined();
    expect(data).toEqual(v1Token);
  });

  it('version: 2: sends application/json;version=2 as Content-Type and Accept', async () => {
    const { data, error } = await client().POST('/token', { version: 2, body: { workflowDefinitionId } });
    const sent = server.requests.at(-1)!;
    expect(sent.headers['content-type']).toBe('application/json;version=2');
    expect(sent.headers['accept']).toBe('application/json;version=2');
    expect(JSON.parse(sent.body)).toEqual({ workflowDefinitionId });
    expect(error).toBeUndefined();
    expect(data).toEqual(v2Token);
  });

  it('mediaType: sends exactly the media type chosen', async () => {
    const { data } = await client().POST('/token', { mediaType: 'application/json;version=2', body: { workflowDefinitionId } });
    const sent = server.requests.at(-1)!;
    expect(sent.headers['content-type']).toBe('application/json;version=2');
    expect(sent.headers['accept']).toBe('application/json;version=2');
    expect(data).toEqual(v2Token);
  });

  it('the negotiated headers win over same-named headers given per call or per client', async () => {
    const api = createTransactionLinkClient({ baseUrl: server.url, auth: { token: 'tot_test' }, headers: { accept: 'text/html' } }).api;
    await api.POST('/token', { version: 2, body: { workflowDefinitionId }, headers: { 'Content-Type': 'text/plain', 'x-trace': 't1' } });
    const sent = server.requests.at(-1)!;
    expect(sent.headers['accept']).toBe('application/json;version=2');
    expect(sent.headers['content-type']).toBe('application/json;version=2');
    expect(sent.headers['x-trace']).toBe('t1');
  });
});
