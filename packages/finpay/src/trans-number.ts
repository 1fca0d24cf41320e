import { toHex } from './bytes';

/**
 * A fresh `transNumber`: `TKN`, the GMT+7 request time and 20 random hex digits
 * (80 bits from the runtime's CSPRNG), 37 letters and digits. Unique per request
 * however many processes ask in the same second.
 */
export const newTransNumber = (reqDtime: string): string => `TKN${reqDtime}${toHex(crypto.getRandomValues(new Uint8Array(10)))}`;
