/**
 * Issue 12, point 11: for random secrets (any printable text, quotes,
 * backslashes, non-ASCII) as the organization token, or as the login key and
 * secret, no error and no log event holds a secret, its JSON-escaped or
 * URL-encoded form, whatever way a hostile 127.0.0.1 server fails the calls while
 * echoing the whole request (a token no header can carry is a ValidationError
 * before any request). 800 runs each, 500 or more of them real HTTP calls; the
 * seed is printed (FC_SEED=<seed> replays).
 */
import { anySecretText, assertSecretsStayHidden, secretText } from '@tokens/testkit';
import fc from 'fast-check';
import { it } from 'vitest';

/** Hundreds of HTTP calls: a few seconds alone, far more while a whole suite shares two cores (bounded by runs, not time). */
const SLOW_ON_A_BUSY_MACHINE = 300_000;
import { createTransactionLinkClient, TokensError, ValidationError } from '../src/index';
import { workflowDefinitionId } from './support/fake-transactionlink';

const errors = { TokensError, ValidationError };

it('a random organization token is in no error and no log event, whatever the failure (800 runs, 500 or more of them HTTP calls)', () =>
  assertSecretsStayHidden({
    name: 'transactionlink organization token',
    secrets: fc.tuple(anySecretText),
    numRuns: 800,
    minHttpRuns: 500,
    errors,
    call: ([token], options) => createTransactionLinkClient({ ...options, auth: { token } }).createWidgetToken({ workflowDefinitionId }),
  }), SLOW_ON_A_BUSY_MACHINE);

it('a random login key and secret are in no error and no log event, whatever the failure (500 HTTP calls)', () =>
  assertSecretsStayHidden({
    name: 'transactionlink login key and secret',
    secrets: fc.tuple(secretText, secretText),
    numRuns: 500,
    minHttpRuns: 500,
    errors,
    call: ([key, secret], options) => createTransactionLinkClient({ ...options, auth: { key, secret } }).createWidgetToken({ workflowDefinitionId }),
  }), SLOW_ON_A_BUSY_MACHINE);
