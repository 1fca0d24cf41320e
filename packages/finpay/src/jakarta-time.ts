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
  const match = typeof text === 'string' ? /^(\d\d?)-([a-z]{3})-(\d\d) ([01]\d|2[0-3]):([0-5]\d):([0-5]\d)$/i.exec(text.trim()) : null;
  if (!match) return undefined;
  const month = MONTHS.indexOf(match[2]!.toUpperCase());
  const [day, year, hour, minute, second] = [1, 3, 4, 5, 6].map((group) => Number(match[group])) as [number, number, number, number, number];
  const wall = new Date(Date.UTC(2000 + year, month / 3, day, hour, minute, second));
  // Date.UTC rolls 31-FEB over into March: such a text is malformed.
  return month % 3 === 0 && wall.getUTCDate() === day ? new Date(wall.getTime() - utcOffsetMinutes * MINUTE) : undefined;
}
