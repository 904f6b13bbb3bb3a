package dk.care.provisioning.console;

import dk.care.provisioning.access.OrganisationScope;
import dk.care.provisioning.access.OutOfScope;
import dk.care.provisioning.invitation.Invitations;
import dk.care.provisioning.lifecycle.ChangeKind;
import dk.care.provisioning.lifecycle.ScheduledChanges;
import dk.care.provisioning.organisation.UserType;
import dk.care.provisioning.query.AdminQueries;
import dk.care.provisioning.query.Choice;
import dk.care.provisioning.query.UserDetail;
import dk.care.provisioning.query.UserFilter;
import dk.care.provisioning.query.UserPage;
import dk.care.provisioning.query.UserSummary;
import dk.care.provisioning.user.UserStatus;
import jakarta.servlet.http.HttpSession;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The users of an organisation, filtered and a page at a time, and a user's page with its history, the
 * invitation's resend and revoke, each audited with the signed-in person, and the changes of the user
 * that make sense in its status (move, contact details, deactivate, reactivate, erase), each published as
 * a {@code ChangeUserRequest} and followed on the request page. Only the person's organisations are
 * offered; a user, invitation or organisation outside them is answered as one that does not exist, and
 * the attempt is audited.
 */
@Controller
class UsersController {

    private static final Logger log = LoggerFactory.getLogger(UsersController.class);
    private static final int PAGE_SIZE = 25;

    private final AdminQueries queries;
    private final Invitations invitations;
    private final RequestPublisher publisher;
    private final UserChangePages changes;
    private final OutOfScope outOfScope;
    private final ConsoleProperties properties;

    UsersController(AdminQueries queries, Invitations invitations, RequestPublisher publisher, UserChangePages changes,
                    OutOfScope outOfScope, ConsoleProperties properties) {
        this.queries = queries;
        this.invitations = invitations;
        this.publisher = publisher;
        this.changes = changes;
        this.outOfScope = outOfScope;
        this.properties = properties;
    }

    @GetMapping("/console/users")
    String users(@RequestParam(required = false) @Nullable String organisation,
                 @RequestParam(required = false) @Nullable String department,
                 @RequestParam(required = false) @Nullable String type,
                 @RequestParam(required = false) @Nullable String status,
                 @RequestParam(required = false) @Nullable String q,
                 @RequestParam(required = false) @Nullable UUID after, Authentication person, Model model) {
        OrganisationScope scope = OrganisationScope.of(person);
        List<Choice> all = queries.organisations();
        List<Choice> organisations = scope.filter(all, Choice::id);
        if (organisation != null && !scope.includes(organisation)
                && all.stream().anyMatch(o -> o.id().equals(organisation))) {
            outOfScope.refused(OutOfScope.Attempt.LIST_USERS, properties.source(), person.getName(), organisation,
                    organisation, null);
        }
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
    String user(@PathVariable UUID userId, Authentication person, Model model) {
        return inScope(userId, person, OutOfScope.Attempt.VIEW_USER).map(detail -> {
            Set<UserAction> offered = UserAction.offeredFor(detail.user().status());
            model.addAttribute("detail", detail);
            model.addAttribute("scheduled", scheduled(detail));
            model.addAttribute("pageActions", offered.stream().filter(UserAction::hasPage).toList());
            model.addAttribute("reactivate", offered.contains(UserAction.REACTIVATE));
            model.addAttribute("invitationActions", detail.user().status() == UserStatus.PENDING_SELF_REGISTRATION);
            return "console/user";
        }).orElse("console/not-found");
    }

    /** The page of a change (a form, or the erasure's confirmation), if the user's status offers it. */
    @GetMapping("/console/users/{userId}/{action}")
    String changePage(@PathVariable UUID userId, @PathVariable String action, Authentication person, Model model,
                      RedirectAttributes redirect) {
        Optional<UserAction> chosen = UserAction.ofPath(action).filter(UserAction::hasPage);
        Optional<UserDetail> detail = chosen.isEmpty() ? Optional.empty()
                : inScope(userId, person, OutOfScope.Attempt.CHANGE_USER);
        if (chosen.isEmpty() || detail.isEmpty()) {
            return "console/not-found";
        }
        UserSummary user = detail.get().user();
        if (!UserAction.offeredFor(user.status()).contains(chosen.get())) {
            return notOffered(userId, redirect);
        }
        return changes.page(user, chosen.get(), ChangeForm.of(user), FormErrors.NONE, model);
    }

    /**
     * Publishes the change as a {@code ChangeUserRequest} against the version the page showed, and opens
     * its request page; a change the user's status does not offer, an erasure not confirmed, or contact
     * details that change nothing are not published.
     */
    @PostMapping("/console/users/{userId}/{action}")
    String change(@PathVariable UUID userId, @PathVariable String action, @ModelAttribute ChangeForm form,
                  Authentication person, HttpSession session, Model model, RedirectAttributes redirect) {
        Optional<UserAction> chosen = UserAction.ofPath(action);
        Optional<UserDetail> detail = chosen.isEmpty() ? Optional.empty()
                : inScope(userId, person, OutOfScope.Attempt.CHANGE_USER);
        if (chosen.isEmpty() || detail.isEmpty()) {
            return "console/not-found";
        }
        UserSummary user = detail.get().user();
        UserAction asked = chosen.get();
        if (!UserAction.offeredFor(user.status()).contains(asked)) {
            return notOffered(userId, redirect);
        }
        if (asked == UserAction.ERASE && !form.isConfirmed()) {
            model.addAttribute("notConfirmed", true);
            return changes.page(user, asked, form, FormErrors.NONE, model);
        }
        UserChange change = form.change(asked, user);
        if (change instanceof UserChange.UpdateContact contact && contact.changesNothing()) {
            model.addAttribute("nothingChanged", true);
            return changes.page(user, asked, form, FormErrors.NONE, model);
        }
        long expectedVersion = form.expectedVersion() == null ? user.version() : form.expectedVersion();
        String requestId;
        try {
            requestId = publisher.publish(userId, user.organisationId(), expectedVersion, change, person.getName());
        } catch (RequestPublisher.PublishFailedException e) {
            if (!asked.hasPage()) {
                redirect.addFlashAttribute("notice", "publishFailed");
                return "redirect:/console/users/" + userId;
            }
            model.addAttribute("publishFailed", true);
            return changes.page(user, asked, form, FormErrors.NONE, model);
        }
        changes.remember(session, requestId, new UserChangePages.Submission(userId, asked, form));
        return "redirect:/console/requests/" + requestId;
    }

    /**
     * Publishes the withdrawal of one of the user's scheduled changes, if the user's page lists it, and
     * opens its request page.
     */
    @PostMapping("/console/users/{userId}/scheduled/{requestId}/cancel")
    String cancelScheduled(@PathVariable UUID userId, @PathVariable String requestId,
                           @RequestParam(required = false) @Nullable Long expectedVersion, Authentication person,
                           RedirectAttributes redirect) {
        Optional<UserDetail> detail = inScope(userId, person, OutOfScope.Attempt.CHANGE_USER);
        if (detail.isEmpty()) {
            return "console/not-found";
        }
        UserSummary user = detail.get().user();
        if (detail.get().scheduled().stream().noneMatch(scheduled -> scheduled.requestId().equals(requestId))) {
            redirect.addFlashAttribute("notice", "scheduledNotFound");
            return "redirect:/console/users/" + userId;
        }
        try {
            return "redirect:/console/requests/" + publisher.publish(userId, user.organisationId(),
                    expectedVersion == null ? user.version() : expectedVersion,
                    new UserChange.CancelScheduled(requestId), person.getName());
        } catch (RequestPublisher.PublishFailedException e) {
            redirect.addFlashAttribute("notice", "publishFailed");
            return "redirect:/console/users/" + userId;
        }
    }

    /** A change of the user accepted for later, as the user's page lists it: a move's target by name. */
    record Scheduled(String requestId, ChangeKind change, Instant dueAt, String by, @Nullable String target) {
    }

    private List<Scheduled> scheduled(UserDetail detail) {
        List<ScheduledChanges.ScheduledChange> pending = detail.scheduled();
        if (pending.isEmpty()) {
            return List.of();
        }
        UserSummary user = detail.user();
        Map<String, String> names = new HashMap<>();
        queries.departments(user.organisationId()).forEach(choice -> names.put(choice.id(), choice.name()));
        queries.roles(user.organisationId(), user.userType()).forEach(choice -> names.put(choice.id(), choice.name()));
        return pending.stream().map(change -> new Scheduled(change.requestId(), change.change(), change.dueAt(),
                change.requestedBy() == null ? change.source() : change.requestedBy() + " via " + change.source(),
                change.departmentId() == null ? null : names.getOrDefault(change.departmentId(), change.departmentId())
                        + ", " + names.getOrDefault(change.roleId(), String.valueOf(change.roleId())))).toList();
    }

    private static String notOffered(UUID userId, RedirectAttributes redirect) {
        redirect.addFlashAttribute("notice", "notOffered");
        return "redirect:/console/users/" + userId;
    }

    @PostMapping("/console/users/{userId}/invitations/{invitationId}/resend")
    String resend(@PathVariable UUID userId, @PathVariable UUID invitationId, Authentication person,
                  RedirectAttributes redirect) {
        Invitations.Resent resent = invitationOf(userId, invitationId, person, OutOfScope.Attempt.RESEND_INVITATION)
                ? invitations.resend(invitationId, person.getName()) : new Invitations.Resent.NotFound();
        log.info("Console resend of invitation {} by {}: {}", invitationId, person.getName(), resent);
        redirect.addFlashAttribute("notice", switch (resent) {
            case Invitations.Resent.Issued issued -> "resent";
            case Invitations.Resent.NotFound notFound -> "invitationNotFound";
            case Invitations.Resent.AlreadyRedeemed redeemed -> "alreadyRedeemed";
            case Invitations.Resent.UserDeactivated deactivated -> "userDeactivated";
            case Invitations.Resent.LimitReached limit -> "resendLimitReached";
        });
        return "redirect:/console/users/" + userId;
    }

    @PostMapping("/console/users/{userId}/invitations/{invitationId}/revoke")
    String revoke(@PathVariable UUID userId, @PathVariable UUID invitationId, Authentication person,
                  RedirectAttributes redirect) {
        Invitations.Revoked revoked = invitationOf(userId, invitationId, person, OutOfScope.Attempt.REVOKE_INVITATION)
                ? invitations.revoke(invitationId, person.getName()) : new Invitations.Revoked.NotFound();
        log.info("Console revocation of invitation {} by {}: {}", invitationId, person.getName(), revoked);
        redirect.addFlashAttribute("notice", switch (revoked) {
            case Invitations.Revoked.Done done -> "revoked";
            case Invitations.Revoked.NotFound notFound -> "invitationNotFound";
            case Invitations.Revoked.NotLive notLive -> "notLive";
        });
        return "redirect:/console/users/" + userId;
    }

    /** The user, if there is one in the person's organisations; one outside them is audited. */
    private Optional<UserDetail> inScope(UUID userId, Authentication person, OutOfScope.Attempt attempt) {
        Optional<UserDetail> user = queries.user(userId);
        if (user.isPresent() && !OrganisationScope.of(person).includes(user.get().user().organisationId())) {
            outOfScope.refused(attempt, properties.source(), person.getName(), userId.toString(),
                    user.get().user().organisationId(), userId);
            return Optional.empty();
        }
        return user;
    }

    /**
     * Whether the invitation belongs to the user of the path, in the person's organisations; an invitation
     * of a user outside them is audited, whichever user the path names.
     */
    private boolean invitationOf(UUID userId, UUID invitationId, Authentication person, OutOfScope.Attempt attempt) {
        Optional<Invitations.Owner> owner = invitations.owner(invitationId);
        if (owner.isPresent() && !OrganisationScope.of(person).includes(owner.get().organisationId())) {
            outOfScope.refused(attempt, properties.source(), person.getName(), invitationId.toString(),
                    owner.get().organisationId(), owner.get().userId());
            return false;
        }
        return owner.isPresent() && owner.get().userId().equals(userId);
    }
}
