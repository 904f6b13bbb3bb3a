package dk.care.provisioning.user;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Approved password requests whose hash and write are still under way, by their requestId and every
 * unique value they claim, for all listener threads together. A later request that shares one of
 * them is decided only once the earlier one is written, so that it sees it exactly as if the two
 * had come one after the other (a replay, a taken username or external id), whichever poll,
 * partition or thread it came with.
 */
final class PasswordsInFlight {

    private final Map<Key, CompletableFuture<Void>> held = new HashMap<>();

    /** What {@code screened} must wait for before it is decided, or null when it shares nothing in flight. */
    synchronized @Nullable CompletableFuture<Void> blocking(Screening.Screened screened) {
        CompletableFuture<?>[] found = keys(screened).map(held::get).filter(Objects::nonNull).distinct()
                .toArray(CompletableFuture<?>[]::new);
        return found.length == 0 ? null : CompletableFuture.allOf(found);
    }

    /** Holds {@code screened}'s requestId and claims until {@code written} completes, either way. */
    synchronized void hold(Screening.Screened screened, CompletableFuture<Void> written) {
        List<Key> keys = keys(screened).toList();
        keys.forEach(key -> held.put(key, written));
        written.whenComplete((ignored, failure) -> release(keys, written));
    }

    private synchronized void release(List<Key> keys, CompletableFuture<Void> written) {
        keys.forEach(key -> held.remove(key, written));
    }

    private static Stream<Key> keys(Screening.Screened screened) {
        Claims claims = screened.claims();
        return Stream.of(
                        screened.keyed() ? new Key("requestId", screened.request().requestId()) : null,
                        claims.username() == null ? null : new Key("username", claims.username()),
                        claims.cpr() == null ? null : new Key("cpr", claims.cpr()),
                        claims.externalId() == null ? null : new Key("externalId", claims.externalId()))
                .filter(Objects::nonNull);
    }

    private record Key(String kind, Object value) {
    }
}
