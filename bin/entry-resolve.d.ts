/** the package's entry points, as package.json's exports name them: [source file, compiled file], from the package root */
export declare const ENTRIES: Record<string, [source: string, compiled: string]>;
export declare function initialize(data: { compiled?: boolean } | undefined): Promise<void>;
export declare function resolve(specifier: string, context: unknown, nextResolve: (specifier: string, context: unknown) => unknown): Promise<unknown>;
