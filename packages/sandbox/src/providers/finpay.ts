/**
 * Finpay: POST /security/getToken behind the merchant's Basic credentials, with
 * an HMAC-SHA256 signature over the body and a reqDtime in GMT+7. Refusals come
 * back as HTTP 200 with a statusCode other than "000", as Finpay's do; the codes
 * other than "000" are the sandbox's own (Finpay documents none).
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { jsonBody, type ProviderContext, type ProviderHandler } from '../context';
import { credentialsOf, type SandboxAnswer } from '../http';
import { validateRequest } from '../validation';

const JAKARTA_OFFSET_MS = 7 * 3_600_000;
/** How far reqDtime may be from the sandbox's clock: catches a local time sent instead of GMT+7. */
const CLOCK_TOLERANCE_MS = 10 * 60_000;
const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];

export const finpayStatus = {
  success: '000',
  invalidRequest: '001',
  invalidSignature: '002',
  duplicateTransNumber: '003',
  staleRequestTime: '004',
} as const;

export function finpay(context: ProviderContext): ProviderHandler {
  const seenTransNumbers = new Set<string>();
  const { credentials, settings } = context;

  return (request, operation) => {
    const { username, password, secretKey } = credentials.finpay;
    const basic = credentialsOf(request, 'Basic');
    if (basic !== Buffer.from(`${username}:${password}`).toString('base64')) {
      return { status: 401, body: { statusCode: '401', statusDesc: 'Unauthorized' } };
    }
    const parsed = jsonBody(request);
    if (!parsed.ok) return { status: 400, body: { statusCode: '400', statusDesc: 'Bad Request' } };
    const problems = validateRequest(operation, 'application/json', parsed.body);
    if (problems.length > 0) return refuse(finpayStatus.invalidRequest, `Invalid request: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}`);
    const body = parsed.body as Record<string, string>;
    if (!sameSignature(body['signature']!, signFields(body, secretKey, settings.finpayKeyHexCase))) {
      return refuse(finpayStatus.invalidSignature, 'Invalid signature');
    }
    if (Math.abs(parseJakartaTime(body['reqDtime']!) - context.now()) > CLOCK_TOLERANCE_MS) {
      return refuse(finpayStatus.staleRequestTime, 'reqDtime is not the current time in GMT+7');
    }
    if (seenTransNumbers.has(body['transNumber']!)) return refuse(finpayStatus.duplicateTransNumber, 'Duplicate transNumber');
    seenTransNumbers.add(body['transNumber']!);
    return {
      status: 200,
      body: {
        statusCode: finpayStatus.success,
        statusDesc: 'Berhasil',
        tokenID: randomBytes(40).toString('hex').toUpperCase(),
        tokenExpiry: formatTokenExpiry(context.now() + settings.finpayTokenHours * 3_600_000),
        processingTime: 0.012,
      },
    };
  };
}

function refuse(statusCode: string, statusDesc: string): SandboxAnswer {
  return { status: 200, body: { statusCode, statusDesc } };
}

/** Finpay's signature, computed independently of @tokens/finpay's (node:crypto here). */
export function signFields(fields: Record<string, string>, secretKey: string, keyHexCase: 'upper' | 'lower'): string {
  const message = Object.keys(fields)
    .filter((name) => name !== 'signature')
    .sort()
    .map((name) => fields[name])
    .join('');
  const hexKey = Buffer.from(secretKey, 'utf8').toString('hex');
  return createHmac('sha256', keyHexCase === 'upper' ? hexKey.toUpperCase() : hexKey).update(message).digest('hex').toUpperCase();
}

function sameSignature(given: string, expected: string): boolean {
  return given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected));
}

/** yyyyMMddHHmmss in GMT+7 → epoch ms (NaN when malformed). */
function parseJakartaTime(text: string): number {
  const [, y, mo, d, h, mi, s] = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(text) ?? [];
  return y ? Date.UTC(+y, +mo! - 1, +d!, +h!, +mi!, +s!) - JAKARTA_OFFSET_MS : NaN;
}

/** DD-MMM-YY HH:MM:SS in GMT+7, as Finpay writes tokenExpiry. */
export function formatTokenExpiry(epochMs: number): string {
  const t = new Date(epochMs + JAKARTA_OFFSET_MS);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(t.getUTCDate())}-${MONTHS[t.getUTCMonth()]}-${two(t.getUTCFullYear() % 100)} ${two(t.getUTCHours())}:${two(t.getUTCMinutes())}:${two(t.getUTCSeconds())}`;
}
