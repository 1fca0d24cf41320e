import { randomBytes } from 'node:crypto';
import { fixtures, type SandboxCredentials, type SandboxSettings } from './context';
import { createIssuedTokens, type BearerProvider } from './issued-tokens';
import { createJwtKeys, signJwt } from './jwt';
import { finpayStatus } from './providers/finpay';
import { PROVIDERS, listen } from './server';

export type { SandboxCredentials, SandboxSettings } from './context';
export type { BearerProvider } from './issued-tokens';
export { fixtures, finpayStatus };

export interface SandboxOptions {
  /** 0 (the default) picks any free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Credentials the sandbox accepts; random ones are made for what is not given. */
  credentials?: Partial<SandboxCredentials>;
  /** Default 64 KiB. */
  maxBodyBytes?: number;
  /** The sandbox's clock (ms since the epoch), e.g. to test expiry and rate limits. Default `Date.now`. */
  now?: () => number;
  settings?: Partial<SandboxSettings>;
}

export interface Sandbox {
  /** e.g. http://127.0.0.1:4010 */
  readonly url: string;
  /** The base URL of each provider, to pass as the clients' `baseUrl`. */
  readonly urls: Readonly<Record<(typeof PROVIDERS)[number], string>>;
  /** Per provider, client options the sandbox accepts: `createFormflowClient({ baseUrl: sb.urls.formflow, ...sb.credentials.formflow })`. */
  readonly credentials: SandboxCredentials;
  /** Ids the sandbox treats as missing or invalid, to test those paths. */
  readonly fixtures: typeof fixtures;
  /**
   * Sandbox-only: refuses from now on every bearer token the provider issued so far
   * (Formflow tokens, TransactionLink login access tokens), as a provider that revoked
   * them would; returns how many were still honoured. Tokens issued later are honoured.
   */
  revokeTokens(provider: BearerProvider): number;
  /** Sandbox-only: how many bearer tokens the provider has issued (Formflow: `/api/token`; TransactionLink: logins and refreshes). */
  tokensIssued(provider: BearerProvider): number;
  close(): Promise<void>;
}

const secret = (prefix: string, bytes = 24) => `${prefix}${randomBytes(bytes).toString('hex')}`;

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const now = options.now ?? Date.now;
  const keys = createJwtKeys(randomBytes(48));
  const credentials: SandboxCredentials = {
    transactionlink: { auth: { token: secret('tot_') } },
    transactionlinkLogin: { auth: { key: secret('key_', 12), secret: secret('') } },
    onespan: {
      accessToken: signJwt({ scope: 'tenant_access', tenant: 'sandbox', iat: Math.floor(now() / 1000) }, 'HS384', keys),
    },
    formflow: { clientId: secret('client_', 8), clientSecret: secret(''), organizationId: secret('org_', 8) },
    // A key with letters in its hex text, so that a signature made with the wrong hex case is refused.
    finpay: { username: secret('merchant_', 6), password: secret(''), secretKey: `Key-${randomBytes(16).toString('base64url')}` },
    ...options.credentials,
  };
  const settings: SandboxSettings = {
    transactionlinkAccessTokenSeconds: 3600,
    onespanSessionTokenSeconds: 900,
    formflowRequestsPerMinute: 60,
    finpayTokenHours: 72,
    finpayKeyHexCase: 'upper',
    ...options.settings,
  };
  const issued = createIssuedTokens(now);
  const { server, url } = await listen(
    { now, keys, credentials, settings, issued },
    { host: options.host ?? '127.0.0.1', port: options.port ?? 0, maxBodyBytes: options.maxBodyBytes ?? 64 * 1024 },
  );
  return {
    url,
    urls: Object.fromEntries(PROVIDERS.map((name) => [name, `${url}/${name}`])) as Sandbox['urls'],
    credentials,
    fixtures,
    revokeTokens: (provider) => issued.revoke(provider),
    tokensIssued: (provider) => issued.count(provider),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
