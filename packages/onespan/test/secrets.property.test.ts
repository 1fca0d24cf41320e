/**
 * Issue 12, point 11: for random secrets (any printable text, quotes,
 * backslashes, non-ASCII) as the tenant access token, no error and no log event
 * holds the secret, its JSON-escaped or URL-encoded form, whatever way a hostile
 * 127.0.0.1 server fails the call while echoing the whole request (a token no
 * header can carry is a ValidationError before any request). 800 runs, 500 or
 * more of them real HTTP calls; the seed is printed (FC_SEED=<seed> replays).
 */
import { anySecretText, assertSecretsStayHidden } from '@tokens/testkit';
import fc from 'fast-check';
import { it } from 'vitest';

/** Hundreds of HTTP calls: a few seconds alone, far more while a whole suite shares two cores (bounded by runs, not time). */
const SLOW_ON_A_BUSY_MACHINE = 300_000;
import { createOneSpanClient, TokensError, ValidationError } from '../src/index';
import { TRANSACTION_ID } from './fixtures';

it('a random accessToken is in no error and no log event, whatever the failure (800 runs, 500 or more of them HTTP calls)', () =>
  assertSecretsStayHidden({
    name: 'onespan accessToken',
    secrets: fc.tuple(anySecretText),
    numRuns: 800,
    minHttpRuns: 500,
    errors: { TokensError, ValidationError },
    call: ([accessToken], options) => createOneSpanClient({ ...options, accessToken }).createSessionCreationToken({ transactionId: TRANSACTION_ID, role: 'signer1' }),
  }), SLOW_ON_A_BUSY_MACHINE);
