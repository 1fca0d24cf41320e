/**
 * The one list of provider specs and the packages generated from them.
 * Adding a provider is one entry here (plus its package folder).
 */
export interface ProviderEntry {
  /** Short name: also the spec's file name under specs/. */
  readonly name: string;
  /** The OpenAPI spec, relative to the repository root. */
  readonly spec: string;
  /** The package whose src/generated/ is generated from the spec. */
  readonly packageDir: string;
}

export const providers: readonly ProviderEntry[] = [
  { name: 'transactionlink', spec: 'specs/transactionlink.yaml', packageDir: 'packages/transactionlink' },
  { name: 'onespan', spec: 'specs/onespan.yaml', packageDir: 'packages/onespan' },
  { name: 'formflow', spec: 'specs/formflow.yaml', packageDir: 'packages/formflow' },
  { name: 'finpay', spec: 'specs/finpay.yaml', packageDir: 'packages/finpay' },
];

/** Where generated code lives inside a package, and the file openapi-typescript writes. */
export const GENERATED_DIR = 'src/generated';
export const GENERATED_FILE = 'openapi.ts';

/**
 * @tokens/sandbox serves every provider from these same specs: generation writes
 * them there as data (descriptions stripped) for its request validator.
 */
export const SANDBOX_PACKAGE_DIR = 'packages/sandbox';
export const SANDBOX_SPECS_FILE = 'specs.ts';
