package dk.care.provisioning.benchmark;

import dk.care.provisioning.v1.CreateUserRequest;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.FutureTask;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Baseline (a): consume the same records, produce a record of the same size for each, commit —
 * with the worker's client settings (one consumer, read_committed, acks=all, idempotence, linger
 * 5 ms) and no processing: what the broker and clients alone can do.
 */
final class PassThroughBaseline {

    private final Map<String, Object> clients;
    private final int partitions;

    PassThroughBaseline(Map<String, Object> clients, int partitions) {
        this.clients = clients;
        this.partitions = partitions;
    }

    /** Relays a backlog of the load; returns the records per second from the first record consumed. */
    double recordsPerSecond(List<CreateUserRequest> load) throws Exception {
        String in = topic("in");
        Benchmark.produce(clients, in, load, null, 0);
        return load.size() / Benchmark.seconds(relay(in, topic("out"), load.size()));
    }

    /** The latency of the same two hops the worker's requests and outcomes take, at the given rate. */
    Histogram latencyAt(double rate, List<CreateUserRequest> load, int warmUp) throws Exception {
        String in = topic("in");
        String out = topic("out");
        var relay = new FutureTask<>(() -> relay(in, out, load.size()));
        Thread.ofPlatform().start(relay);
        Histogram latency = Benchmark.latencyAt(rate, clients, in, List.of(out), load, warmUp).endToEnd();
        relay.get();
        return latency;
    }

    private String topic(String direction) throws Exception {
        String name = "bench.passthrough." + direction + "." + UUID.randomUUID();
        Benchmark.createTopic(clients, name, partitions);
        return name;
    }

    /** Consumes {@code count} records, producing a same-sized record for each; returns nanoseconds from the first. */
    private long relay(String in, String out, int count) {
        Map<String, Object> consumerConfig = new HashMap<>(clients);
        consumerConfig.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-passthrough-" + UUID.randomUUID());
        consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumerConfig.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        Map<String, Object> producerConfig = new HashMap<>(clients);
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producerConfig.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        try (var consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(), new ByteArrayDeserializer());
             var producer = new KafkaProducer<>(producerConfig, new StringSerializer(), new ByteArraySerializer())) {
            consumer.subscribe(List.of(in));
            long start = 0;
            int done = 0;
            while (done < count) {
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(200));
                if (records.isEmpty()) {
                    continue;
                }
                if (start == 0) {
                    start = System.nanoTime();
                }
                for (ConsumerRecord<String, byte[]> record : records) {
                    producer.send(new ProducerRecord<>(out, record.key(), new byte[record.value().length]));
                }
                producer.flush();
                consumer.commitSync();
                done += records.count();
            }
            return System.nanoTime() - start;
        }
    }
}
