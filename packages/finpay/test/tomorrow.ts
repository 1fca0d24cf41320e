/** A `tokenExpiry` a day from now, in GMT+7 as Finpay writes it (`24-AUG-24 16:23:30`): no offset makes it past. */
export function tomorrowInJakarta(): string {
  const at = new Date(Date.now() + 24 * 3_600_000 + 7 * 3_600_000);
  const month = at.toLocaleString('en', { month: 'short', timeZone: 'UTC' }).toUpperCase();
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(at.getUTCDate())}-${month}-${two(at.getUTCFullYear() % 100)} ${two(at.getUTCHours())}:${two(at.getUTCMinutes())}:${two(at.getUTCSeconds())}`;
}
