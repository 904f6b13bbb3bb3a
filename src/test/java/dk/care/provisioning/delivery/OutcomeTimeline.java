package dk.care.provisioning.delivery;

import dk.care.provisioning.testing.OutcomeConsumer;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * When outcomes were published, from the timestamps the workers' outbox relays gave the records
 * (every record, re-deliveries included): what a consumer of the outcome topics sees of the workers' progress.
 */
final class OutcomeTimeline {

    private final List<ConsumerRecord<String, Object>> records;
    private final List<Instant> published;
    private final Map<String, Instant> firstByRequest;

    /** Every outcome record received so far. */
    OutcomeTimeline(OutcomeConsumer outcomes) {
        this(outcomes.all());
    }

    private OutcomeTimeline(List<ConsumerRecord<String, Object>> records) {
        this.records = records;
        this.published = records.stream().map(record -> Instant.ofEpochMilli(record.timestamp())).sorted().toList();
        this.firstByRequest = records.stream().collect(Collectors.toMap(ConsumerRecord::key,
                record -> Instant.ofEpochMilli(record.timestamp()), (one, other) -> one.isBefore(other) ? one : other));
    }

    /** The outcomes of these requests only, e.g. of one partition's. */
    OutcomeTimeline of(Collection<SteadyLoad.Sent> requests) {
        Set<String> requestIds = requests.stream().map(SteadyLoad.Sent::requestId).collect(Collectors.toSet());
        return new OutcomeTimeline(records.stream().filter(record -> requestIds.contains(record.key())).toList());
    }

    /** The longest time from {@code from} on in which no outcome was published, up to the last outcome. */
    Gap longestGap(Instant from) {
        Gap longest = new Gap(from, Duration.ZERO);
        Instant previous = from;
        for (Instant at : published) {
            if (at.isAfter(previous)) {
                Duration gap = Duration.between(previous, at);
                if (gap.compareTo(longest.length()) > 0) {
                    longest = new Gap(previous, gap);
                }
                previous = at;
            }
        }
        return longest;
    }

    /** How many outcomes were published in each {@code bucket} from {@code from} to {@code to}, e.g. "257 232 0 0 538". */
    String countsPer(Duration bucket, Instant from, Instant to) {
        int buckets = (int) Math.ceil((double) Duration.between(from, to).toMillis() / bucket.toMillis());
        int[] counts = new int[buckets];
        for (Instant at : published) {
            long index = Duration.between(from, at).toMillis() / bucket.toMillis();
            if (!at.isBefore(from) && index < buckets) {
                counts[(int) index]++;
            }
        }
        return Arrays.stream(counts).mapToObj(String::valueOf).collect(Collectors.joining(" "));
    }

    /** When the first outcome of this request was published. */
    Instant firstOutcome(SteadyLoad.Sent request) {
        return firstByRequest.get(request.requestId());
    }

    /** When the first outcome after {@code instant} was published. */
    Instant firstAfter(Instant instant) {
        return published.stream().filter(at -> at.isAfter(instant)).findFirst().orElseThrow();
    }

    /** A time without outcomes. */
    record Gap(Instant start, Duration length) {
    }
}
