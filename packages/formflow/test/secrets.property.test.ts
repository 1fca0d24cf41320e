/**
 * Issue 12, point 11: for random secrets (any printable text, quotes,
 * backslashes, non-ASCII) as the client secret, no error and no log event holds
 * the secret, its JSON-escaped or URL-encoded form, whatever way a hostile
 * 127.0.0.1 server fails the token call while echoing the whole request. 500
 * runs, each a real HTTP call; the seed is printed (FC_SEED=<seed> replays).
 */
import { assertSecretsStayHidden, secretText } from '@tokens/testkit';
import fc from 'fast-check';
import { it } from 'vitest';

/** Hundreds of HTTP calls: a few seconds alone, far more while a whole suite shares two cores (bounded by runs, not time). */
const SLOW_ON_A_BUSY_MACHINE = 300_000;
import { createFormflowClient, TokensError, ValidationError } from '../src/index';

it('a random clientSecret is in no error and no log event, whatever the failure (500 HTTP calls)', () =>
  assertSecretsStayHidden({
    name: 'formflow clientSecret',
    secrets: fc.tuple(secretText),
    numRuns: 500,
    minHttpRuns: 500,
    errors: { TokensError, ValidationError },
    call: ([clientSecret], options) => createFormflowClient({ ...options, clientId: 'client-7', organizationId: 'org-42', clientSecret }).getToken(),
  }), SLOW_ON_A_BUSY_MACHINE);
