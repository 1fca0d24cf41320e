/**
 * Issue 12, point 11: Finpay's time formats by fast-check, over random instants
 * (2000-2099, Finpay's two-digit years) and machine time zones (process.env.TZ,
 * which Node applies at once): `reqDtime` is the GMT+7 wall time whatever the
 * machine's zone and reads back as the instant (to the second); a `tokenExpiry`
 * written at any UTC offset, in any letter case, reads back as its instant.
 * Expected texts are computed here independently, with Intl. Seeds are printed
 * (FC_SEED=<seed> replays a run).
 */
import { propertyRuns } from '@tokens/testkit';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { finpayReqDtime } from '../src/index';
import { parseTokenExpiry } from '../src/jakarta-time';

const machineZone = process.env['TZ'];
afterAll(() => {
  if (machineZone === undefined) delete process.env['TZ'];
  else process.env['TZ'] = machineZone;
});

const instant = fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2099, 11, 31, 23, 59, 59, 999) });
const zone = fc.constantFrom(...Intl.supportedValuesOf('timeZone'), 'UTC', 'Asia/Jakarta', 'Pacific/Kiritimati', 'Pacific/Pago_Pago', 'Asia/Kathmandu');

const jakarta = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Asia/Jakarta',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});
/** `yyyyMMddHHmmss` in Asia/Jakarta, by Intl (the time zone database, not arithmetic). */
function jakartaDigits(ms: number): string {
  const part = Object.fromEntries(jakarta.formatToParts(ms).map(({ type, value }) => [type, value]));
  return `${part['year']}${part['month']}${part['day']}${part['hour']}${part['minute']}${part['second']}`;
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const two = (n: number) => String(n).padStart(2, '0');
/** `DD-MMM-YY HH24:MI:SS` of `ms` at `offsetMinutes` east of UTC. */
function tokenExpiryText(ms: number, offsetMinutes: number, day: 'padded' | 'bare', monthCase: (month: string) => string): string {
  const wall = new Date(ms + offsetMinutes * 60_000);
  const date = day === 'padded' ? two(wall.getUTCDate()) : String(wall.getUTCDate());
  return `${date}-${monthCase(MONTHS[wall.getUTCMonth()]!)}-${two(wall.getUTCFullYear() % 100)} ${two(wall.getUTCHours())}:${two(wall.getUTCMinutes())}:${two(wall.getUTCSeconds())}`;
}

describe('Finpay times, by fast-check', () => {
  it('reqDtime is the Jakarta wall time of the instant, whatever the machine time zone, and reads back as it (10,000 runs)', () => {
    fc.assert(
      fc.property(instant, zone, (ms, tz) => {
        process.env['TZ'] = tz;
        const text = finpayReqDtime(ms);
        expect(text).toBe(jakartaDigits(ms));
        expect(finpayReqDtime(new Date(ms))).toBe(text);
        const [, y, mo, d, h, mi, s] = /^(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)$/.exec(text)!.map(Number) as number[];
        expect(Date.UTC(y!, mo! - 1, d, h, mi, s) - 7 * 3_600_000).toBe(Math.floor(ms / 1000) * 1000);
      }),
      propertyRuns('finpay reqDtime', 10_000),
    );
  }, 120_000);

  it('a tokenExpiry written at any UTC offset, in any letter case, reads back as its instant, whatever the machine time zone (10,000 runs)', () => {
    const offset = fc.integer({ min: -12 * 60, max: 14 * 60 });
    // The instant's wall time at the offset must stay in 2000-2099 (two-digit years are 20YY).
    const written = fc.tuple(instant, offset).filter(([ms, minutes]) => {
      const year = new Date(ms + minutes * 60_000).getUTCFullYear();
      return year >= 2000 && year <= 2099;
    });
    const monthCase = fc.constantFrom((m: string) => m, (m: string) => m.toLowerCase(), (m: string) => m[0] + m.slice(1).toLowerCase());
    fc.assert(
      fc.property(written, zone, fc.constantFrom('padded' as const, 'bare' as const), monthCase, fc.constantFrom('', ' ', '\t'), ([ms, minutes], tz, day, letterCase, pad) => {
        process.env['TZ'] = tz;
        const whole = Math.floor(ms / 1000) * 1000;
        const text = tokenExpiryText(whole, minutes, day, letterCase);
        expect(parseTokenExpiry(`${pad}${text}${pad}`, minutes)?.getTime()).toBe(whole);
        if (minutes === 7 * 60) expect(parseTokenExpiry(text)?.getTime()).toBe(whole);
      }),
      propertyRuns('finpay tokenExpiry', 10_000),
    );
  }, 120_000);

  it('a reqDtime-like or garbled text is never an Invalid Date: a Date that reads back, or undefined (10,000 runs)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 24 }), instant.map((ms) => tokenExpiryText(ms, 420, 'padded', (m) => m).replace(/\d/, (d) => String((Number(d) + 3) % 10)))), (text) => {
        const parsed = parseTokenExpiry(text);
        if (parsed !== undefined) expect(Number.isNaN(parsed.getTime())).toBe(false);
      }),
      propertyRuns('finpay tokenExpiry of any text', 10_000),
    );
  }, 120_000);
});
