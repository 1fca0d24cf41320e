/**
 * GMT+7 times, in process: reqDtime from epoch milliseconds and tokenExpiry parsing,
 * checked under the machine's time zone switched to UTC and America/Los_Angeles
 * (the built package in child processes is in time-zones.test.ts).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { parseTokenExpiry } from '../src/jakarta-time';
import { finpayReqDtime } from '../src/index';
import { newTransNumber } from '../src/trans-number';

const originalTz = process.env['TZ'];
afterEach(() => {
  if (originalTz === undefined) delete process.env['TZ'];
  else process.env['TZ'] = originalTz;
});

describe.each(['UTC', 'America/Los_Angeles', 'Asia/Jakarta', 'Pacific/Kiritimati'])('with the machine in %s', (tz) => {
  it('takes effect (the local offset is that zone’s)', () => {
    process.env['TZ'] = tz;
    const offsets: Record<string, number> = { UTC: 0, 'America/Los_Angeles': 420, 'Asia/Jakarta': -420, 'Pacific/Kiritimati': -840 };
    expect(new Date(Date.UTC(2024, 7, 21)).getTimezoneOffset()).toBe(offsets[tz]);
  });

  it('writes reqDtime in GMT+7', () => {
    process.env['TZ'] = tz;
    expect(finpayReqDtime(Date.UTC(2024, 7, 21, 7, 27, 50))).toBe('20240821142750');
    // 20:00 UTC is already the next day in Jakarta, still the same day in UTC and Los Angeles.
    expect(finpayReqDtime(Date.UTC(2024, 7, 21, 20, 0, 0))).toBe('20240822030000');
    // New Year's Eve 17:00 UTC is New Year in Jakarta; a leap day; a Date as well as a number.
    expect(finpayReqDtime(new Date(Date.UTC(2024, 11, 31, 17, 0, 0)))).toBe('20250101000000');
    expect(finpayReqDtime(Date.UTC(2024, 1, 28, 23, 59, 59))).toBe('20240229065959');
    // Los Angeles changes to summer time on 2024-03-10 10:00 UTC: Jakarta does not care.
    expect(finpayReqDtime(Date.UTC(2024, 2, 10, 9, 59, 59))).toBe('20240310165959');
    expect(finpayReqDtime(Date.UTC(2024, 2, 10, 10, 0, 0))).toBe('20240310170000');
  });

  it('reads tokenExpiry as GMT+7: 24-AUG-24 16:23:30 is 2024-08-24T09:23:30Z', () => {
    process.env['TZ'] = tz;
    expect(parseTokenExpiry('24-AUG-24 16:23:30')?.toISOString()).toBe('2024-08-24T09:23:30.000Z');
  });
});

describe('parseTokenExpiry', () => {
  it.each([
    ['01-JAN-25 00:00:00', '2024-12-31T17:00:00.000Z'],
    ['29-FEB-24 06:59:59', '2024-02-28T23:59:59.000Z'],
    ['15-MAR-24 12:00:00', '2024-03-15T05:00:00.000Z'],
    ['30-APR-24 07:00:00', '2024-04-30T00:00:00.000Z'],
    ['31-MAY-24 23:59:59', '2024-05-31T16:59:59.000Z'],
    ['30-JUN-24 01:02:03', '2024-06-29T18:02:03.000Z'],
    ['31-JUL-24 10:00:00', '2024-07-31T03:00:00.000Z'],
    ['30-SEP-24 10:00:00', '2024-09-30T03:00:00.000Z'],
    ['31-OCT-24 10:00:00', '2024-10-31T03:00:00.000Z'],
    ['30-NOV-24 10:00:00', '2024-11-30T03:00:00.000Z'],
    ['31-DEC-99 23:59:59', '2099-12-31T16:59:59.000Z'],
    ['24-aug-24 16:23:30', '2024-08-24T09:23:30.000Z'],
    ['4-AUG-24 16:23:30', '2024-08-04T09:23:30.000Z'],
    [' 24-AUG-24 16:23:30 ', '2024-08-24T09:23:30.000Z'],
  ])('reads %j as %s', (text, iso) => {
    expect(parseTokenExpiry(text)?.toISOString()).toBe(iso);
  });

  it('reads the text at another offset when told (the time zone is a guess)', () => {
    expect(parseTokenExpiry('24-AUG-24 16:23:30', 0)?.toISOString()).toBe('2024-08-24T16:23:30.000Z');
    expect(parseTokenExpiry('24-AUG-24 16:23:30', 330)?.toISOString()).toBe('2024-08-24T10:53:30.000Z');
    expect(parseTokenExpiry('24-AUG-24 16:23:30', -300)?.toISOString()).toBe('2024-08-24T21:23:30.000Z');
  });

  it.each([
    '',
    '2024-08-24 16:23:30',
    '2024-08-24T16:23:30Z',
    '24-AUG-2024 16:23:30',
    '24-AUG-24',
    '24-AUG-24 16:23',
    '24-AUX-24 16:23:30',
    '24-ANF-24 16:23:30', // letters that sit across two month names
    '24-AUGUST-24 16:23:30',
    '31-FEB-24 10:00:00',
    '30-FEB-24 10:00:00',
    '31-APR-24 10:00:00',
    '00-AUG-24 10:00:00',
    '32-AUG-24 10:00:00',
    '24-AUG-24 24:00:00',
    '24-AUG-24 16:60:00',
    '24-AUG-24 16:23:60',
    '24-AUG-24  16:23:30',
    '24/AUG/24 16:23:30',
    '24-AUG-24 16:23:30.5',
  ])('refuses %j (undefined, never an Invalid Date)', (text) => {
    expect(parseTokenExpiry(text)).toBeUndefined();
  });

  it.each([undefined, null, 0, 1724491410000, {}, ['24-AUG-24 16:23:30']])('refuses %j, which is not text', (value) => {
    expect(parseTokenExpiry(value)).toBeUndefined();
  });
});

describe('generated transNumbers', () => {
  it('are 37 letters and digits: TKN, the GMT+7 request time, 20 random hex digits', () => {
    expect(newTransNumber('20240821142750')).toMatch(/^TKN20240821142750[0-9A-F]{20}$/);
  });

  it('are unique over 20,000 made in the same second', () => {
    const made = new Set(Array.from({ length: 20_000 }, () => newTransNumber('20240821142750')));
    expect(made.size).toBe(20_000);
  });
});
