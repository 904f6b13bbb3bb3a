package dk.care.provisioning.web;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The public port's shared edge: {@link SecurityHeaders} ahead of every filter, {@link PagePolicy}
 * on rendered pages, the locale resolver every page's messages follow, and the base security chain.
 */
@Configuration(proxyBeanMethods = false)
class WebEdgeConfiguration implements WebMvcConfigurer {

    @Bean
    FilterRegistrationBean<SecurityHeaders> securityHeaders() {
        var registration = new FilterRegistrationBean<>(new SecurityHeaders());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new PagePolicy());
    }

    @Bean(DispatcherServlet.LOCALE_RESOLVER_BEAN_NAME)
    LocaleResolver localeResolver() {
        return new PageLocaleResolver();
    }

    /**
     * The last chain: everything not claimed by a feature's own chain. Nobody signs in here — the
     * JSON APIs authenticate with their own tokens, ahead of this chain — but every form posted to a
     * page must carry the CSRF token its page was rendered with. The APIs need none: the redemption API
     * takes only {@code application/json}, which no cross-site form can send without a CORS preflight
     * this application never grants, and the admin API wants a bearer token no browser adds by itself.
     * Spring Security's header writers are off because {@link SecurityHeaders} has already written
     * stricter ones.
     */
    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    SecurityFilterChain publicEdge(HttpSecurity http) throws Exception {
        return http
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .csrf(csrf -> csrf.ignoringRequestMatchers("/api/**", "/actuator/**"))
                .headers(headers -> headers.disable())
                .requestCache(cache -> cache.disable())
                .build();
    }
}
