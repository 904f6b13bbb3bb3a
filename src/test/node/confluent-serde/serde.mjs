// Confluent's official JavaScript serde (@confluentinc/schemaregistry) as a command-line filter, so that a
// Java test can have it write and read records: one record per line on stdin, one per line on stdout.
//
//   node serde.mjs serialize <registry url> <topic> <schema file>   Avro JSON in, base64 wire format out
//   node serde.mjs deserialize <registry url> <topic>                base64 wire format in, Avro JSON out
//
// Records are in Avro's JSON encoding (unions wrapped as {"type name": value}), which is avsc's
// wrapUnions representation; the serializer registers the schema file under <topic>-value first,
// then writes with that subject's latest version, as Confluent's documentation does for JavaScript.
import { createInterface } from 'node:readline';
import { readFileSync } from 'node:fs';
import { AvroDeserializer, AvroSerializer, SchemaRegistryClient, SerdeType } from '@confluentinc/schemaregistry';

const [command, registryUrl, topic, schemaFile] = process.argv.slice(2);
const registry = new SchemaRegistryClient({ baseURLs: [registryUrl] });
const avro = { wrapUnions: true };

async function serde() {
  if (command === 'serialize') {
    await registry.register(`${topic}-value`, { schemaType: 'AVRO', schema: readFileSync(schemaFile, 'utf8') });
    const serializer = new AvroSerializer(registry, SerdeType.VALUE, { ...avro, useLatestVersion: true, autoRegisterSchemas: false });
    return async line => (await serializer.serialize(topic, JSON.parse(line))).toString('base64');
  }
  if (command === 'deserialize') {
    const deserializer = new AvroDeserializer(registry, SerdeType.VALUE, avro);
    return async line => JSON.stringify(await deserializer.deserialize(topic, Buffer.from(line, 'base64')));
  }
  throw new Error(`unknown command ${command}`);
}

const convert = await serde();
for await (const line of createInterface({ input: process.stdin })) {
  if (line.trim() !== '') {
    process.stdout.write(await convert(line) + '\n');
  }
}
