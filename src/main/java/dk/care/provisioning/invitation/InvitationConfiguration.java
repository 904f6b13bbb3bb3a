package dk.care.provisioning.invitation;

import dk.care.provisioning.invitation.sms.GuardedProvider;
import dk.care.provisioning.invitation.sms.SmsProviders;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/** Wires the token vault, the configured SMS provider behind its guards, and the dispatcher. */
@Configuration(proxyBeanMethods = false)
class InvitationConfiguration {

    @Bean
    TokenVault tokenVault(InvitationProperties properties) {
        var encryption = properties.tokenEncryption();
        return new TokenVault(encryption.keysById(), encryption.activeKeyId());
    }

    @Bean
    GuardedProvider smsProvider(InvitationProperties properties, ObjectProvider<ProducerFactory<Object, Object>> producers) {
        // Half the lease: a claimed row waiting for a permit must be sent or released before another instance may take it.
        return SmsProviders.guarded(properties.provider(), properties.dispatch().lease().dividedBy(2), producers);
    }

    @Bean
    @ConditionalOnBooleanProperty(name = "provisioning.invitations.dispatch.enabled", matchIfMissing = true)
    InvitationDispatcher invitationDispatcher(InvitationStore store, TransactionTemplate transactions,
                                              GuardedProvider provider, TokenVault tokens,
                                              InvitationProperties properties, Clock clock) {
        return new InvitationDispatcher(store, transactions, provider, tokens, properties, clock);
    }
}
