package dk.care.provisioning.registration;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;

/**
 * The page's web edge. Spring Security here only guards the forms against cross-site posts: the page
 * signs nobody in. The CSRF token lives in a cookie (double submit), not in a server session, so a
 * form left open for hours still posts: no time pressure, and no session to keep.
 */
@Configuration(proxyBeanMethods = false)
class RegistrationWebConfiguration {

    static final String PROBLEM_PATH = "/register/problem";

    /** Ahead of the web module's last chain, which would keep the CSRF token in a session. */
    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE - 100)
    SecurityFilterChain registrationPages(HttpSecurity http) throws Exception {
        var csrfCookie = new CookieCsrfTokenRepository();
        csrfCookie.setCookieCustomizer(cookie -> cookie.path("/register").sameSite("Strict"));
        var problemPage = new AccessDeniedHandlerImpl();
        problemPage.setErrorPage(PROBLEM_PATH);
        return http.securityMatcher("/register", "/register/**")
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .csrf(csrf -> csrf.csrfTokenRepository(csrfCookie))
                .exceptionHandling(exceptions -> exceptions.accessDeniedHandler(problemPage))
                // The web module's SecurityHeaders and PagePolicy have written stricter ones.
                .headers(headers -> headers.disable())
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .build();
    }
}
