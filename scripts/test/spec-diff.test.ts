/**
 * The spec diff's rules, on copies of our specs: each case edits a copy of a real spec
 * the way a provider might, and checks the bump and the spec path of what is found.
 * The five acceptance cases also run through the real `spec:diff` CLI in a
 * temporary git repository.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { providers } from '../providers.ts';
import { diffDocuments, normalizeMediaType, requiredBump, type Finding } from '../spec-diff/index.ts';
import { repoRoot, TempRepo } from './support/repo.ts';

type Spec = any;
const specs = new Map<string, string>();
beforeAll(async () => {
  for (const p of providers) specs.set(p.name, await readFile(join(repoRoot, p.spec), 'utf8'));
});

/** A fresh parsed copy of one of our specs. */
const copy = (name: string): Spec => parse(specs.get(name)!);

function diff(name: string, edit: (spec: Spec) => void): Finding[] {
  const after = copy(name);
  edit(after);
  // Through YAML text and back, as a spec file would be.
  return diffDocuments(copy(name), parse(stringify(after)));
}

const token = (spec: Spec) => spec.paths['/token'].post;
const V2 = 'application/json;version=2';

describe('the acceptance cases, on copies of our specs', () => {
  it('removing a response field is major, at the media type it was read through', () => {
    const findings = diff('transactionlink', (s) => {
      const dto = s.components.schemas.WorkflowTokenDtoV2;
      delete dto.properties.id;
      dto.required = dto.required.filter((r: string) => r !== 'id');
    });
    expect(findings).toEqual([
      {
        bump: 'major',
        path: `paths./token.post.responses.201.content.${V2}.schema.properties.id`,
        at: 'components.schemas.WorkflowTokenDtoV2.properties.id',
        change: 'response field `id` removed',
      },
    ]);
    expect(requiredBump(findings)).toBe('major');
  });

  it('adding an optional request field is minor', () => {
    const findings = diff('transactionlink', (s) => {
      s.components.schemas.CreateWorkflowTokenV2Dto.properties.locale = { type: 'string', description: 'Widget language.' };
    });
    expect(findings).toEqual([
      {
        bump: 'minor',
        path: `paths./token.post.requestBody.content.${V2}.schema.properties.locale`,
        at: 'components.schemas.CreateWorkflowTokenV2Dto.properties.locale',
        change: 'optional request field `locale` added',
      },
    ]);
  });

  it('editing a description is patch', () => {
    const findings = diff('formflow', (s) => {
      s.components.schemas.GetTokenResponseDto.properties.expires_in.description = 'Token lifetime in seconds.';
    });
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      bump: 'patch',
      path: 'paths./api/token.post.responses.200.content.application/json.schema.properties.expires_in.description',
      change: '`description` changed (documentation)',
    });
  });

  it('adding the v3 media type of an operation is minor', () => {
    const findings = diff('transactionlink', (s) => {
      token(s).requestBody.content['application/json;version=3'] = { schema: { $ref: '#/components/schemas/CreateWorkflowTokenV2Dto' } };
      token(s).responses['201'].content['application/json;version=3'] = { schema: { $ref: '#/components/schemas/WorkflowTokenDtoV2' } };
    });
    expect(findings.map((f) => [f.bump, f.path])).toEqual([
      ['minor', 'paths./token.post.requestBody.content.application/json;version=3'],
      ['minor', 'paths./token.post.responses.201.content.application/json;version=3'],
    ]);
    expect(requiredBump(findings)).toBe('minor');
  });

  it('removing v1 is major', () => {
    const findings = diff('transactionlink', (s) => {
      delete token(s).requestBody.content['application/json'];
      delete token(s).responses['201'].content['application/json'];
    });
    expect(findings.map((f) => [f.bump, f.path, f.change])).toEqual([
      ['major', 'paths./token.post.requestBody.content.application/json', 'request media type application/json removed'],
      ['major', 'paths./token.post.responses.201.content.application/json', 'response media type application/json removed'],
    ]);
  });
});

describe('the rules', () => {
  it.each(providers.map((p) => [p.name]))('finds nothing between %s and itself, even reformatted', (name) => {
    expect(diffDocuments(copy(name), copy(name))).toEqual([]);
    expect(diffDocuments(copy(name), parse(stringify(copy(name), { indent: 4, lineWidth: 0 })))).toEqual([]);
  });

  const cases: [string, string, (s: Spec) => void, Finding['bump'], string, string][] = [
    ['a new required request field', 'formflow', (s) => {
      const dto = s.components.schemas.ApiClientsRequestDto;
      dto.properties.scope = { type: 'string' };
      dto.required.push('scope');
    }, 'major', 'paths./api/token.post.requestBody.content.application/json.schema.properties.scope', 'new required request field `scope`'],
    ['a request field turned required', 'transactionlink', (s) => {
      s.components.schemas.CreateWorkflowTokenV2Dto.required.push('recordId');
    }, 'major', `paths./token.post.requestBody.content.${V2}.schema.properties.recordId`, 'request field `recordId` became required'],
    ['a response field turned optional', 'onespan', (s) => {
      s.components.schemas.SessionCreationTokenResponse.required = ['token'];
    }, 'major', 'paths./api/transaction/{transaction_id}/token.post.responses.200.content.application/json.schema.properties.role', 'response field `role` became optional'],
    ['a new response field', 'onespan', (s) => {
      s.components.schemas.SessionCreationTokenResponse.properties.expiresAt = { type: 'string', format: 'date-time' };
    }, 'minor', 'paths./api/transaction/{transaction_id}/token.post.responses.200.content.application/json.schema.properties.expiresAt', 'optional response field `expiresAt` added'],
    ['an enum value removed', 'formflow', (s) => {
      s.components.schemas.GetTokenResponseDto.properties.token_type.enum = ['bearer'];
    }, 'major', 'paths./api/token.post.responses.200.content.application/json.schema.properties.token_type.enum', 'response enum value "Bearer" removed'],
    ['an enum value added to a request', 'finpay', (s) => {
      s.components.schemas.GetTokenRequest.properties.requestType.enum.push('refreshToken');
    }, 'minor', 'paths./security/getToken.post.requestBody.content.application/json.schema.properties.requestType.enum', 'request enum value "refreshToken" added'],
    ['an enum value added to a response', 'formflow', (s) => {
      s.components.schemas.GetTokenResponseDto.properties.token_type.enum.push('MAC');
    }, 'major', 'paths./api/token.post.responses.200.content.application/json.schema.properties.token_type.enum', 'response enum value "MAC" added'],
    ['a narrowed request type', 'transactionlink', (s) => {
      s.components.schemas.CreateCaseWorkflowTokenDto.properties.lang = { type: 'string', enum: ['en', 'pl'] };
    }, 'major', 'paths./token.post.requestBody.content.application/json.schema.properties.lang.enum', 'values restricted to ["en","pl"] (narrowed)'],
    ['a request number narrowed to integer', 'finpay', (s) => {
      s.components.schemas.GetTokenRequest.properties.transNumber = { type: 'integer' };
    }, 'major', 'paths./security/getToken.post.requestBody.content.application/json.schema.properties.transNumber.type', 'type changed from string to integer'],
    ['a response type widened to nullable', 'formflow', (s) => {
      s.components.schemas.GetTokenResponseDto.properties.expires_in.nullable = true;
    }, 'major', 'paths./api/token.post.responses.200.content.application/json.schema.properties.expires_in.type', 'type changed from number to null | number (widened)'],
    ['a changed format', 'transactionlink', (s) => {
      s.components.schemas.CreateWorkflowTokenV2Dto.properties.recordId.format = 'ulid';
    }, 'major', `paths./token.post.requestBody.content.${V2}.schema.properties.recordId.format`, 'format changed from uuid to ulid'],
    ['a tighter request constraint', 'onespan', (s) => {
      s.components.schemas.SessionCreationTokenRequest.properties.role.maxLength = 16;
    }, 'major', 'paths./api/transaction/{transaction_id}/token.post.requestBody.content.application/json.schema.properties.role.maxLength', '`maxLength` 32 → 16 (tightened: requests that passed may be rejected)'],
    ['a looser request constraint', 'onespan', (s) => {
      s.components.schemas.SessionCreationTokenRequest.properties.role.maxLength = 64;
    }, 'minor', 'paths./api/transaction/{transaction_id}/token.post.requestBody.content.application/json.schema.properties.role.maxLength', '`maxLength` 32 → 64 (loosened)'],
    ['a removed operation', 'transactionlink', (s) => {
      delete s.paths['/auth/refresh'];
    }, 'major', 'paths./auth/refresh.post', 'operation POST /auth/refresh removed'],
    ['an added operation', 'formflow', (s) => {
      s.paths['/api/token/revoke'] = { post: { operationId: 'revoke', responses: { '204': { description: 'Revoked.' } } } };
    }, 'minor', 'paths./api/token/revoke.post', 'operation POST /api/token/revoke added'],
    ['a renamed operationId', 'finpay', (s) => {
      s.paths['/security/getToken'].post.operationId = 'getWidgetToken';
    }, 'major', 'paths./security/getToken.post.operationId', 'operationId renamed from getToken to getWidgetToken (the generated `operations` type is keyed by it)'],
    ['a new required parameter', 'onespan', (s) => {
      s.paths['/api/transaction/{transaction_id}/token'].post.parameters.push({ name: 'X-Tenant', in: 'header', required: true, schema: { type: 'string' } });
    }, 'major', 'paths./api/transaction/{transaction_id}/token.post.parameters.header.X-Tenant', 'new required header parameter `X-Tenant`'],
    ['a path parameter whose format changed', 'onespan', (s) => {
      delete s.paths['/api/transaction/{transaction_id}/token'].post.parameters[0].schema.format;
    }, 'major', 'paths./api/transaction/{transaction_id}/token.post.parameters.path.transaction_id.schema.format', 'format changed from uuid to none'],
    ['a media type spelled differently', 'transactionlink', (s) => {
      const content = token(s).requestBody.content;
      content['application/json; version="2"'] = content[V2];
      delete content[V2];
    }, 'major', 'paths./token.post.requestBody.content.application/json; version="2"', 'request media type respelled from application/json;version=2 to application/json; version="2" (the generated types are keyed by the spelling)'],
    ['a removed response status', 'transactionlink', (s) => {
      delete token(s).responses['406'];
    }, 'major', 'paths./token.post.responses.406', 'response 406 removed'],
    ['an added error response', 'onespan', (s) => {
      s.paths['/api/transaction/{transaction_id}/token'].post.responses['429'] = { description: 'Too many requests.' };
    }, 'minor', 'paths./api/transaction/{transaction_id}/token.post.responses.429', 'response 429 added'],
    ['a removed response header', 'formflow', (s) => {
      delete s.paths['/api/token'].post.responses['429'].headers;
    }, 'major', 'paths./api/token.post.responses.429.headers.Retry-After', 'response header Retry-After removed'],
    ['a removed component (an exported type)', 'formflow', (s) => {
      s.components.schemas.Unused = { type: 'object' };
    }, 'minor', 'components.schemas.Unused', 'component schemas.Unused added (a new exported type)'],
    ['a deprecation', 'transactionlink', (s) => {
      s.components.schemas.CreateWorkflowTokenV2Dto.properties.parametersId.deprecated = true;
    }, 'minor', `paths./token.post.requestBody.content.${V2}.schema.properties.parametersId.deprecated`, '`deprecated` added (deprecation)'],
    ['an edited example', 'finpay', (s) => {
      s.paths['/security/getToken'].post.requestBody.content['application/json'].example.transNumber = 'TKN1';
    }, 'patch', 'paths./security/getToken.post.requestBody.content.application/json.example', '`example` changed (documentation)'],
    ['a keyword no rule knows', 'finpay', (s) => {
      s.components.schemas.GetTokenRequest.properties.signature.contentEncoding = 'base16';
    }, 'major', 'paths./security/getToken.post.requestBody.content.application/json.schema.properties.signature.contentEncoding', '`contentEncoding` added (not understood by the spec diff, so major to be safe)'],
  ];

  // The edit goes last so that the test's title shows the bump.
  it.each(cases.map(([title, name, edit, bump, path, change]) => [title, name, bump, path, change, edit] as const))('%s (%s) → %s', (_title, name, bump, path, change, edit) => {
    const findings = diff(name, edit);
    expect(findings).toContainEqual(expect.objectContaining({ bump, path, change }));
    expect(requiredBump(findings)).toBe(bump);
  });

  it('reports a change inside a shared component once, at its first use', () => {
    const findings = diff('transactionlink', (s) => {
      s.components.schemas.ErrorResponse.properties.fingerprint.description = 'Error id, for support.';
    });
    expect(findings).toHaveLength(1);
    expect(findings[0]!.at).toBe('components.schemas.ErrorResponse.properties.fingerprint.description');
  });

  it('follows references into components that changed, and recursive schemas without looping', () => {
    const recursive = (s: Spec, extra: boolean) => {
      s.components.schemas.Node = { type: 'object', properties: { child: { $ref: '#/components/schemas/Node' }, ...(extra ? { name: { type: 'string' } } : {}) } };
      s.components.schemas.GetTokenResponseDto.properties.tree = { $ref: '#/components/schemas/Node' };
    };
    const before = copy('formflow');
    recursive(before, false);
    const after = copy('formflow');
    recursive(after, true);
    expect(diffDocuments(before, after)).toEqual([
      {
        bump: 'minor',
        path: 'paths./api/token.post.responses.200.content.application/json.schema.properties.tree.properties.name',
        at: 'components.schemas.Node.properties.name',
        change: 'optional response field `name` added',
      },
    ]);
  });

  it('classifies a whole spec added or removed', () => {
    expect(diffDocuments(undefined, copy('formflow'))).toEqual([{ bump: 'minor', path: '', change: 'spec added' }]);
    expect(requiredBump(diffDocuments(copy('formflow'), undefined))).toBe('major');
  });

  it('matches media types by their parsed parameters', () => {
    expect(normalizeMediaType('application/json;version=2')).toBe(normalizeMediaType('Application/JSON; Version="2"'));
    expect(normalizeMediaType('application/json;version=2;charset=utf-8')).toBe(normalizeMediaType('application/json; charset=utf-8; version=2'));
    expect(normalizeMediaType('application/json;version=2')).not.toBe(normalizeMediaType('application/json;version=3'));
  });
});

describe('pnpm spec:diff', () => {
  let repo: TempRepo;
  beforeAll(async () => {
    repo = await TempRepo.create();
  });
  afterAll(() => repo.remove());

  const acceptance: [string, string, (s: Spec) => void, string, string][] = [
    ['removing a response field', 'specs/formflow.yaml', (s) => {
      const dto = s.components.schemas.GetTokenResponseDto;
      delete dto.properties.expires_in;
      dto.required = dto.required.filter((r: string) => r !== 'expires_in');
    }, 'major', 'paths./api/token.post.responses.200.content.application/json.schema.properties.expires_in'],
    ['adding an optional request field', 'specs/finpay.yaml', (s) => {
      s.components.schemas.GetTokenRequest.properties.channel = { type: 'string' };
    }, 'minor', 'paths./security/getToken.post.requestBody.content.application/json.schema.properties.channel'],
    ['editing a description', 'specs/onespan.yaml', (s) => {
      s.paths['/api/transaction/{transaction_id}/token'].post.description = 'Issues a session creation token.';
    }, 'patch', 'paths./api/transaction/{transaction_id}/token.post.description'],
    ['adding the v3 media type', 'specs/transactionlink.yaml', (s) => {
      token(s).requestBody.content['application/json;version=3'] = { schema: { $ref: '#/components/schemas/CreateWorkflowTokenV2Dto' } };
    }, 'minor', 'paths./token.post.requestBody.content.application/json;version=3'],
    ['removing v1', 'specs/transactionlink.yaml', (s) => {
      delete token(s).requestBody.content['application/json'];
    }, 'major', 'paths./token.post.requestBody.content.application/json'],
  ];

  it.each(acceptance.map(([title, spec, edit, bump, path]) => [title, spec, bump, path, edit] as const))('%s (%s) → %s, named by its spec path', async (_title, spec, bump, path, edit) => {
    const original = await repo.read(spec);
    await repo.editYaml(spec, edit);
    try {
      const { status, output } = repo.run('spec-diff', '--base', 'HEAD');
      expect(status).toBe(0);
      expect(output).toMatch(new RegExp(`^${spec.replace('.', '\\.')} → @tokens/\\w+: ${bump}$`, 'm'));
      expect(output).toContain(`\n  ${bump.padEnd(5)}  ${path}`);
      // Every other spec: nothing consumers see.
      expect(output.match(/: no change consumers see$/gm)).toHaveLength(providers.length - 1);
    } finally {
      await repo.write(spec, original);
    }
  });

  it('says which base it compared with, answers --json, and fails clearly on a base that does not exist', () => {
    expect(repo.run('spec-diff', '--base', 'HEAD').output).toContain('comparing specs/ with HEAD (--base,');
    const json = JSON.parse(repo.run('spec-diff', '--base', 'HEAD', '--json').stdout) as { base: { kind: string }; specs: { spec: string; findings: Finding[] }[] };
    expect(json.base.kind).toBe('ref');
    expect(json.specs.map((s) => [s.spec, s.findings])).toEqual(providers.map((p) => [p.spec, []]).sort());
    const missing = repo.run('spec-diff', '--base', 'no-such-ref');
    expect(missing.status).toBe(2);
    expect(missing.output).toContain('--base no-such-ref: no such commit, branch or tag here');
  });

  it('names a spec it cannot read instead of crashing', async () => {
    const original = await repo.read('specs/finpay.yaml');
    await repo.write('specs/finpay.yaml', `${original}\n  bad: [indentation\n`);
    try {
      const { status, output } = repo.run('spec-diff', '--base', 'HEAD');
      expect(status).toBe(2);
      expect(output).toMatch(/^spec:diff: specs\/finpay\.yaml: not valid YAML/m);
    } finally {
      await repo.write('specs/finpay.yaml', original);
    }
  });
});
