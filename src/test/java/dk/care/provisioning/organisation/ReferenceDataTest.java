package dk.care.provisioning.organisation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ReferenceDataTest {

    private final AtomicInteger organisationLookups = new AtomicInteger();

    private final ReferenceData referenceData = new ReferenceData(
            id -> {
                organisationLookups.incrementAndGet();
                return Optional.of(new Organisation(id, "Demo Care", "da", true, true))
                        .filter(organisation -> id.equals("demo-care"));
            },
            id -> Optional.empty(), id -> Optional.empty(), Duration.ofMinutes(1));

    @Test
    void looksUpEachIdOnceWithinTheCacheTime() {
        assertThat(referenceData.organisation("demo-care")).map(Organisation::name).contains("Demo Care");
        assertThat(referenceData.organisation("demo-care")).isPresent();
        assertThat(referenceData.organisation("unknown")).isEmpty();
        assertThat(referenceData.organisation("unknown")).isEmpty();

        assertThat(organisationLookups).hasValue(2);
    }

    @Test
    void neverLooksUpAnIdLongerThanAnyReferenceId() {
        assertThat(referenceData.organisation("x".repeat(10_000_000))).isEqualTo(Optional.empty());
        assertThat(referenceData.organisation(null)).isEmpty();

        assertThat(organisationLookups).hasValue(0);
    }
}
