/**
 * Finpay's times are GMT+7 (Asia/Jakarta, no daylight saving since 1964), whatever
 * the machine's time zone: computed from epoch milliseconds, never from local time.
 */

const MINUTE = 60_000;
const GMT7_MINUTES = 7 * 60;

/** `reqDtime`: the time as `yyyyMMddHHmmss` in GMT+7. */
export const finpayReqDtime = (time: Date | number = Date.now()): string =>
  new Date(+time + GMT7_MINUTES * MINUTE).toISOString().replace(/\D/g, '').slice(0, 14);

const MONTHS = 'JANFEBMARAPRMAYJUNJULAUGSEPOCTNOVDEC';

/**
 * `tokenExpiry` (`DD-MMM-YY HH24:MI:SS`, e.g. `24-AUG-24 16:23:30`, English month,
 * any case) as a Date, the text read at `utcOffsetMinutes` (GMT+7: 420). Years
 * are 20YY. Undefined for anything else, impossible dates (31-FEB, 24:00)
 * included: never an Invalid Date.
 */
export function parseTokenExpiry(text: unknown, utcOffsetMinutes = GMT7_MINUTES): Date | undefined {
  const match = /^(\d\d?)-([a-z]{3})-(\d\d) ([01]\d|2[0-3]):([0-5]\d):([0-5]\d)$/i.exec(typeof text === 'string' ? text.trim() : '');
  if (!match) return undefined;
  const [, day, , year, hour, minute, second] = match.map(Number) as number[];
  // 0 to 11 for a month name, a fraction for letters across two names, -1/3 for none.
  const month = MONTHS.indexOf(match[2]!.toUpperCase()) / 3;
  const wall = new Date(Date.UTC(2000 + year!, month, day, hour, minute, second));
  // Date.UTC truncates a fractional month and rolls 31-FEB over into March: the month
  // read back differs for every such text.
  return wall.getUTCMonth() === month ? new Date(+wall - utcOffsetMinutes * MINUTE) : undefined;
}
