/** Shared by the OneSpan tests: session tokens built like OneSpan's, and the secret the client must never leak. */

/** The tenant JWT every test client authenticates with; no error or log event may contain it. */
export const ACCESS_TOKEN = 'eyJhbGciOiJIUzM4NCJ9.eyJzY29wZSI6InRlbmFudF9hY2Nlc3MifQ.SECRET_tenant_signature_4242';

export const TRANSACTION_ID = 'dcaad720-d1e9-47ba-a76b-a6370ef0373b';

/** A compact JWS with these header and claims (base64url, no padding) and a fake signature. */
export const jwt = (header: object, claims: object, signature = 'c2lnbmF0dXJl'): string =>
  [header, claims].map((part) => Buffer.from(JSON.stringify(part)).toString('base64url')).join('.') + `.${signature}`;

/** The session token of OneSpan's documentation: HS384, `exp` 1623939199 (2021-06-17T14:13:19Z). */
export const DOCUMENTED_TOKEN =
  'eyJhbGciOiJIUzM4NCIsInR5cCI6IkpXVCJ9.eyJzZXNzaW9uIjp7InJvbGUiOiJ1bmtub3duIn0sInNjb3BlIjpbInNlc3Npb25fY3JlYXRpb25fYXV0aG9yaXphdGlvbl9jb2RlIl0sInRyYW5zYWN0aW9uX3V1aWQiOiJjZTMxYjljYy1hNzIyLTRmZDctYmI3YS03MDMxM2RhNDg0OGMiLCJleHAiOjE2MjM5MzkxOTksImp0aSI6IjIxOTM1YjVkLTE4OTMtNDIxOC1iMjUwLTdjZTNlYzZlYjE5NSIsImNsaWVudF9pZCI6ImRlYWxmbG8ifQ.CUfpqPcSeSTJiOYzz72w8uFoCBrQOYK0NFdAUUVx3K3JVWLFIfogLmPjnJFMmsJq';
