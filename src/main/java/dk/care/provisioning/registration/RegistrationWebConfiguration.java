package dk.care.provisioning.registration;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * The page's web edge. Spring Security here only guards the forms against cross-site posts: the page
 * signs nobody in. The CSRF token lives in a cookie (double submit), not in a server session, so a
 * form left open for hours still posts: no time pressure, and no session to keep.
 */
@Configuration(proxyBeanMethods = false)
class RegistrationWebConfiguration {

    /** Scripts, styles and images from this origin only; forms post only here; no frames, no base URL. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
    static final String PROBLEM_PATH = "/register/problem";

    @Bean
    SecurityFilterChain registrationPages(HttpSecurity http) throws Exception {
        var csrfCookie = new CookieCsrfTokenRepository();
        csrfCookie.setCookieCustomizer(cookie -> cookie.path("/register").sameSite("Strict"));
        var problemPage = new AccessDeniedHandlerImpl();
        problemPage.setErrorPage(PROBLEM_PATH);
        return http.securityMatcher("/register", "/register/**")
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .csrf(csrf -> csrf.csrfTokenRepository(csrfCookie))
                .exceptionHandling(exceptions -> exceptions.accessDeniedHandler(problemPage))
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .build();
    }

    /** After the public port's own headers, whose policy (JSON only: nothing at all) it replaces for the pages. */
    @Bean
    FilterRegistrationBean<OncePerRequestFilter> registrationContentSecurityPolicy() {
        var registration = new FilterRegistrationBean<OncePerRequestFilter>(new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
                chain.doFilter(request, response);
            }
        });
        registration.setName("registrationContentSecurityPolicy");
        registration.setUrlPatterns(List.of("/register", "/register/*"));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 11);
        return registration;
    }

    @Bean(DispatcherServlet.LOCALE_RESOLVER_BEAN_NAME)
    LocaleResolver localeResolver() {
        return new PageLocaleResolver();
    }
}
