/** Per-call media-type selection on a spec that versions by vendor `+json` types. */
import { describe, expectTypeOf, it } from 'vitest';
import { createApiClient, type ApiError } from '../src/index';
import type { paths, Problem, WidgetInputV2, WidgetV1, WidgetV2 } from './fixtures/vendor-json';

const api = createApiClient<paths>({ provider: 'acme', baseUrl: 'https://acme.example' });
const params = { path: { id: 'w1' } };
const v2 = 'application/vnd.acme.v2+json';

describe('PUT /widgets/{id} with mediaType: application/vnd.acme.v2+json', () => {
  it('accepts a v2 body and rejects a v1-only one', () => {
    void api.PUT('/widgets/{id}', { mediaType: v2, params, body: { name: 'w', palette: ['red'] } });
    // @ts-expect-error colour is not a v2 field, and v2 needs a palette
    void api.PUT('/widgets/{id}', { mediaType: v2, params, body: { name: 'w', colour: 'red' } });
  });

  it('types data as exactly the v2 widget and error as the problem body', async () => {
    const { data, error } = await api.PUT('/widgets/{id}', { mediaType: v2, params, body: { name: 'w', palette: [] } });
    expectTypeOf(data).toEqualTypeOf<WidgetV2 | undefined>();
    expectTypeOf(error).toEqualTypeOf<ApiError<Problem> | undefined>();
  });

  it('types the body parameter as exactly the v2 request schema', () => {
    type Init = Parameters<typeof api.PUT<'/widgets/{id}', undefined, typeof v2>>[1];
    expectTypeOf<Init['body']>().toEqualTypeOf<WidgetInputV2>();
  });
});

describe('PUT /widgets/{id} without a media type', () => {
  it('accepts a v1 body and rejects a v2-only one', () => {
    void api.PUT('/widgets/{id}', { params, body: { name: 'w', colour: 'red' } });
    // @ts-expect-error palette is a v2-only field
    void api.PUT('/widgets/{id}', { params, body: { name: 'w', palette: ['red'] } });
  });

  it('types data as exactly the v1 widget', async () => {
    const { data } = await api.PUT('/widgets/{id}', { params, body: { name: 'w' } });
    expectTypeOf(data).toEqualTypeOf<WidgetV1 | undefined>();
  });
});

describe('GET /widgets/{id}', () => {
  it('selects the response type by mediaType, with no body allowed', async () => {
    const { data } = await api.GET('/widgets/{id}', { mediaType: v2, params });
    expectTypeOf(data).toEqualTypeOf<WidgetV2 | undefined>();
    // @ts-expect-error GET has no body
    void api.GET('/widgets/{id}', { params, body: { name: 'w' } });
  });

  it('requires the path parameter and offers no version (no application/json;version=N is declared)', () => {
    // @ts-expect-error params.path.id is required
    void api.GET('/widgets/{id}');
    // @ts-expect-error this spec versions by media type, not by a version parameter
    void api.GET('/widgets/{id}', { version: 2, params });
  });

  it('rejects a media type the operation does not declare', () => {
    // @ts-expect-error not declared by GET /widgets/{id}
    void api.GET('/widgets/{id}', { mediaType: 'application/vnd.acme.v3+json', params });
  });
});
