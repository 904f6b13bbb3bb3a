package dk.care.provisioning.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import org.springframework.web.servlet.i18n.AcceptHeaderLocaleResolver;

/**
 * The application's locale resolver: the language a page chose for its answer (the registration page
 * picks the person's choice, else the invitation's); every other answer, the console's pages among
 * them, follows {@code Accept-Language}, as without this resolver.
 */
public final class PageLocaleResolver extends AcceptHeaderLocaleResolver {

    private static final String CHOSEN = PageLocaleResolver.class.getName() + ".chosen";

    /** Makes {@code locale} the language of the answer to {@code request}, its views' messages included. */
    public static void choose(HttpServletRequest request, Locale locale) {
        request.setAttribute(CHOSEN, locale);
    }

    @Override
    public Locale resolveLocale(HttpServletRequest request) {
        return request.getAttribute(CHOSEN) instanceof Locale chosen ? chosen : super.resolveLocale(request);
    }
}
