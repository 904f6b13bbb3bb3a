package dk.care.provisioning.invitation;

import dk.care.provisioning.web.ErrorAnswer;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The per-address limit of the redemption API, ahead of everything that reads the body: a limited
 * address costs a counter increment, not a parse. The address is the one Tomcat reports, which
 * only a proxy listed in {@code server.tomcat.remoteip.internal-proxies} can change.
 */
final class AddressLimitFilter extends OncePerRequestFilter {

    private static final Redemptions.Refusal LIMITED = Redemptions.Refusal.TOO_MANY_ATTEMPTS;
    private static final ErrorAnswer TOO_MANY_ATTEMPTS = new ErrorAnswer(LIMITED.name(),
            RedemptionController.messageOf(LIMITED));

    private final AddressLimiter addresses;

    AddressLimitFilter(AddressLimiter addresses) {
        this.addresses = addresses;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!addresses.tryAcquire(request.getRemoteAddr())) {
            TOO_MANY_ATTEMPTS.writeTo(response, RefusalStatus.of(LIMITED));
            return;
        }
        chain.doFilter(request, response);
    }
}
