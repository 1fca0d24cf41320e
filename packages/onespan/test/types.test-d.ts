/** What the public API's types promise: required options, the input, and the IssuedToken returned. */
import { describe, expectTypeOf, it } from 'vitest';
import {
  createOneSpanClient,
  type IssuedToken,
  type SessionCreationToken,
  type SessionCreationTokenResponse,
} from '../src/index';

const os = createOneSpanClient({ baseUrl: 'https://gs.onespan.cloud/rpoc-saa', accessToken: 'eyJ.x.y' });

describe('createOneSpanClient', () => {
  it('requires baseUrl and accessToken', () => {
    // @ts-expect-error baseUrl is required: the host is per tenant
    createOneSpanClient({ accessToken: 'eyJ.x.y' });
    // @ts-expect-error accessToken is required
    createOneSpanClient({ baseUrl: 'https://gs.onespan.cloud' });
  });
});

describe('createSessionCreationToken', () => {
  it('returns an IssuedToken of the response body, with the role', () => {
    expectTypeOf(os.createSessionCreationToken({ transactionId: 'x' })).resolves.toEqualTypeOf<SessionCreationToken>();
    expectTypeOf<SessionCreationToken>().toMatchTypeOf<IssuedToken<SessionCreationTokenResponse>>();
    expectTypeOf<SessionCreationToken['role']>().toEqualTypeOf<string>();
    expectTypeOf<SessionCreationToken['raw']>().toEqualTypeOf<{ token: string; role: string }>();
  });

  it('takes transactionId, an optional role and per-call options', () => {
    void os.createSessionCreationToken({ transactionId: 'x', role: 'signer1', signal: AbortSignal.timeout(1000), timeoutMs: 5000, maxRetries: 0 });
    // @ts-expect-error transactionId is required
    void os.createSessionCreationToken({ role: 'signer1' });
    // @ts-expect-error role is a string
    void os.createSessionCreationToken({ transactionId: 'x', role: 1 });
  });
});
