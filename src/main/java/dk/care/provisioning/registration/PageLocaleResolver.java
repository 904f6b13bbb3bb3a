package dk.care.provisioning.registration;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import org.springframework.web.servlet.i18n.AcceptHeaderLocaleResolver;

/**
 * The language a page of this feature chose for its answer (the person's choice, else the
 * invitation's); every other answer follows {@code Accept-Language}, as without this resolver.
 */
final class PageLocaleResolver extends AcceptHeaderLocaleResolver {

    private static final String CHOSEN = PageLocaleResolver.class.getName() + ".chosen";

    static void choose(HttpServletRequest request, Language language) {
        request.setAttribute(CHOSEN, language.locale());
    }

    @Override
    public Locale resolveLocale(HttpServletRequest request) {
        return request.getAttribute(CHOSEN) instanceof Locale chosen ? chosen : super.resolveLocale(request);
    }
}
