// The baseline of the codegen figure: what `tsx` costs to start and run nothing.
export {};
