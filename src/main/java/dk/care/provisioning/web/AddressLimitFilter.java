package dk.care.provisioning.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A per-address limit of an API, ahead of everything that reads the body: a limited address costs a
 * counter, not a parse. The address is the one Tomcat reports, which only a proxy listed in
 * {@code server.tomcat.remoteip.internal-proxies} can change.
 */
public final class AddressLimitFilter extends OncePerRequestFilter {

    private final AttemptLimiter addresses;
    private final ErrorAnswer refusal;
    private final HttpStatus status;

    /** Refuses with {@code refusal} and {@code status} an address that has used up its budget. */
    public AddressLimitFilter(AttemptLimiter addresses, ErrorAnswer refusal, HttpStatus status) {
        this.addresses = addresses;
        this.refusal = refusal;
        this.status = status;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!addresses.tryAcquire(request.getRemoteAddr()).allowed()) {
            refusal.writeTo(response, status);
            return;
        }
        chain.doFilter(request, response);
    }
}
