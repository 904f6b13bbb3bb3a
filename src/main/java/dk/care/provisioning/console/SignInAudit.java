package dk.care.provisioning.console;

import dk.care.provisioning.audit.AuditEntry;
import dk.care.provisioning.audit.AuditOutcome;
import dk.care.provisioning.audit.AuditTrail;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationSuccessHandler;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Every console sign-in in the audit trail ({@code source} {@value #SOURCE}): {@code SIGN_IN_SUCCEEDED} and
 * {@code SIGN_IN_FAILED} (password or OIDC), and {@code SIGN_IN_LIMITED} once when an address or an account
 * runs out of attempts. A failed name is recorded only when it is a configured account: people type their
 * password into the name field, and an unknown name is not worth keeping. Each entry has a request id of
 * its own, since no request on the topic belongs to it; the client address is in the log line.
 */
final class SignInAudit {

    static final String SOURCE = "console-sign-in";
    static final String UNKNOWN_ACCOUNT = "(unknown account)";

    private static final Logger log = LoggerFactory.getLogger(SignInAudit.class);

    private final AuditTrail audit;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final Set<String> accounts;

    SignInAudit(AuditTrail audit, TransactionTemplate transactions, Clock clock, ConsoleProperties properties) {
        this.audit = audit;
        this.transactions = transactions;
        this.clock = clock;
        this.accounts = properties.users().stream().map(user -> SignInGuard.accountKey(user.username()))
                .collect(Collectors.toUnmodifiableSet());
    }

    /** Goes to the start page after a sign-in, as {@code defaultSuccessUrl("/console", true)} would, audited. */
    AuthenticationSuccessHandler onSuccess() {
        var next = new SimpleUrlAuthenticationSuccessHandler("/console");
        next.setAlwaysUseDefaultTargetUrl(true);
        return (HttpServletRequest request, HttpServletResponse response, Authentication authentication) -> {
            record(authentication.getName(), AuditOutcome.SIGN_IN_SUCCEEDED, null, request.getRemoteAddr());
            next.onAuthenticationSuccess(request, response, authentication);
        };
    }

    /** Back to the sign-in page with its error, audited. */
    AuthenticationFailureHandler onFailure() {
        var next = new SimpleUrlAuthenticationFailureHandler("/console/login?error");
        return (HttpServletRequest request, HttpServletResponse response, AuthenticationException failure) -> {
            record(known(request.getParameter("username")), AuditOutcome.SIGN_IN_FAILED, failure.getClass().getSimpleName(),
                    request.getRemoteAddr());
            next.onAuthenticationFailure(request, response, failure);
        };
    }

    /** The first refused attempt of an address or account that has used up its attempts. */
    void limited(String account, String address, String limit) {
        record(known(account), AuditOutcome.SIGN_IN_LIMITED, limit, address);
    }

    private String known(@Nullable String username) {
        String key = SignInGuard.accountKey(username);
        return accounts.contains(key) ? key : UNKNOWN_ACCOUNT;
    }

    private void record(String person, AuditOutcome outcome, @Nullable String reason, String address) {
        log.info("Console sign-in of {} from {}: {}{}", person, address, outcome, reason == null ? "" : " (" + reason + ")");
        transactions.executeWithoutResult(status -> audit.record(new AuditEntry(Instant.now(clock),
                UUID.randomUUID().toString(), SOURCE, person, null, outcome, reason, null)));
    }
}
