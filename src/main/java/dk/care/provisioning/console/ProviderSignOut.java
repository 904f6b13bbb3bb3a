package dk.care.provisioning.console;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.springframework.http.MediaType;
import org.springframework.security.web.DefaultRedirectStrategy;
import org.springframework.security.web.RedirectStrategy;
import org.springframework.web.util.HtmlUtils;

/**
 * How sign-out continues at the OIDC provider: the console's pages allow forms to reach only the console
 * ({@code form-action 'self'}), and browsers hold a redirect after the sign-out form to that rule, so a
 * redirect to the provider's end-session endpoint would be blocked. The answer is a page that navigates
 * there by itself ({@code Refresh}), with a link for anyone whose browser does not; redirects within the
 * console stay redirects.
 */
final class ProviderSignOut implements RedirectStrategy {

    private final RedirectStrategy local = new DefaultRedirectStrategy();

    @Override
    public void sendRedirect(HttpServletRequest request, HttpServletResponse response, String url) throws IOException {
        URI target = URI.create(url);
        if (!target.isAbsolute()) {
            local.sendRedirect(request, response, url);
            return;
        }
        String escaped = HtmlUtils.htmlEscape(url);
        byte[] page = ("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Signing out</title></head><body><main>"
                + "<p><a href=\"" + escaped + "\">Continue signing out</a></p></main></body></html>")
                .getBytes(StandardCharsets.UTF_8);
        response.setStatus(HttpServletResponse.SC_OK);
        response.setHeader("Refresh", "0; url=" + url);
        response.setContentType(MediaType.TEXT_HTML_VALUE + ";charset=UTF-8");
        response.setContentLength(page.length);
        response.getOutputStream().write(page);
    }
}
