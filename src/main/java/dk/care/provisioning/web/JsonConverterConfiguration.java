package dk.care.provisioning.web;

import org.springframework.boot.http.converter.autoconfigure.ServerHttpMessageConvertersCustomizer;
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
 * The JSON reader of every API of the public port: JSON only, with tight parser limits, and error
 * messages that quote no input.
 */
@Configuration(proxyBeanMethods = false)
class JsonConverterConfiguration {

    /** Bodies of these APIs are flat objects of a few short strings; these bound the parser well above them. */
    static final StreamReadConstraints READ_CONSTRAINTS = StreamReadConstraints.builder()
            .maxNestingDepth(8)
            .maxNameLength(64)
            .maxStringLength(1_024)
            .maxNumberLength(32)
            .maxTokenCount(256)
            .build();

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
