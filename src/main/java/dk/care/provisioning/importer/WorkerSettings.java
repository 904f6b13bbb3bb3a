package dk.care.provisioning.importer;

import dk.care.provisioning.config.TopicProperties;
import dk.care.provisioning.registry.ConfluentAvroDeserializer;
import dk.care.provisioning.user.PasswordPolicy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * The worker's own configuration, read the way the worker reads it (application.yml, profiles,
 * environment variables such as {@code SPRING_KAFKA_BOOTSTRAP_SERVERS}, and {@code --spring.*} or
 * {@code --provisioning.*} arguments), without starting the worker: so the command talks to the same
 * cluster and registry, with the same security settings, topics and password rules.
 */
record WorkerSettings(Map<String, Object> producer, Map<String, Object> consumer, TopicProperties topics,
                      int passwordMinLength) {

    static WorkerSettings load(List<String> propertyArguments) {
        var environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(
                new SimpleCommandLinePropertySource(propertyArguments.toArray(String[]::new)));
        ConfigDataEnvironmentPostProcessor.applyTo(environment);
        Binder binder = Binder.get(environment);
        KafkaProperties kafka = binder.bind("spring.kafka", KafkaProperties.class).orElseGet(KafkaProperties::new);

        Map<String, Object> producer = new HashMap<>(kafka.buildProducerProperties());
        producer.put(ProducerConfig.CLIENT_ID_CONFIG, "provisioning-importer");

        // The worker's consumer group must not be joined: outcomes are read by assigned partitions, with no group.
        Map<String, Object> consumer = new HashMap<>(kafka.buildConsumerProperties());
        consumer.remove(ConsumerConfig.GROUP_ID_CONFIG);
        consumer.put(ConsumerConfig.CLIENT_ID_CONFIG, "provisioning-importer-outcomes");
        consumer.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumer.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        consumer.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        consumer.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ConfluentAvroDeserializer.class);
        consumer.put("specific.avro.reader", true);

        TopicProperties topics = binder.bindOrCreate("provisioning.topics", TopicProperties.class);
        int minLength = binder.bind("provisioning.passwords.min-length", Integer.class)
                .orElse(PasswordPolicy.DEFAULT_MINIMUM_LENGTH);
        return new WorkerSettings(Map.copyOf(producer), Map.copyOf(consumer), topics, minLength);
    }
}
