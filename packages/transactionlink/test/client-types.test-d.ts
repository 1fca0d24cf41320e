/**
 * createWidgetToken's result type follows `version`, each version takes only its
 * own fields, and `auth` is one of the two forms.
 */
import { describe, expectTypeOf, it } from 'vitest';
import {
  createTransactionLinkClient,
  type ApiClient,
  type IssuedToken,
  type paths,
  type TransactionLinkClient,
  type WidgetTokenInput,
  type WorkflowTokenDto,
  type WorkflowTokenDtoV2,
} from '../src/index';

const tl = createTransactionLinkClient({ auth: { token: 'tot_example' } });
const workflowDefinitionId = '3b2d8a4f-579f-4e2e-a51c-f859e532fe8c';
const caseId = '11111111-2222-3333-4444-555555555555';

describe('createWidgetToken', () => {
  it('v2 (no version) resolves to IssuedToken<WorkflowTokenDtoV2> with id', async () => {
    const token = await tl.createWidgetToken({ workflowDefinitionId, recordId: caseId, parametersId: caseId });
    expectTypeOf(token).toEqualTypeOf<IssuedToken<WorkflowTokenDtoV2> & { id: string }>();
    expectTypeOf(token.raw).toEqualTypeOf<WorkflowTokenDtoV2>();
    expectTypeOf(token.id).toEqualTypeOf<string>();
    expectTypeOf(token.expiresAt).toEqualTypeOf<Date>();
  });

  it('version: 2 resolves to the same', async () => {
    expectTypeOf(await tl.createWidgetToken({ version: 2, workflowDefinitionId })).toEqualTypeOf<IssuedToken<WorkflowTokenDtoV2> & { id: string }>();
  });

  it('version: 1 resolves to IssuedToken<WorkflowTokenDto>, without id', async () => {
    const token = await tl.createWidgetToken({ version: 1, caseId, workflowDefinitionId, parametersId: 'p', lang: 'en' });
    expectTypeOf(token).toEqualTypeOf<IssuedToken<WorkflowTokenDto>>();
    expectTypeOf(token.raw).toEqualTypeOf<WorkflowTokenDto>();
    // @ts-expect-error v1 tokens have no id
    void token.id;
  });

  it('an input of either version resolves to either token', async () => {
    const input = {} as WidgetTokenInput;
    expectTypeOf(await tl.createWidgetToken(input)).toEqualTypeOf<IssuedToken<WorkflowTokenDto> | (IssuedToken<WorkflowTokenDtoV2> & { id: string })>();
  });

  it('v1 requires caseId and workflowDefinitionId', () => {
    // @ts-expect-error caseId is required in v1
    void tl.createWidgetToken({ version: 1, workflowDefinitionId });
    // @ts-expect-error workflowDefinitionId is required in v1
    void tl.createWidgetToken({ version: 1, caseId });
    // @ts-expect-error recordId is a v2 field
    void tl.createWidgetToken({ version: 1, caseId, workflowDefinitionId, recordId: caseId });
  });

  it('v2 refuses caseId and lang, and requires workflowDefinitionId', () => {
    // @ts-expect-error caseId is a v1 field
    void tl.createWidgetToken({ workflowDefinitionId, caseId });
    // @ts-expect-error caseId is a v1 field
    void tl.createWidgetToken({ version: 2, workflowDefinitionId, caseId });
    const withCase = { workflowDefinitionId, caseId };
    // @ts-expect-error caseId is a v1 field, even outside an object literal
    void tl.createWidgetToken(withCase);
    // @ts-expect-error lang is a v1 field
    void tl.createWidgetToken({ workflowDefinitionId, lang: 'en' });
    // @ts-expect-error workflowDefinitionId is required
    void tl.createWidgetToken({ recordId: caseId });
  });

  it('refuses other versions', () => {
    // @ts-expect-error only versions 1 and 2
    void tl.createWidgetToken({ version: 3, workflowDefinitionId });
  });

  it('takes per-call options', () => {
    void tl.createWidgetToken({ workflowDefinitionId }, { signal: AbortSignal.timeout(1000), timeoutMs: 5000, maxRetries: 0 });
    // @ts-expect-error not a call option
    void tl.createWidgetToken({ workflowDefinitionId }, { version: 2 });
  });
});

describe('createTransactionLinkClient', () => {
  it('takes an organization token or a key and secret', () => {
    expectTypeOf(createTransactionLinkClient({ auth: { key: 'k', secret: 's' }, refreshWindowMs: 60_000 })).toEqualTypeOf<TransactionLinkClient>();
    expectTypeOf(createTransactionLinkClient({ auth: { token: 'tot_x', scheme: 'Token' }, versionedContentType: false })).toEqualTypeOf<TransactionLinkClient>();
    expectTypeOf(createTransactionLinkClient({ auth: { token: 'tot_x' }, baseUrl: 'https://example.test', timeoutMs: 1, maxRetries: 0 })).toEqualTypeOf<TransactionLinkClient>();
  });

  it('refuses both, neither, or half a login', () => {
    // @ts-expect-error token or key/secret, not both
    createTransactionLinkClient({ auth: { token: 'tot_x', key: 'k', secret: 's' } });
    // @ts-expect-error auth is required
    createTransactionLinkClient({});
    // @ts-expect-error scheme is for the organization token
    createTransactionLinkClient({ auth: { key: 'k', secret: 's', scheme: 'Bearer' } });
    // @ts-expect-error secret is required with key
    createTransactionLinkClient({ auth: { key: 'k' } });
  });

  it('api is the typed spec client', () => {
    expectTypeOf(tl.api).toEqualTypeOf<ApiClient<paths>>();
  });
});
