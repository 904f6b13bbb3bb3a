package dk.care.provisioning.console;

import dk.care.provisioning.access.OrganisationScope;
import dk.care.provisioning.access.OutOfScope;
import dk.care.provisioning.organisation.UserType;
import dk.care.provisioning.query.AdminQueries;
import dk.care.provisioning.query.Choice;
import dk.care.provisioning.query.RequestState;
import dk.care.provisioning.user.LoginMethod;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Create user, as the article describes it: first the organisation, the user type and the login method;
 * then the department, a role the user type allows, and only that login method's fields. Saving publishes
 * the request to the queue and opens its outcome page, which follows the request until the worker has
 * decided: the new user, or the form again with each error at its field. A change of a user (from the
 * user's page) is followed on the same page: the user as changed, or its form again with the errors.
 */
@Controller
class CreateUserController {

    /** Request fields of the contract, by the form field that shows their errors. */
    private static final Map<String, String> FORM_FIELDS = Map.ofEntries(
            Map.entry("departmentId", "departmentId"), Map.entry("roleId", "roleId"), Map.entry("name", "name"),
            Map.entry("email", "email"), Map.entry("phone", "phone"), Map.entry("externalId", "externalId"),
            Map.entry("locale", "locale"), Map.entry("login.username", "username"),
            Map.entry("login.password", "password"), Map.entry("login.cpr", "cpr"));
    private static final String SUBMITTED = "console.submitted";
    private static final String REFUSED = "console.refused-requests";

    private final AdminQueries queries;
    private final RequestPublisher publisher;
    private final UserChangePages changes;
    private final OutOfScope outOfScope;
    private final ConsoleProperties properties;

    CreateUserController(AdminQueries queries, RequestPublisher publisher, UserChangePages changes,
                         OutOfScope outOfScope, ConsoleProperties properties) {
        this.queries = queries;
        this.publisher = publisher;
        this.changes = changes;
        this.outOfScope = outOfScope;
        this.properties = properties;
    }

    @GetMapping("/console/users/new")
    String form(@RequestParam(required = false) @Nullable String organisation,
                @RequestParam(required = false) @Nullable UserType type,
                @RequestParam(required = false) LoginMethod.@Nullable Kind method, Authentication person,
                Model model) {
        NewUser blank = new NewUser(organisation, null, null, type, method, null, null, null, null, null, null, null,
                false, null);
        return form(blank, FormErrors.NONE, person, model);
    }

    /** Publishes the request if its organisation is one of the person's; any other gets the first step again. */
    @PostMapping("/console/users")
    String create(@ModelAttribute NewUser user, Authentication person, HttpSession session, Model model) {
        if (!choicesMade(user) || organisations(person).stream().noneMatch(o -> o.id().equals(user.organisationId()))) {
            return form(withoutSecrets(user), FormErrors.NONE, person, model);
        }
        String requestId;
        try {
            requestId = publisher.publish(user, person.getName());
        } catch (RequestPublisher.PublishFailedException e) {
            model.addAttribute("publishFailed", true);
            return form(withoutSecrets(user), FormErrors.NONE, person, model);
        } catch (RequestPublisher.SecretsRefusedException e) {
            model.addAttribute("secretsRefused", true);
            return form(withoutSecrets(user), FormErrors.NONE, person, model);
        }
        submissions(session).put(requestId, withoutSecrets(user));
        return "redirect:/console/requests/" + requestId;
    }

    /**
     * The request's outcome, a creation's or a change's: waiting (the page reloads itself), the user as it
     * is now, or the form the person submitted again with its errors.
     */
    @GetMapping("/console/requests/{requestId}")
    String outcome(@PathVariable String requestId, Authentication person, HttpSession session,
                   HttpServletResponse response, Model model) {
        RequestState state = inScope(queries.requestState(requestId), person, session);
        if (state.state() == RequestState.State.PENDING) {
            // The page reloads itself each second until the worker has decided; no script needed.
            response.setHeader("Refresh", "1");
        }
        model.addAttribute("state", state);
        NewUser submitted = submissions(session).get(requestId);
        if (state.state() == RequestState.State.FAILED && submitted != null) {
            return form(submitted, FormErrors.of(state.errors(), FORM_FIELDS), person, model);
        }
        if (state.state() == RequestState.State.FAILED) {
            Optional<String> changePage = changes.submitted(session, requestId)
                    .filter(change -> change.action().hasPage())
                    .flatMap(change -> queries.user(change.userId())
                            .filter(detail -> OrganisationScope.of(person).includes(detail.user().organisationId()))
                            .map(detail -> changes.page(detail.user(), change.action(),
                                    change.form().afterRejection(state.errors(), detail.user().version()),
                                    FormErrors.of(state.errors(), UserChangePages.FORM_FIELDS), model)));
            if (changePage.isPresent()) {
                return changePage.get();
            }
        }
        if (state.userId() != null) {
            model.addAttribute("user", queries.user(state.userId()).map(detail -> detail.user()).orElse(null));
        }
        return "console/request";
    }

    /**
     * The form; an organisation named outside the person's (in the form or its link) gets the answer an
     * organisation that does not exist gets, the first step without it, and is audited.
     */
    private String form(NewUser user, FormErrors errors, Authentication person, Model model) {
        List<Choice> organisations = organisations(person);
        String named = user.organisationId();
        if (named != null && organisations.stream().noneMatch(o -> o.id().equals(named))
                && queries.organisations().stream().anyMatch(o -> o.id().equals(named))) {
            outOfScope.refused(OutOfScope.Attempt.CREATE_USER, properties.source(), person.getName(), named, named,
                    null);
        }
        model.addAttribute("organisations", organisations);
        model.addAttribute("userTypes", UserType.values());
        model.addAttribute("loginMethods", LoginMethod.Kind.values());
        model.addAttribute("newUser", user);
        errors.addTo(model);
        boolean chosen = choicesMade(user) && organisations.stream().anyMatch(o -> o.id().equals(user.organisationId()));
        model.addAttribute("step", chosen ? 2 : 1);
        if (chosen) {
            String organisationId = Objects.requireNonNull(user.organisationId());
            model.addAttribute("organisationName", organisations.stream()
                    .filter(o -> o.id().equals(organisationId)).findFirst().map(Choice::name).orElse(organisationId));
            model.addAttribute("departments", queries.departments(organisationId));
            model.addAttribute("roles", queries.roles(organisationId, Objects.requireNonNull(user.userType())));
        }
        return "console/new-user";
    }

    /** The person's organisations: the only ones the form offers and accepts. */
    private List<Choice> organisations(Authentication person) {
        return OrganisationScope.of(person).filter(queries.organisations(), Choice::id);
    }

    /** The state of a request in the person's organisations; of one outside them, audited, that of an unknown one. */
    private RequestState inScope(RequestState state, Authentication person, HttpSession session) {
        if (state.state() == RequestState.State.PENDING) {
            return state;
        }
        String organisationId = queries.requestOrganisation(state.requestId());
        if (OrganisationScope.of(person).includes(organisationId)) {
            return state;
        }
        // A "pending" page reloads itself each second: one entry per request and session, not one a second.
        if (SessionMemory.remembered(session, REFUSED).put(state.requestId(), Boolean.TRUE) == null) {
            outOfScope.refused(OutOfScope.Attempt.VIEW_REQUEST, properties.source(), person.getName(), state.requestId(),
                    organisationId, state.userId());
        }
        return RequestState.pending(state.requestId());
    }

    private static boolean choicesMade(NewUser user) {
        return user.organisationId() != null && !user.organisationId().isBlank() && user.userType() != null
                && user.loginMethod() != null;
    }

    /** What the form shows again after a rejection: everything but the password and the CPR number. */
    private static NewUser withoutSecrets(NewUser user) {
        return new NewUser(user.organisationId(), user.departmentId(), user.roleId(), user.userType(),
                user.loginMethod(), user.name(), user.email(), user.phone(), user.externalId(), user.locale(),
                user.username(), null, user.mustChangePassword(), null);
    }

    /** The person's latest submissions without their secrets, by requestId, in the session. */
    private static Map<String, NewUser> submissions(HttpSession session) {
        return SessionMemory.remembered(session, SUBMITTED);
    }
}
