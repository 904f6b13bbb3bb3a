package dk.care.provisioning.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Headers on every answer of the public port, set before anything else runs so that refusals and
 * error pages carry them too. Answers there are about tokens, people and errors, so none may be
 * cached, sniffed as another type, framed, or leak its URL as a referrer. The policy forbids every
 * source: right for JSON; {@link PagePolicy} relaxes it for rendered pages alone. Over HTTPS (directly,
 * or through a TLS proxy listed in {@code server.tomcat.remoteip.internal-proxies}) the answer also tells
 * the browser to use nothing but HTTPS for this host for a year (HSTS), so that a later plain-HTTP link
 * cannot expose the console's session cookie.
 */
final class SecurityHeaders extends OncePerRequestFilter {

    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";
    static final String STRICT_TRANSPORT_SECURITY = "max-age=31536000";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        response.setHeader("X-Frame-Options", "DENY");
        if (request.isSecure()) {
            response.setHeader("Strict-Transport-Security", STRICT_TRANSPORT_SECURITY);
        }
        chain.doFilter(request, response);
    }
}
