package dk.care.provisioning.registry;

/** Confluent framing: magic byte 0, 4-byte big-endian schema id, then the Avro binary body. */
final class WireFormat {

    static final byte MAGIC_BYTE = 0;
    static final int HEADER_SIZE = 5;

    private WireFormat() {
    }

    static String subject(String topic, boolean isKey) {
        return topic + (isKey ? "-key" : "-value");
    }
}
