package dk.care.provisioning.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;

/**
 * The content policy of server-rendered pages: their own scripts, styles, images and form targets,
 * nothing inline and nothing from elsewhere. It replaces {@link SecurityHeaders}' deny-all policy
 * only where a view is about to be rendered; a JSON body is already written when this runs, so its
 * answer keeps the deny-all policy.
 */
final class PagePolicy implements HandlerInterceptor {

    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    @Override
    public void postHandle(HttpServletRequest request, HttpServletResponse response, Object handler,
            @Nullable ModelAndView view) {
        if (view != null) {
            response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        }
    }
}
