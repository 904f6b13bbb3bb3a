package dk.care.provisioning.feed;

import dk.care.provisioning.config.TopicProperties;
import dk.care.provisioning.outbox.Outbox;
import dk.care.provisioning.user.UserSnapshot;
import dk.care.provisioning.user.UserStatePublisher;
import dk.care.provisioning.v1.LoginMethod;
import dk.care.provisioning.v1.UserState;
import dk.care.provisioning.v1.UserStatus;
import dk.care.provisioning.v1.UserType;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Publishes the latest {@code UserState} of users, and a tombstone after erasure, through the outbox in the caller's transaction. */
@Component
public class UserFeed implements UserStatePublisher {

    private final Outbox outbox;
    private final UserRows rows;
    private final TopicProperties topics;

    UserFeed(Outbox outbox, UserRows rows, TopicProperties topics) {
        this.outbox = outbox;
        this.rows = rows;
        this.topics = topics;
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void publish(List<UserSnapshot> states) {
        outbox.append(states.stream().map(this::message).toList());
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void publishCurrent(UUID userId) {
        publishCurrent(List.of(userId));
    }

    /**
     * Appends the state of each of these users as the caller's transaction reads it now, in id order,
     * and an erased user's tombstone: call it after every change of a user, once the change is written.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void publishCurrent(Collection<UUID> userIds) {
        List<UserSnapshot> found = rows.find(userIds);
        if (found.size() != userIds.stream().distinct().count()) {
            throw new IllegalArgumentException("No user for some of the " + userIds.size() + " ids to publish");
        }
        publish(found);
    }

    /** Appends the tombstone of an erased user: the key without a value, which compaction removes with its states. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void publishErased(UUID userId) {
        outbox.append(List.of(tombstone(userId)));
    }

    /** The state, or for an erased user the tombstone: an erased user's last record never names it. */
    private Outbox.Message message(UserSnapshot state) {
        if (state.status() == dk.care.provisioning.user.UserStatus.ERASED) {
            return tombstone(state.userId());
        }
        return Outbox.encode(topics.users(), state.userId().toString(), toAvro(state));
    }

    private Outbox.Message tombstone(UUID userId) {
        return Outbox.tombstone(topics.users(), userId.toString(), UserState.class);
    }

    /** The wire record; every field of the snapshot, which holds nothing secret by construction. */
    static UserState toAvro(UserSnapshot state) {
        return UserState.newBuilder()
                .setUserId(state.userId())
                .setVersion(state.version())
                .setOrganisationId(state.organisationId())
                .setDepartmentId(state.departmentId())
                .setRoleId(state.roleId())
                .setUserType(UserType.valueOf(state.userType().name()))
                .setLoginMethod(LoginMethod.valueOf(state.loginMethod().name()))
                .setStatus(UserStatus.valueOf(state.status().name()))
                .setName(state.name())
                .setEmail(state.email())
                .setPhone(state.phone())
                .setUsername(state.username())
                .setExternalId(state.externalId())
                .setUpdatedAt(state.updatedAt())
                .setLocale(state.locale())
                .setSource(state.source())
                .build();
    }
}
