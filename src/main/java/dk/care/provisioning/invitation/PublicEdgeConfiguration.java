package dk.care.provisioning.invitation;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import org.springframework.boot.http.converter.autoconfigure.ServerHttpMessageConvertersCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import tools.jackson.core.ErrorReportConfiguration;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The invitation APIs' part of the public port's edge (the {@code web} module writes the security
 * headers ahead of it): the per-address limit of the redemption API and the admin API's authentication,
 * then the body limit, all ahead of Spring MVC (and of Boot's form filter), and a JSON-only reader
 * with tight parser limits whose error messages quote no input.
 */
@Configuration(proxyBeanMethods = false)
class PublicEdgeConfiguration {

    /** Bodies of this API are flat objects of a few short strings; these bound the parser well above them. */
    static final StreamReadConstraints READ_CONSTRAINTS = StreamReadConstraints.builder()
            .maxNestingDepth(8)
            .maxNameLength(64)
            .maxStringLength(1_024)
            .maxNumberLength(32)
            .maxTokenCount(256)
            .build();

    // Addresses that send wrong admin tokens are few in normal operation; the bound only matters under attack.
    private static final int FAILING_ADMIN_ADDRESSES = 10_000;

    @Bean
    AddressLimiter redemptionAddressLimiter(InvitationProperties properties, Clock clock, MeterRegistry meters) {
        InvitationProperties.Redemption redemption = properties.redemption();
        var limiter = new AddressLimiter(redemption.maxRequestsPerAddress(), redemption.addressWindow(),
                redemption.maxTrackedAddresses(), clock);
        Gauge.builder("provisioning.redemption.addresses", limiter, AddressLimiter::trackedAddresses)
                .description("Client addresses the redemption API's per-address limit tracks now").register(meters);
        return limiter;
    }

    @Bean
    FilterRegistrationBean<AddressLimitFilter> redemptionAddressLimit(AddressLimiter redemptionAddressLimiter) {
        var registration = new FilterRegistrationBean<>(new AddressLimitFilter(redemptionAddressLimiter));
        registration.setUrlPatterns(List.of("/api/invitations/*"));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        return registration;
    }

    @Bean
    FilterRegistrationBean<AdminAuthentication> adminAuthentication(InvitationProperties properties, Clock clock) {
        InvitationProperties.Admin admin = properties.admin();
        var failures = new AddressLimiter(admin.maxFailuresPerAddress(), admin.failureWindow(),
                FAILING_ADMIN_ADDRESSES, clock);
        var registration = new FilterRegistrationBean<>(new AdminAuthentication(
                new ApiClients(admin.clients(), properties.adminToken(), admin.clientsFile()), failures));
        registration.setUrlPatterns(List.of("/api/admin/*"));
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

    /**
     * After Boot's own customizers: JSON through a mapper with {@link #READ_CONSTRAINTS} that takes one
     * JSON value per body and whose parse errors name no token of the input (Spring logs those messages, and an unquoted token or
     * password would be one), and no YAML or XML converter even where a library brings one along.
     */
    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    ServerHttpMessageConvertersCustomizer jsonOnly() {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(READ_CONSTRAINTS)
                .errorReportConfiguration(ErrorReportConfiguration.builder()
                        .maxErrorTokenLength(0).maxRawContentLength(0).build())
                .build();
        var json = new JacksonJsonHttpMessageConverter(JsonMapper.builder(factory)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build());
        return builder -> builder.withJsonConverter(json)
                .configureMessageConvertersList(converters -> converters.removeIf(converter ->
                        converter.getSupportedMediaTypes().stream().map(MediaType::getSubtype)
                                .anyMatch(subtype -> subtype.contains("yaml") || subtype.contains("xml"))));
    }
}
