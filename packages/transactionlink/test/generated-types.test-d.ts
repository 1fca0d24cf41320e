/**
 * The generated types keep both versions of POST /token apart: each request media
 * type with its own schema, and the 201 response of each.
 */
import { describe, expectTypeOf, it } from 'vitest';
import type { components, paths } from '../src/index';

type CreateWidgetToken = paths['/token']['post'];
type RequestContent = CreateWidgetToken['requestBody']['content'];
type CreatedContent = CreateWidgetToken['responses'][201]['content'];
type Schemas = components['schemas'];

describe('POST /token generated types', () => {
  it('hold the v1 and v2 request media types, and no other', () => {
    expectTypeOf<keyof RequestContent>().toEqualTypeOf<'application/json' | 'application/json;version=2'>();
  });

  it('give v1 (application/json) the caseId body', () => {
    expectTypeOf<RequestContent['application/json']>().toEqualTypeOf<Schemas['CreateCaseWorkflowTokenDto']>();
    expectTypeOf<RequestContent['application/json']>().toEqualTypeOf<{
      caseId: string;
      workflowDefinitionId: string;
      parametersId?: string;
      lang?: string;
    }>();
  });

  it('give v2 (application/json;version=2) the recordId body', () => {
    expectTypeOf<RequestContent['application/json;version=2']>().toEqualTypeOf<Schemas['CreateWorkflowTokenV2Dto']>();
    expectTypeOf<RequestContent['application/json;version=2']>().toEqualTypeOf<{
      recordId?: string;
      workflowDefinitionId: string;
      parametersId?: string;
    }>();
    expectTypeOf<RequestContent['application/json;version=2']>().not.toEqualTypeOf<RequestContent['application/json']>();
  });

  it('hold a 201 response per version, v2 adding the token id', () => {
    expectTypeOf<keyof CreatedContent>().toEqualTypeOf<'application/json' | 'application/json;version=2'>();
    expectTypeOf<CreatedContent['application/json']>().toEqualTypeOf<{
      token: string;
      expiryDuration: number;
      tokenType: string;
    }>();
    expectTypeOf<CreatedContent['application/json;version=2']>().toEqualTypeOf<{
      id: string;
      token: string;
      expiryDuration: number;
      tokenType: string;
    }>();
  });

  it('share the documented error body between 400 and 404', () => {
    expectTypeOf<CreateWidgetToken['responses'][400]['content']['application/json']>().toEqualTypeOf<Schemas['ErrorResponse']>();
    expectTypeOf<CreateWidgetToken['responses'][404]['content']['application/json']>().toEqualTypeOf<Schemas['ErrorResponse']>();
  });
});
