package dk.care.provisioning.console;

import dk.care.provisioning.web.AttemptLimiter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * What a password sign-in must pass before its password is hashed: the budget of its client address,
 * then that of its account name ({@link AttemptLimiter}), then a free place among the Argon2id
 * verifications allowed at once, waited for briefly. A refusal answers 429 (a budget is used up) or 503
 * (all verification places stayed taken), with the sign-in page and {@code Retry-After}, and costs no hash.
 * The address is the one Tomcat reports, which only a proxy listed in
 * {@code server.tomcat.remoteip.internal-proxies} can change.
 */
final class SignInGuard extends OncePerRequestFilter {

    /** Where a refused attempt is forwarded, to be answered with the sign-in page and its reason. */
    static final String REFUSED_PATH = "/console/login/refused";
    /** The request attribute naming the reason: {@code limit} or {@code busy}. */
    static final String REFUSAL = "signInRefused";

    private static final int MAX_ACCOUNT_KEY = 100;

    private final AttemptLimiter addresses;
    private final AttemptLimiter accounts;
    private final Semaphore verifications;
    private final SignInProperties properties;
    private final SignInAudit audit;

    SignInGuard(AttemptLimiter addresses, AttemptLimiter accounts, SignInProperties properties, SignInAudit audit) {
        this.addresses = addresses;
        this.accounts = accounts;
        this.verifications = new Semaphore(properties.maxConcurrentVerifications());
        this.properties = properties;
        this.audit = audit;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !(HttpMethod.POST.matches(request.getMethod()) && "/console/login".equals(request.getServletPath()));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String address = request.getRemoteAddr();
        String account = accountKey(request.getParameter("username"));
        AttemptLimiter.Decision byAddress = addresses.tryAcquire(address);
        AttemptLimiter.Decision byAccount = byAddress.allowed() ? accounts.tryAcquire(account) : byAddress;
        if (!byAccount.allowed()) {
            if (byAccount == AttemptLimiter.Decision.REFUSED_FIRST) {
                audit.limited(account, address, byAddress.allowed() ? "ACCOUNT_LIMIT" : "ADDRESS_LIMIT");
            }
            refuse(request, response, HttpStatus.TOO_MANY_REQUESTS, "limit",
                    properties.window().dividedBy(byAddress.allowed() ? properties.maxAttemptsPerAccount()
                            : properties.maxAttemptsPerAddress()).toSeconds());
            return;
        }
        boolean acquired;
        try {
            acquired = verifications.tryAcquire(properties.verificationWait().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            acquired = false;
        }
        if (!acquired) {
            refuse(request, response, HttpStatus.SERVICE_UNAVAILABLE, "busy", 1);
            return;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            verifications.release();
        }
    }

    /** Verifications running now, for tests and metrics. */
    int verificationsRunning() {
        return properties.maxConcurrentVerifications() - verifications.availablePermits();
    }

    private static void refuse(HttpServletRequest request, HttpServletResponse response, HttpStatus status,
                               String reason, long retryAfterSeconds) throws ServletException, IOException {
        response.setStatus(status.value());
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, retryAfterSeconds)));
        request.setAttribute(REFUSAL, reason);
        request.getRequestDispatcher(REFUSED_PATH).forward(request, response);
    }

    /** The account name as the limiter counts it: case and surrounding space do not make another account. */
    static String accountKey(@Nullable String username) {
        String key = username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
        return key.length() > MAX_ACCOUNT_KEY ? key.substring(0, MAX_ACCOUNT_KEY) : key;
    }
}
