/**
 * Per-call media-type selection on the TransactionLink spec: `version: 2` types the
 * body and `data` as v2, no version as v1 (the plain application/json type).
 */
import type { ApiError } from '@tokens/core';
import { describe, expectTypeOf, it } from 'vitest';
import { createTransactionLinkClient, type components } from '../src/index';

type V1Body = components['schemas']['CreateCaseWorkflowTokenDto'];
type V2Body = components['schemas']['CreateWorkflowTokenV2Dto'];
type V1Token = components['schemas']['WorkflowTokenDto'];
type V2Token = components['schemas']['WorkflowTokenDtoV2'];

const { api } = createTransactionLinkClient({ auth: { token: 'tot_example' } });
const workflowDefinitionId = '3b2d8a4f-579f-4e2e-a51c-f859e532fe8c';
const caseId = '11111111-2222-3333-4444-555555555555';

describe('POST /token with version: 2', () => {
  it('accepts a v2 body', () => {
    void api.POST('/token', { version: 2, body: { workflowDefinitionId, recordId: caseId } });
    void api.POST('/token', { version: 2, body: { workflowDefinitionId } });
  });

  it('rejects a v1-only body (caseId)', () => {
    // @ts-expect-error caseId is not a v2 field
    void api.POST('/token', { version: 2, body: { workflowDefinitionId, caseId } });
  });

  it('types data as exactly the v2 response (with id)', async () => {
    const { data, error } = await api.POST('/token', { version: 2, body: { workflowDefinitionId } });
    expectTypeOf(data).toEqualTypeOf<V2Token | undefined>();
    if (data) expectTypeOf(data.id).toEqualTypeOf<string>();
    expectTypeOf(error).toEqualTypeOf<ApiError<components['schemas']['ErrorResponse']> | undefined>();
  });

  it('types the body parameter as exactly the v2 request schema', () => {
    type Init = Parameters<typeof api.POST<'/token', 2>>[1];
    expectTypeOf<NonNullable<Init>['body']>().toEqualTypeOf<V2Body>();
  });
});

describe('POST /token without a version', () => {
  it('accepts a v1 body', () => {
    void api.POST('/token', { body: { caseId, workflowDefinitionId } });
  });

  it('rejects a v2-only body (no caseId, recordId)', () => {
    // @ts-expect-error v1 requires caseId
    void api.POST('/token', { body: { workflowDefinitionId } });
    // @ts-expect-error recordId is not a v1 field
    void api.POST('/token', { body: { caseId, workflowDefinitionId, recordId: caseId } });
  });

  it('types data as exactly the v1 response (no id)', async () => {
    const { data } = await api.POST('/token', { body: { caseId, workflowDefinitionId } });
    expectTypeOf(data).toEqualTypeOf<V1Token | undefined>();
    // @ts-expect-error v1 answers carry no id
    void data?.id;
  });

  it('types the body parameter as exactly the v1 request schema', () => {
    type Init = Parameters<typeof api.POST<'/token'>>[1];
    expectTypeOf<NonNullable<Init>['body']>().toEqualTypeOf<V1Body>();
  });
});

describe('selection is checked against what the operation declares', () => {
  it('rejects a version the operation does not declare', () => {
    // @ts-expect-error POST /token declares no version 3
    void api.POST('/token', { version: 3, body: { workflowDefinitionId } });
  });

  it('picks the same types by mediaType as by version', async () => {
    const { data } = await api.POST('/token', { mediaType: 'application/json;version=2', body: { workflowDefinitionId } });
    expectTypeOf(data).toEqualTypeOf<V2Token | undefined>();
    // @ts-expect-error not a media type of POST /token
    void api.POST('/token', { mediaType: 'application/xml', body: { workflowDefinitionId } });
  });

  it('rejects version and mediaType together', () => {
    // @ts-expect-error give one selection only
    void api.POST('/token', { version: 2, mediaType: 'application/json;version=2', body: { workflowDefinitionId } });
  });

  it('requires the body the spec requires', () => {
    // @ts-expect-error POST /token has a required body
    void api.POST('/token');
    // @ts-expect-error POST /token has a required body
    void api.POST('/token', { version: 2 });
  });

  it('only offers paths that have the method', () => {
    // @ts-expect-error there is no GET /token
    void api.GET('/token');
  });
});
