import type { JsonSchema } from "./types.ts";

export const NON_NEGATIVE_NUMBER = { type: "number", minimum: 0 } as const;

/** The schema of an inner comparator's options with its `mode` added, as array, oneof and curve nest them. */
export function withMode(mode: string, schema: JsonSchema): JsonSchema {
  const properties = (schema.properties ?? {}) as Record<string, unknown>;
  const required = (schema.required ?? []) as string[];
  return {
    ...schema,
    properties: { mode: { const: mode }, ...properties },
    required: ["mode", ...required],
  };
}

/**
 * oneOf over variants told apart by one property (mode, kind). The ajv
 * discriminator reports the errors of the variant named, not of every
 * variant, so a rubric author reads one message instead of eight.
 * Needs an ajv instance created with `discriminator: true` (see AJV_OPTIONS).
 */
export function taggedUnion(tag: string, variants: JsonSchema[]): JsonSchema {
  const tags = variants.map((variant) => (variant.properties as Record<string, { const?: unknown }> | undefined)?.[tag]?.const);
  return {
    type: "object",
    discriminator: { propertyName: tag },
    properties: { [tag]: { enum: tags } },
    required: [tag],
    oneOf: variants,
  };
}

/** The options every ajv instance that compiles comparator schemas is created with. */
export const AJV_OPTIONS = { allErrors: true, strict: true, discriminator: true } as const;
