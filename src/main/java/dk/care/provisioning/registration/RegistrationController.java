package dk.care.provisioning.registration;

import dk.care.provisioning.invitation.Redemptions;
import dk.care.provisioning.invitation.Redemptions.Refusal;
import dk.care.provisioning.invitation.Redemptions.Result;
import dk.care.provisioning.invitation.RefusalStatus;
import dk.care.provisioning.user.CredentialRules;
import dk.care.provisioning.user.Language;
import dk.care.provisioning.user.PasswordPolicy;
import dk.care.provisioning.user.Username;
import dk.care.provisioning.user.Violation;
import dk.care.provisioning.web.PageLocaleResolver;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The registration page, one screen per step: the start page that takes the token from the link's
 * fragment (its script posts it; without a script the person pastes it), the form, and the pages
 * of the outcome. Every post counts against the client address, with the redemption API's budget.
 */
@Controller
@RequestMapping("/register")
class RegistrationController {

    private final Redemptions redemptions;
    private final CredentialRules credentials;

    RegistrationController(Redemptions redemptions, CredentialRules credentials) {
        this.redemptions = redemptions;
        this.credentials = credentials;
    }

    /** The token as posted by the start page, a language switch, or the form's hidden field. */
    record TokenForm(@Nullable String token, @Nullable String lang) {

        @Override
        public String toString() {
            return "TokenForm[token=<redacted>, lang=" + lang + "]";
        }
    }

    /** The form: the hidden token, the chosen language, and what the person chose. */
    record RegistrationForm(@Nullable String token, @Nullable String lang, @Nullable String username,
                            @Nullable String password) {

        @Override
        public String toString() {
            return "RegistrationForm[token=<redacted>, lang=" + lang + ", username=" + username
                    + ", password=<redacted>]";
        }
    }

    /** A field's problem: the message key and its argument, shown at the field and in the summary. */
    record Problem(String field, String message, @Nullable Object argument) {

        public Object[] arguments() {
            return argument == null ? new Object[0] : new Object[] {argument};
        }
    }

    @GetMapping
    String start(@RequestParam(required = false) @Nullable String lang, HttpServletRequest request, Model model) {
        Language language = Language.first(Stream.concat(Stream.of(lang), browser(request)));
        page(request, model, language, null);
        // Only a language the person chose on this page goes along: otherwise the invitation's own decides.
        model.addAttribute("chosen", lang == null ? null : language.code());
        return "registration/start";
    }

    @PostMapping("/open")
    String open(TokenForm form, HttpServletRequest request, HttpServletResponse response, Model model) {
        String token = InvitationCode.tokenIn(form.token());
        if (!redemptions.admitsRequestFrom(request.getRemoteAddr())) {
            return refused(Refusal.TOO_MANY_ATTEMPTS, form.lang(), token, request, response, model);
        }
        return showForm(redemptions.lookup(token), token, form.lang(), null, List.of(), request, response, model);
    }

    @PostMapping
    String register(RegistrationForm form, HttpServletRequest request, HttpServletResponse response, Model model) {
        if (!redemptions.admitsRequestFrom(request.getRemoteAddr())) {
            return refused(Refusal.TOO_MANY_ATTEMPTS, form.lang(), form.token(), request, response, model);
        }
        return switch (redemptions.redeem(form.token(), form.username(), form.password())) {
            case Result.Redeemed redeemed -> {
                page(request, model, Language.first(Stream.concat(Stream.of(form.lang()), browser(request))), null);
                model.addAttribute("username", redeemed.username());
                yield "registration/done";
            }
            case Result.Refused refused ->
                    refused(refused.refusal(), form.lang(), form.token(), request, response, model);
            // The form again, greeting as before: a look-up also tells whether the token survived this failure.
            case Result.Invalid invalid -> showForm(redemptions.lookup(form.token()), form.token(), form.lang(),
                    form.username(), problems(invalid.violations()), request, response, model);
        };
    }

    /** Where Spring Security sends a post without a valid CSRF token (a form from elsewhere, or no cookies). */
    @RequestMapping("/problem")
    String problem(@RequestParam(required = false) @Nullable String lang, HttpServletRequest request,
                   HttpServletResponse response, Model model) {
        response.setStatus(HttpStatus.FORBIDDEN.value());
        page(request, model, Language.first(Stream.concat(Stream.of(lang), browser(request))), null);
        return "registration/problem";
    }

    private String showForm(Result.Lookup lookup, @Nullable String token, @Nullable String lang,
                            @Nullable String username, List<Problem> problems, HttpServletRequest request,
                            HttpServletResponse response, Model model) {
        return switch (lookup) {
            case Result.Found found -> {
                page(request, model, Language.first(Stream.concat(Stream.of(lang, found.locale()), browser(request))),
                        token);
                model.addAttribute("firstName", found.firstName());
                model.addAttribute("organisation", found.organisationName());
                model.addAttribute("username", username);
                model.addAttribute("problems", problems);
                model.addAttribute("passwordMinLength", credentials.passwordMinimumLength());
                model.addAttribute("passwordMaxLength", PasswordPolicy.MAXIMUM_LENGTH);
                model.addAttribute("usernameMinLength", Username.MIN_LENGTH);
                model.addAttribute("usernameMaxLength", Username.MAX_LENGTH);
                if (!problems.isEmpty()) {
                    response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
                }
                yield "registration/form";
            }
            case Result.Refused refused -> refused(refused.refusal(), lang, token, request, response, model);
        };
    }

    private String refused(Refusal refusal, @Nullable String lang, @Nullable String token, HttpServletRequest request,
                           HttpServletResponse response, Model model) {
        response.setStatus(RefusalStatus.of(refusal).value());
        page(request, model, Language.first(Stream.concat(Stream.of(lang), browser(request))), token);
        model.addAttribute("refusal", refusal.name());
        return "registration/refused";
    }

    /** What every page needs: its language (also for the view's messages), the switch, and the token to carry. */
    private static void page(HttpServletRequest request, Model model, Language language, @Nullable String token) {
        PageLocaleResolver.choose(request, language.locale());
        model.addAttribute("language", language.code());
        model.addAttribute("languages", Language.all());
        model.addAttribute("token", token);
    }

    /** The browser's languages; none without an Accept-Language header (the servlet API would name the server's). */
    private static Stream<@Nullable String> browser(HttpServletRequest request) {
        if (request.getHeader("Accept-Language") == null) {
            return Stream.empty();
        }
        return Collections.list(request.getLocales()).stream().map(Locale::toLanguageTag);
    }

    /** One problem per field, the first rule to fix, as the redemption named it (a weak password by its weakness). */
    private static List<Problem> problems(List<Violation> violations) {
        return Stream.of("username", "password")
                .flatMap(field -> violations.stream().filter(violation -> field.equals(violation.field())).limit(1))
                .map(violation -> new Problem(violation.field(), "error." + violation.field() + "." + violation.rule().name(),
                        violation.rule().limit()))
                .toList();
    }
}
