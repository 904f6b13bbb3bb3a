package dk.care.provisioning.console;

import dk.care.provisioning.query.AdminQueries;
import dk.care.provisioning.query.Choice;
import dk.care.provisioning.query.UserSummary;
import dk.care.provisioning.user.Language;
import jakarta.servlet.http.HttpSession;
import java.io.Serializable;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * The pages of a user's changes (Move, Change contact details, Deactivate, and Erase's confirmation),
 * shown from the user's page and again from the request page after the worker rejected the change, with
 * each error at its field. What a person submitted stays in the session, by requestId, for the latter.
 */
@Component
class UserChangePages {

    /** Request fields of a change, by the form field that shows their errors. */
    static final Map<String, String> FORM_FIELDS = Map.of(
            "change.departmentId", "departmentId", "change.roleId", "roleId", "change.name", "name",
            "change.email", "email", "change.phone", "phone", "change.locale", "locale", "change.reason", "reason");
    private static final String SUBMITTED = "console.submitted-changes";

    private final AdminQueries queries;

    UserChangePages(AdminQueries queries) {
        this.queries = queries;
    }

    /** A change the person submitted: of which user, which action, and the form as filled in. */
    record Submission(UUID userId, UserAction action, ChangeForm form) implements Serializable {
    }

    /** The page of {@code action} for {@code user}, with the form as given and the worker's errors, if any. */
    String page(UserSummary user, UserAction action, ChangeForm form, FormErrors errors, Model model) {
        model.addAttribute("u", user);
        model.addAttribute("action", action);
        model.addAttribute("changeForm", form);
        errors.addTo(model);
        switch (action) {
            case MOVE -> {
                model.addAttribute("departments", queries.departments(user.organisationId()));
                model.addAttribute("roles", queries.roles(user.organisationId(), user.userType()));
            }
            case CHANGE_CONTACT -> model.addAttribute("languages",
                    Language.all().stream().map(language -> new Choice(language.code(), language.ownName())).toList());
            case DEACTIVATE, REACTIVATE, ERASE -> {
                // nothing to choose from
            }
        }
        return "console/change-user";
    }

    void remember(HttpSession session, String requestId, Submission submission) {
        SessionMemory.<Submission>remembered(session, SUBMITTED).put(requestId, submission);
    }

    Optional<Submission> submitted(HttpSession session, String requestId) {
        return Optional.ofNullable(SessionMemory.<Submission>remembered(session, SUBMITTED).get(requestId));
    }
}
