// avro-js ships no types; the sandbox uses only parse → toBuffer/fromBuffer.
declare module 'avro-js' {
  interface AvroType {
    toBuffer(value: unknown): Buffer;
    fromBuffer(buffer: Buffer): unknown;
  }
  const avro: { parse(schema: unknown): AvroType };
  export default avro;
}
