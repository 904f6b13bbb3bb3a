package dk.care.provisioning.console;

import dk.care.provisioning.invitation.Invitations;
import dk.care.provisioning.organisation.UserType;
import dk.care.provisioning.query.AdminQueries;
import dk.care.provisioning.query.Choice;
import dk.care.provisioning.query.UserFilter;
import dk.care.provisioning.query.UserPage;
import dk.care.provisioning.user.UserStatus;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The users of an organisation, filtered and a page at a time, and a user's page with its history and
 * the invitation's resend and revoke, each audited with the signed-in person.
 */
@Controller
class UsersController {

    private static final Logger log = LoggerFactory.getLogger(UsersController.class);
    private static final int PAGE_SIZE = 25;

    private final AdminQueries queries;
    private final Invitations invitations;

    UsersController(AdminQueries queries, Invitations invitations) {
        this.queries = queries;
        this.invitations = invitations;
    }

    @GetMapping("/console/users")
    String users(@RequestParam(required = false) @Nullable String organisation,
                 @RequestParam(required = false) @Nullable String department,
                 @RequestParam(required = false) @Nullable String type,
                 @RequestParam(required = false) @Nullable String status,
                 @RequestParam(required = false) @Nullable String q,
                 @RequestParam(required = false) @Nullable UUID after, Model model) {
        List<Choice> organisations = queries.organisations();
        String chosen = organisations.stream().map(Choice::id).filter(id -> id.equals(organisation)).findFirst()
                .orElse(organisations.isEmpty() ? "" : organisations.getFirst().id());
        UserFilter filter;
        try {
            filter = UserFilter.parse(department, type, status, q);
        } catch (IllegalArgumentException e) {
            model.addAttribute("badFilter", true);
            filter = UserFilter.none();
        }
        model.addAttribute("organisations", organisations);
        model.addAttribute("organisation", chosen);
        model.addAttribute("departments", chosen.isEmpty() ? List.of() : queries.departments(chosen));
        model.addAttribute("filter", filter);
        model.addAttribute("userTypes", UserType.values());
        model.addAttribute("statuses", UserStatus.values());
        model.addAttribute("after", after);
        model.addAttribute("page", chosen.isEmpty() ? new UserPage(List.of(), null)
                : queries.users(chosen, filter, after, PAGE_SIZE));
        return "console/users";
    }

    @GetMapping("/console/users/{userId}")
    String user(@PathVariable UUID userId, Model model) {
        return queries.user(userId).map(detail -> {
            model.addAttribute("detail", detail);
            return "console/user";
        }).orElse("console/not-found");
    }

    @PostMapping("/console/users/{userId}/invitations/{invitationId}/resend")
    String resend(@PathVariable UUID userId, @PathVariable UUID invitationId, Authentication person,
                  RedirectAttributes redirect) {
        Invitations.Resent resent = invitations.resend(invitationId, person.getName());
        log.info("Console resend of invitation {} by {}: {}", invitationId, person.getName(), resent);
        redirect.addFlashAttribute("notice", switch (resent) {
            case Invitations.Resent.Issued issued -> "resent";
            case Invitations.Resent.NotFound notFound -> "invitationNotFound";
            case Invitations.Resent.AlreadyRedeemed redeemed -> "alreadyRedeemed";
            case Invitations.Resent.LimitReached limit -> "resendLimitReached";
        });
        return "redirect:/console/users/" + userId;
    }

    @PostMapping("/console/users/{userId}/invitations/{invitationId}/revoke")
    String revoke(@PathVariable UUID userId, @PathVariable UUID invitationId, Authentication person,
                  RedirectAttributes redirect) {
        Invitations.Revoked revoked = invitations.revoke(invitationId, person.getName());
        log.info("Console revocation of invitation {} by {}: {}", invitationId, person.getName(), revoked);
        redirect.addFlashAttribute("notice", switch (revoked) {
            case Invitations.Revoked.Done done -> "revoked";
            case Invitations.Revoked.NotFound notFound -> "invitationNotFound";
            case Invitations.Revoked.NotLive notLive -> "notLive";
        });
        return "redirect:/console/users/" + userId;
    }
}
