package dk.care.provisioning.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.servlet.ModelAndView;

class PagePolicyTest {

    private final PagePolicy policy = new PagePolicy();

    @Test
    void aRenderedPageMayLoadItsOwnScriptsAndStylesOnly() {
        var response = deniedAll();
        policy.postHandle(new MockHttpServletRequest(), response, new Object(), new ModelAndView("registration/form"));

        assertThat(response.getHeader("Content-Security-Policy"))
                .isEqualTo(PagePolicy.CONTENT_SECURITY_POLICY)
                .contains("script-src 'self'", "style-src 'self'", "frame-ancestors 'none'")
                .doesNotContain("unsafe-inline", "*");
    }

    @Test
    void aBodyWrittenByTheHandlerKeepsTheDenyAllPolicy() {
        var response = deniedAll();
        policy.postHandle(new MockHttpServletRequest(), response, new Object(), null);

        assertThat(response.getHeader("Content-Security-Policy")).isEqualTo(SecurityHeaders.CONTENT_SECURITY_POLICY);
    }

    private static MockHttpServletResponse deniedAll() {
        var response = new MockHttpServletResponse();
        response.setHeader("Content-Security-Policy", SecurityHeaders.CONTENT_SECURITY_POLICY);
        return response;
    }
}
