package dk.care.provisioning.user;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * UUID version 7 (RFC 9562): the creation millisecond first, then random bits. New users and
 * invitations land at the right-hand edge of their primary-key indexes instead of on a random page,
 * which keeps inserts cheap as the tables grow. These ids identify; they authorise nothing, so a
 * non-cryptographic random source is enough.
 */
final class TimeOrderedIds {

    private TimeOrderedIds() {
    }

    static UUID next() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long mostSignificant = System.currentTimeMillis() << 16 | 0x7000L | random.nextInt(0x1000);
        long leastSignificant = random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL | 0x8000_0000_0000_0000L;
        return new UUID(mostSignificant, leastSignificant);
    }
}
