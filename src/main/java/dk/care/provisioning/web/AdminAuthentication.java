package dk.care.provisioning.web;

import dk.care.provisioning.access.ApiCaller;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The gate of the admin API, ahead of Spring MVC: 404 while no API client is configured; the bearer
 * token (scheme in any case, RFC 9110 §11.1) of one of the {@link ApiClients}, with wrong tokens limited
 * per client address; and the {@code X-Requested-By} header naming the person the admin UI acts for,
 * handed on with the client and its organisations as the request's {@link ApiCaller}.
 */
final class AdminAuthentication extends OncePerRequestFilter {

    static final String REQUESTED_BY = "X-Requested-By";

    private static final Logger log = LoggerFactory.getLogger(AdminAuthentication.class);
    private static final String BEARER = "Bearer ";
    // A name or e-mail address as an admin UI knows the signed-in person: printable, one line, bounded,
    // so that it can go into a log line and the audit trail as it is.
    private static final Pattern PERSON = Pattern.compile("[^\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}]{1,100}");
    private static final ErrorAnswer TOO_MANY_FAILURES = new ErrorAnswer("TOO_MANY_ATTEMPTS",
            "Too many failed admin tokens from this address. Try again later.");
    private static final ErrorAnswer NO_REQUESTER = new ErrorAnswer("REQUESTED_BY_MISSING",
            "Name the person this request is made for in the " + REQUESTED_BY + " header (1-100 printable characters).");

    private final ApiClients clients;
    private final AttemptLimiter failures;

    AdminAuthentication(ApiClients clients, AttemptLimiter failures) {
        this.clients = clients;
        this.failures = failures;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!clients.any()) {
            response.setStatus(HttpStatus.NOT_FOUND.value());
            return;
        }
        String address = request.getRemoteAddr();
        if (!failures.allows(address)) {
            TOO_MANY_FAILURES.writeTo(response, HttpStatus.TOO_MANY_REQUESTS);
            return;
        }
        String token = bearerToken(request.getHeader(HttpHeaders.AUTHORIZATION));
        Optional<ApiClients.Client> client = token.isEmpty() ? Optional.empty() : clients.byToken(token);
        if (client.isEmpty()) {
            failures.tryAcquire(address);
            log.warn("Admin request with a missing or wrong bearer token from {}", address);
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
            response.setStatus(HttpStatus.UNAUTHORIZED.value());
            return;
        }
        String person = request.getHeader(REQUESTED_BY);
        if (person == null || person.isBlank() || !PERSON.matcher(person).matches()) {
            NO_REQUESTER.writeTo(response, HttpStatus.BAD_REQUEST);
            return;
        }
        request.setAttribute(ApiCaller.ATTRIBUTE, new ApiCaller(person, client.get().name(), address,
                client.get().scope()));
        chain.doFilter(request, response);
    }

    private static String bearerToken(@Nullable String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return "";
        }
        return authorization.substring(BEARER.length()).strip();
    }
}
