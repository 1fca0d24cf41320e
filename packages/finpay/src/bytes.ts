/** Text and bytes, with what every runtime has (no Buffer). */

const encoder = new TextEncoder();

export const utf8 = (text: string): Uint8Array => encoder.encode(text);

/** Uppercase hex digits, as Finpay's signatures and our transNumbers use them. */
export const toHex = (bytes: Uint8Array): string =>
  Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0'))
    .join('')
    .toUpperCase();

/** Base64 of the text's UTF-8 bytes (`btoa` alone takes Latin-1 only). */
export const base64 = (text: string): string => btoa(String.fromCharCode(...utf8(text)));
