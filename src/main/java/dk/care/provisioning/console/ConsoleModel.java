package dk.care.provisioning.console;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every console page shows: who is signed in, what they may do, and times in one format. */
@ControllerAdvice(assignableTypes = {ConsolePages.class, CreateUserController.class, UsersController.class,
        OperationsController.class})
class ConsoleModel {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    @ModelAttribute("person")
    @Nullable String person(@Nullable Authentication authentication) {
        return authentication == null ? null : authentication.getName();
    }

    @ModelAttribute("userAdmin")
    boolean userAdmin(@Nullable Authentication authentication) {
        return has(authentication, ConsoleRole.USER_ADMIN);
    }

    @ModelAttribute("operator")
    boolean operator(@Nullable Authentication authentication) {
        return has(authentication, ConsoleRole.OPERATOR);
    }

    @ModelAttribute("times")
    Times times() {
        return Times.INSTANCE;
    }

    private static boolean has(@Nullable Authentication authentication, ConsoleRole role) {
        return authentication != null && authentication.getAuthorities().stream()
                .anyMatch(authority -> role.authority().equals(authority.getAuthority()));
    }

    /** Formats instants for the pages ({@code ${times.format(instant)}}). */
    static final class Times {
        static final Times INSTANCE = new Times();

        public String format(@Nullable Instant instant) {
            return instant == null ? "" : TIME.format(instant);
        }
    }
}
