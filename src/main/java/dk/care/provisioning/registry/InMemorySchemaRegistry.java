package dk.care.provisioning.registry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;

/**
 * Registry kept in memory, with Confluent's semantics: one global id per distinct schema text,
 * versions per subject, BACKWARD compatibility against the latest version. Behind {@code mock://}
 * URLs and the test HTTP server.
 */
final class InMemorySchemaRegistry implements SchemaRegistryClient {

    private static final Map<String, InMemorySchemaRegistry> SCOPES = new ConcurrentHashMap<>();

    // Keyed by the schema's full JSON text, as Confluent does, so doc changes make a new id.
    private final Map<String, Integer> idsByText = new HashMap<>();
    private final Map<Integer, Schema> schemasById = new HashMap<>();
    private final Map<String, List<Integer>> idsBySubject = new TreeMap<>();
    private int nextId = 1;

    static InMemorySchemaRegistry forScope(String scope) {
        return SCOPES.computeIfAbsent(scope, s -> new InMemorySchemaRegistry());
    }

    static void dropScope(String scope) {
        SCOPES.remove(scope);
    }

    @Override
    public synchronized int register(String subject, Schema schema) {
        String text = schema.toString();
        Integer existingId = idsByText.get(text);
        List<Integer> versions = idsBySubject.get(subject);
        if (existingId != null && versions != null && versions.contains(existingId)) {
            return existingId;
        }
        if (versions != null && !versions.isEmpty()) {
            String problems = incompatibilities(schema, schemasById.get(versions.getLast()));
            if (!problems.isEmpty()) {
                throw new IncompatibleSchemaException("Schema being registered is incompatible with an earlier schema"
                        + " for subject \"" + subject + "\", details: " + problems,
                        IncompatibleSchemaException.INCOMPATIBLE_SCHEMA);
            }
        }
        int id;
        if (existingId != null) {
            id = existingId;
        } else {
            id = nextId++;
            idsByText.put(text, id);
            schemasById.put(id, schema);
        }
        idsBySubject.computeIfAbsent(subject, s -> new ArrayList<>()).add(id);
        return id;
    }

    @Override
    public synchronized Schema getSchemaById(int id) {
        Schema schema = schemasById.get(id);
        if (schema == null) {
            throw new SchemaNotFoundException("Schema " + id + " not found", SchemaNotFoundException.SCHEMA_NOT_FOUND);
        }
        return schema;
    }

    @Override
    public synchronized SchemaMetadata getLatestSchemaMetadata(String subject) {
        List<Integer> versions = versionsOf(subject);
        return metadata(subject, versions.size());
    }

    @Override
    public synchronized boolean testCompatibility(String subject, Schema schema) {
        List<Integer> versions = idsBySubject.get(subject);
        // Confluent answers true for a subject without versions: anything may be its first version.
        return versions == null || versions.isEmpty()
                || incompatibilities(schema, schemasById.get(versions.getLast())).isEmpty();
    }

    @Override
    public synchronized int getId(String subject, Schema schema) {
        return lookup(subject, schema).id();
    }

    synchronized SchemaMetadata lookup(String subject, Schema schema) {
        List<Integer> versions = versionsOf(subject);
        Integer id = idsByText.get(schema.toString());
        int index = id == null ? -1 : versions.indexOf(id);
        if (index < 0) {
            throw new SchemaNotFoundException("Schema not found", SchemaNotFoundException.SCHEMA_NOT_FOUND);
        }
        return metadata(subject, index + 1);
    }

    synchronized SchemaMetadata version(String subject, int version) {
        List<Integer> versions = versionsOf(subject);
        if (version < 1 || version > versions.size()) {
            throw new SchemaNotFoundException("Version " + version + " not found.", SchemaNotFoundException.VERSION_NOT_FOUND);
        }
        return metadata(subject, version);
    }

    synchronized List<Integer> versions(String subject) {
        int count = versionsOf(subject).size();
        List<Integer> numbers = new ArrayList<>(count);
        for (int v = 1; v <= count; v++) {
            numbers.add(v);
        }
        return numbers;
    }

    synchronized List<String> subjects() {
        return List.copyOf(idsBySubject.keySet());
    }

    private List<Integer> versionsOf(String subject) {
        List<Integer> versions = idsBySubject.get(subject);
        if (versions == null || versions.isEmpty()) {
            throw new SchemaNotFoundException("Subject '" + subject + "' not found.", SchemaNotFoundException.SUBJECT_NOT_FOUND);
        }
        return versions;
    }

    private SchemaMetadata metadata(String subject, int version) {
        int id = idsBySubject.get(subject).get(version - 1);
        return new SchemaMetadata(subject, id, version, schemasById.get(id));
    }

    /** BACKWARD: consumers on the new schema must read data written with the previous one. */
    private static String incompatibilities(Schema candidate, Schema previous) {
        SchemaPairCompatibility result = SchemaCompatibility.checkReaderWriterCompatibility(candidate, previous);
        if (result.getType() == SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
            return "";
        }
        return result.getResult().getIncompatibilities().stream()
                .map(i -> "{errorType:'" + i.getType() + "', description:'" + i.getMessage()
                        + "', location:'" + i.getLocation() + "'}")
                .collect(Collectors.joining(", ", "[", "]"));
    }
}
