import ts from 'typescript';

/** An OpenAPI 3.0 schema object, as far as the contracts need one. */
export interface JsonSchema {
  type?: 'string' | 'number' | 'boolean' | 'object' | 'array';
  enum?: (string | number | boolean)[];
  nullable?: boolean;
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: JsonSchema | boolean;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  allOf?: JsonSchema[];
  $ref?: string;
}

const REF = '#/components/schemas/';

/**
 * Reads the exported interfaces and type aliases of the contracts (libs/contracts) with the TypeScript
 * checker and writes each as a JSON schema: the OpenAPI document's components are the very types the
 * back end answers with and the web app reads, never a second copy kept by hand.
 */
export function contractSchemas(indexFile: string): Record<string, JsonSchema> {
  const program = ts.createProgram([indexFile], { strict: true, target: ts.ScriptTarget.ES2022, noEmit: true, skipLibCheck: true, types: [] });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(indexFile);
  if (!source) throw new Error(`${indexFile} not found`);
  const moduleSymbol = checker.getSymbolAtLocation(source);
  if (!moduleSymbol) throw new Error(`${indexFile} exports nothing`);

  const named = new Map<ts.Symbol, string>();
  for (const exported of checker.getExportsOfModule(moduleSymbol)) {
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    if (!(symbol.flags & (ts.SymbolFlags.Interface | ts.SymbolFlags.TypeAlias))) continue;
    const declaration = symbol.declarations?.[0];
    const generic = declaration && (ts.isInterfaceDeclaration(declaration) || ts.isTypeAliasDeclaration(declaration)) && declaration.typeParameters?.length;
    if (!generic) named.set(symbol, exported.name);
  }

  const describe = (symbol: ts.Symbol): string | undefined => ts.displayPartsToString(symbol.getDocumentationComment(checker)).trim() || undefined;

  const refTo = (type: ts.Type): string | undefined => {
    const symbol = type.aliasSymbol ?? type.getSymbol();
    if (!symbol || (type.aliasSymbol && type.aliasTypeArguments?.length)) return undefined;
    return named.get(symbol);
  };

  const withNull = (schema: JsonSchema): JsonSchema => (schema.$ref || schema.anyOf ? { allOf: [schema], nullable: true } : { ...schema, nullable: true });

  const literalUnion = (types: ts.Type[]): JsonSchema | undefined => {
    if (types.every((t) => t.flags & ts.TypeFlags.BooleanLiteral)) return { type: 'boolean' };
    if (types.every((t) => t.isStringLiteral())) return { type: 'string', enum: types.map((t) => t.value) };
    if (types.every((t) => t.isNumberLiteral())) return { type: 'number', enum: types.map((t) => t.value) };
    return undefined;
  };

  const convert = (type: ts.Type, top = false): JsonSchema => {
    const ref = top ? undefined : refTo(type);
    if (ref) return { $ref: REF + ref };
    if (type.isUnion()) {
      const present = type.types.filter((t) => !(t.flags & (ts.TypeFlags.Null | ts.TypeFlags.Undefined)));
      const nullable = present.length < type.types.filter((t) => !(t.flags & ts.TypeFlags.Undefined)).length;
      const schema = literalUnion(present) ?? (present.length === 1 ? convert(present[0]) : { anyOf: mergeBooleans(present).map((t) => convert(t)) });
      return nullable ? withNull(schema) : schema;
    }
    if (type.flags & ts.TypeFlags.String) return { type: 'string' };
    if (type.flags & ts.TypeFlags.Number) return { type: 'number' };
    if (type.flags & (ts.TypeFlags.Boolean | ts.TypeFlags.BooleanLiteral)) {
      return type.flags & ts.TypeFlags.BooleanLiteral ? { type: 'boolean', enum: [checker.typeToString(type) === 'true'] } : { type: 'boolean' };
    }
    if (type.isStringLiteral()) return { type: 'string', enum: [type.value] };
    if (type.isNumberLiteral()) return { type: 'number', enum: [type.value] };
    if (type.flags & (ts.TypeFlags.Unknown | ts.TypeFlags.Any)) return {};
    if (checker.isArrayType(type) || checker.isTupleType(type)) {
      const [element] = checker.getTypeArguments(type as ts.TypeReference);
      return { type: 'array', items: element ? convert(element) : {} };
    }
    return objectSchema(type);
  };

  /** `boolean` is the union `true | false` to the checker: keep it one schema inside a larger union. */
  const mergeBooleans = (types: ts.Type[]): ts.Type[] => {
    const literals = types.filter((t) => t.flags & ts.TypeFlags.BooleanLiteral);
    return literals.length === 2 ? [...types.filter((t) => !(t.flags & ts.TypeFlags.BooleanLiteral)), checker.getBooleanType()] : types;
  };

  const objectSchema = (type: ts.Type): JsonSchema => {
    const properties: Record<string, JsonSchema> = {};
    const required: string[] = [];
    for (const property of checker.getPropertiesOfType(type)) {
      const declaration = property.valueDeclaration ?? property.declarations?.[0];
      const propertyType = declaration ? checker.getTypeOfSymbolAtLocation(property, declaration) : checker.getTypeOfSymbol(property);
      if (propertyType.getCallSignatures().length) continue;
      const schema = convert(propertyType);
      const description = describe(property);
      properties[property.name] = description && !schema.$ref ? { ...schema, description } : schema;
      if (!(property.flags & ts.SymbolFlags.Optional)) required.push(property.name);
    }
    const index = checker.getIndexInfosOfType(type).find((info) => info.keyType.flags & ts.TypeFlags.String);
    const schema: JsonSchema = { type: 'object', properties };
    if (required.length) schema.required = required;
    if (index) schema.additionalProperties = convert(index.type);
    return schema;
  };

  const schemas: Record<string, JsonSchema> = {};
  for (const [symbol, name] of [...named].sort(([, a], [, b]) => a.localeCompare(b))) {
    const schema = convert(checker.getDeclaredTypeOfSymbol(symbol), true);
    const description = describe(symbol);
    schemas[name] = description ? { ...schema, description } : schema;
  }
  return schemas;
}
