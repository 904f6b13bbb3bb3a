package dk.care.provisioning.invitation;

import dk.care.provisioning.web.AddressLimitFilter;
import dk.care.provisioning.web.AttemptLimiter;
import dk.care.provisioning.web.BodyLimitFilter;
import dk.care.provisioning.web.ErrorAnswer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * The redemption API's settings applied at the public port's edge (the {@code web} module's filters,
 * after its security headers and ahead of Spring MVC and Boot's form filter): the per-address limit of
 * the redemption API, then the body limit of every request, which {@code max-body-size} sets.
 */
@Configuration(proxyBeanMethods = false)
class RedemptionEdgeConfiguration {

    private static final Redemptions.Refusal LIMITED = Redemptions.Refusal.TOO_MANY_ATTEMPTS;

    @Bean
    AttemptLimiter redemptionAddressLimiter(InvitationProperties properties, Clock clock, MeterRegistry meters) {
        InvitationProperties.Redemption redemption = properties.redemption();
        var limiter = new AttemptLimiter(redemption.maxRequestsPerAddress(), redemption.addressWindow(),
                redemption.maxTrackedAddresses(), clock);
        Gauge.builder("provisioning.redemption.addresses", limiter, AttemptLimiter::trackedKeys)
                .description("Client addresses the redemption API's per-address limit tracks now").register(meters);
        return limiter;
    }

    @Bean
    FilterRegistrationBean<AddressLimitFilter> redemptionAddressLimit(AttemptLimiter redemptionAddressLimiter) {
        var registration = new FilterRegistrationBean<>(new AddressLimitFilter(redemptionAddressLimiter,
                new ErrorAnswer(LIMITED.name(), RedemptionController.messageOf(LIMITED)), RefusalStatus.of(LIMITED)));
        registration.setUrlPatterns(List.of("/api/invitations/*"));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        return registration;
    }

    @Bean
    FilterRegistrationBean<BodyLimitFilter> bodyLimit(InvitationProperties properties) {
        var registration = new FilterRegistrationBean<>(
                new BodyLimitFilter(Math.toIntExact(properties.redemption().maxBodySize().toBytes())));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 30);
        return registration;
    }
}
