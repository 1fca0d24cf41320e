/**
 * Issue 12, point 11: for random secrets (any printable text, quotes,
 * backslashes, non-ASCII) as the password and the signing key, no error and no
 * log event holds a secret, its JSON-escaped or URL-encoded form, whatever way a
 * hostile 127.0.0.1 server fails the getToken call while echoing the whole
 * request (Basic credentials decoded). 500 runs, each a real HTTP call; the seed
 * is printed (FC_SEED=<seed> replays).
 */
import { assertSecretsStayHidden, secretText } from '@tokens/testkit';
import fc from 'fast-check';
import { it } from 'vitest';

/** Hundreds of HTTP calls: a few seconds alone, far more while a whole suite shares two cores (bounded by runs, not time). */
const SLOW_ON_A_BUSY_MACHINE = 300_000;
import { createFinpayClient, TokensError, ValidationError } from '../src/index';

it('a random password and secretKey are in no error and no log event, whatever the failure (500 HTTP calls)', () =>
  assertSecretsStayHidden({
    name: 'finpay password and secretKey',
    secrets: fc.tuple(secretText, secretText),
    numRuns: 500,
    minHttpRuns: 500,
    errors: { TokensError, ValidationError },
    call: ([password, secretKey], options) => createFinpayClient({ ...options, username: 'merchant-7', password, secretKey }).getToken(),
  }), SLOW_ON_A_BUSY_MACHINE);
