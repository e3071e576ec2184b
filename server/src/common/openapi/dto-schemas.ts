import type { OpenAPIObject } from '@nestjs/swagger';
import { validationMetadatasToSchemas } from 'class-validator-jsonschema';

/**
 * The shared DTO classes carry class-validator decorators, not Swagger's: Swagger names them in the
 * document but cannot see their fields. Fill each named schema from the same class-validator metadata
 * the server validates with, so the document shows every field, its type and its limits.
 */
export function withDtoSchemas(document: OpenAPIObject): OpenAPIObject {
  const fromValidators = validationMetadatasToSchemas({ refPointerPrefix: '#/components/schemas/' }) as Record<
    string,
    object
  >;
  const schemas = (document.components ??= {}).schemas ?? {};
  for (const [name, schema] of Object.entries(fromValidators)) {
    const existing = schemas[name] as { properties?: Record<string, unknown> } | undefined;
    if (!existing || !existing.properties || Object.keys(existing.properties).length === 0) schemas[name] = schema;
  }
  document.components.schemas = schemas;
  return document;
}
