package dk.care.provisioning.importer;

import dk.care.provisioning.v1.UserState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads the compacted users topic from its beginning to its end as it was when reading began, and
 * keeps the latest state of every user of one organisation that has an external id (a tombstone
 * removes the user). Partitions are assigned, not subscribed: no consumer group is created or joined.
 */
final class UsersTopic {

    private UsersTopic() {
    }

    /** The organisation's users by external id; fails if the topic does not exist or cannot be read. */
    static Map<String, CurrentUser> read(Map<String, Object> config, String topic, String organisationId)
            throws BadInputException {
        Map<String, CurrentUser> byUserId = new HashMap<>();
        try (var consumer = new KafkaConsumer<String, Object>(config)) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic);
            if (infos == null || infos.isEmpty()) {
                throw new BadInputException("the users topic " + topic + " does not exist; a sync needs a worker that "
                        + "publishes it (spring.kafka.bootstrap-servers, provisioning.topics.users)");
            }
            List<TopicPartition> partitions = new ArrayList<>();
            infos.forEach(info -> partitions.add(new TopicPartition(info.topic(), info.partition())));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (ends.entrySet().stream().anyMatch(end -> consumer.position(end.getKey()) < end.getValue())) {
                for (ConsumerRecord<String, Object> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.value() == null) {
                        byUserId.remove(record.key());
                    } else if (record.value() instanceof UserState state) {
                        if (organisationId.equals(state.getOrganisationId()) && state.getExternalId() != null) {
                            byUserId.merge(state.getUserId().toString(), current(state),
                                    (old, now) -> now.version() >= old.version() ? now : old);
                        } else {
                            // Moved out of the organisation or lost its external id (erased): no longer matched.
                            byUserId.remove(state.getUserId().toString());
                        }
                    }
                }
            }
        } catch (KafkaException e) {
            throw new BadInputException("cannot read the users topic " + topic + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
        Map<String, CurrentUser> byExternalId = new HashMap<>();
        byUserId.values().forEach(user -> byExternalId.put(user.externalId(), user));
        return byExternalId;
    }

    static CurrentUser current(UserState state) {
        CurrentUser.Status status = switch (state.getStatus()) {
            case PENDING_SELF_REGISTRATION, ACTIVE -> CurrentUser.Status.ACTIVE;
            case DEACTIVATED -> CurrentUser.Status.DEACTIVATED;
            case ERASED -> CurrentUser.Status.ERASED;
        };
        return new CurrentUser(state.getUserId().toString(), state.getVersion(), state.getDepartmentId(), state.getRoleId(), status,
                state.getName(), state.getEmail(), state.getPhone(), state.getLocale(), state.getExternalId(),
                state.getSource());
    }
}
