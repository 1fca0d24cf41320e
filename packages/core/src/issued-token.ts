/** A token as every @tokens client returns it, whatever the provider's own shape. */
export interface IssuedToken<Raw> {
  /** The token itself. */
  readonly token: string;
  /** `Bearer` where the provider says so. */
  readonly tokenType: string;
  /** Absolute expiry, computed from the provider's fields. */
  readonly expiresAt: Date;
  /** The provider's response body, typed from the spec. */
  readonly raw: Raw;
}
