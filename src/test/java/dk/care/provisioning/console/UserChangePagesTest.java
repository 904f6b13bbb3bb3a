package dk.care.provisioning.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import dk.care.provisioning.access.OutOfScope;
import dk.care.provisioning.invitation.Invitations;
import dk.care.provisioning.lifecycle.ChangeKind;
import dk.care.provisioning.lifecycle.ScheduledChanges;
import dk.care.provisioning.organisation.UserType;
import dk.care.provisioning.query.AdminQueries;
import dk.care.provisioning.query.Choice;
import dk.care.provisioning.query.UserDetail;
import dk.care.provisioning.query.UserSummary;
import dk.care.provisioning.user.UserStatus;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.spring6.view.ThymeleafViewResolver;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * The user's page and its change pages as the console renders them (the real controller, templates and
 * texts; the query side and the publisher stood in for): which changes each status offers, the erasure's
 * confirmation that names the person, and what is published — or, for a change that makes no sense or
 * is not confirmed, not published.
 */
class UserChangePagesTest {

    private static final Pattern ACTION_BUTTON = Pattern.compile("id=\"action-([a-z-]+)\"");
    private static final UsernamePasswordAuthenticationToken ANNA = new UsernamePasswordAuthenticationToken("anna",
            null, AuthorityUtils.createAuthorityList("ROLE_USER_ADMIN", "ORG_demo-care"));

    private final AdminQueries queries = mock(AdminQueries.class);
    private final RequestPublisher publisher = mock(RequestPublisher.class);
    private final OutOfScope outOfScope = mock(OutOfScope.class);
    private final MockMvc console = console();

    @Test
    void theUserPageOffersExactlyTheChangesTheStatusAllows() throws Exception {
        for (UserStatus status : UserStatus.values()) {
            UserSummary user = known(ConsoleUsers.jensHansen(status));

            String page = body(console.perform(as(get("/console/users/" + user.userId()))).andReturn());

            Set<String> offered = UserAction.offeredFor(status).stream().map(UserAction::path).collect(Collectors.toSet());
            assertThat(buttons(page)).as(status.name()).isEqualTo(offered);
        }
    }

    @Test
    void theUserPageListsTheChangesScheduledForLaterAndCancelsOnlyOneItLists() throws Exception {
        UserSummary jens = ConsoleUsers.jensHansen(UserStatus.ACTIVE);
        when(queries.user(jens.userId())).thenReturn(Optional.of(new UserDetail(jens, List.of(), List.of(
                new ScheduledChanges.ScheduledChange("move-later", ChangeKind.MOVE, Instant.parse("2027-01-01T07:00:00Z"),
                        "hr-sync", "Hanne HR", Instant.parse("2026-12-01T10:00:00Z"), "demo-care.nursing-home",
                        "demo-care.relative")))));
        when(queries.departments("demo-care")).thenReturn(List.of(new Choice("demo-care.nursing-home", "Nursing home")));
        when(queries.roles("demo-care", UserType.RELATIVE)).thenReturn(List.of(new Choice("demo-care.relative", "Relative")));

        String page = body(console.perform(as(get("/console/users/" + jens.userId()))).andReturn());

        assertThat(page).contains("Scheduled changes", "2027-01-01 07:00:00 UTC", "<td>Move</td>",
                "<td>Nursing home, Relative</td>", "<td>Hanne HR via hr-sync</td>", "move-later",
                "/console/users/" + jens.userId() + "/scheduled/move-later/cancel");

        when(publisher.publish(jens.userId(), "demo-care", 7, new UserChange.CancelScheduled("move-later"), "anna"))
                .thenReturn("cancel-1");
        assertThat(console.perform(as(post("/console/users/" + jens.userId() + "/scheduled/move-later/cancel"))
                .param("expectedVersion", "7")).andReturn().getResponse().getRedirectedUrl())
                .isEqualTo("/console/requests/cancel-1");
        MvcResult unknown = console.perform(as(post("/console/users/" + jens.userId() + "/scheduled/no-such/cancel"))
                .param("expectedVersion", "7")).andReturn();
        assertThat(unknown.getFlashMap().get("notice")).isEqualTo("scheduledNotFound");
        verify(publisher, times(1)).publish(any(UUID.class), anyString(), anyLong(), any(UserChange.class), anyString());
    }

    @Test
    void theErasurePageNamesThePersonAndPublishesOnlyOnceTheAdministratorConfirms() throws Exception {
        UserSummary jens = known(ConsoleUsers.jensHansen(UserStatus.DEACTIVATED));
        String path = "/console/users/" + jens.userId() + "/erase";

        String page = body(console.perform(as(get(path))).andReturn());
        assertThat(page).contains("<h1>Erase Jens Hansen?</h1>", "This cannot be undone.",
                "Yes, erase the personal data of Jens Hansen", "name=\"confirmed\"", "value=\"7\"");
        assertThat(body(console.perform(as(get(path)).header("Accept-Language", "da")).andReturn()))
                .contains("<h1>Slet Jens Hansen?</h1>", "Det kan ikke fortrydes.");

        String unconfirmed = body(console.perform(as(post(path)).param("expectedVersion", "7")).andReturn());
        assertThat(unconfirmed).contains("Tick the box to confirm the erasure.", "aria-invalid=\"true\"");
        verify(publisher, never()).publish(any(UUID.class), anyString(), anyLong(), any(UserChange.class), anyString());

        when(publisher.publish(jens.userId(), "demo-care", 7, new UserChange.Erase(), "anna")).thenReturn("erase-1");
        MvcResult confirmed = console.perform(as(post(path)).param("expectedVersion", "7").param("confirmed", "true"))
                .andReturn();
        assertThat(confirmed.getResponse().getRedirectedUrl()).isEqualTo("/console/requests/erase-1");
    }

    @Test
    void aMoveOffersTheOrganisationsActiveDepartmentsAndTheRolesTheUserTypeAllowsAndPublishesTheChoice()
            throws Exception {
        UserSummary jens = known(ConsoleUsers.jensHansen(UserStatus.PENDING_SELF_REGISTRATION));
        when(queries.departments("demo-care")).thenReturn(List.of(new Choice("demo-care.home-care", "Home care"),
                new Choice("demo-care.nursing-home", "Nursing home")));
        when(queries.roles("demo-care", UserType.RELATIVE)).thenReturn(List.of(new Choice("demo-care.relative", "Relative")));
        String path = "/console/users/" + jens.userId() + "/move";

        String page = body(console.perform(as(get(path))).andReturn());
        assertThat(page).contains("<h1>Move Jens Hansen</h1>", "<option value=\"demo-care.nursing-home\">Nursing home</option>",
                "<option value=\"demo-care.relative\" selected=\"selected\">Relative</option>");

        when(publisher.publish(jens.userId(), "demo-care", 7, new UserChange.Move("demo-care.nursing-home",
                "demo-care.relative"), "anna")).thenReturn("move-1");
        assertThat(console.perform(as(post(path)).param("expectedVersion", "7")
                .param("departmentId", "demo-care.nursing-home").param("roleId", "demo-care.relative")).andReturn()
                .getResponse().getRedirectedUrl()).isEqualTo("/console/requests/move-1");
    }

    @Test
    void contactDetailsThatChangeNothingAreNotSent() throws Exception {
        UserSummary jens = known(ConsoleUsers.jensHansen(UserStatus.ACTIVE));
        String path = "/console/users/" + jens.userId() + "/change-contact";

        String page = body(console.perform(as(post(path)).param("expectedVersion", "7").param("name", "Jens Hansen")
                .param("phone", "+4520123456").param("locale", "da")).andReturn());

        assertThat(page).contains("Nothing was changed, so nothing was sent.");
        verify(publisher, never()).publish(any(UUID.class), anyString(), anyLong(), any(UserChange.class), anyString());
    }

    @Test
    void aChangeTheStatusDoesNotOfferIsNeitherShownNorPublished() throws Exception {
        UserSummary leaver = known(ConsoleUsers.jensHansen(UserStatus.DEACTIVATED));
        UserSummary erased = known(ConsoleUsers.jensHansen(UserStatus.ERASED));

        for (MockHttpServletRequestBuilder request : List.of(get("/console/users/" + leaver.userId() + "/move"),
                post("/console/users/" + leaver.userId() + "/deactivate"),
                post("/console/users/" + erased.userId() + "/reactivate"),
                post("/console/users/" + erased.userId() + "/erase").param("confirmed", "true"))) {
            MvcResult refused = console.perform(as(request)).andReturn();
            assertThat(refused.getResponse().getRedirectedUrl()).startsWith("/console/users/");
            assertThat(refused.getFlashMap().get("notice")).isEqualTo("notOffered");
        }
        verify(publisher, never()).publish(any(UUID.class), anyString(), anyLong(), any(UserChange.class), anyString());
    }

    @Test
    void aUserOfAnotherOrganisationIsAnsweredAsAnUnknownOneAndTheAttemptAudited() throws Exception {
        UserSummary omsorg = ConsoleUsers.jensHansen(UserStatus.DEACTIVATED);
        UserSummary other = known(new UserSummary(omsorg.userId(), omsorg.requestId(), "demo-omsorg",
                "demo-omsorg.hemtjanst", "Hemtjänst", "demo-omsorg.relative", "Anhörig", omsorg.userType(),
                omsorg.loginMethod(), omsorg.status(), omsorg.version(), omsorg.name(), omsorg.email(), omsorg.phone(),
                null, null, "sv", omsorg.createdAt(), null));
        UUID nobody = UUID.randomUUID();
        when(queries.user(nobody)).thenReturn(Optional.empty());

        for (String action : List.of("erase", "reactivate")) {
            MvcResult refused = console.perform(as(post("/console/users/" + other.userId() + "/" + action))
                    .param("confirmed", "true")).andReturn();
            MvcResult unknown = console.perform(as(post("/console/users/" + nobody + "/" + action))
                    .param("confirmed", "true")).andReturn();
            assertThat(body(refused)).contains("Not found").isEqualTo(body(unknown));
        }
        verify(outOfScope, times(2)).refused(eq(OutOfScope.Attempt.CHANGE_USER),
                eq("admin-console"), eq("anna"), eq(other.userId().toString()), eq("demo-omsorg"), eq(other.userId()));
        verify(publisher, never()).publish(any(UUID.class), anyString(), anyLong(), any(UserChange.class), anyString());
    }

    private UserSummary known(UserSummary user) {
        when(queries.user(user.userId())).thenReturn(Optional.of(new UserDetail(user, List.of(), List.of())));
        return user;
    }

    private static MockHttpServletRequestBuilder as(MockHttpServletRequestBuilder request) {
        return request.principal(ANNA);
    }

    private static String body(MvcResult result) throws Exception {
        return result.getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    private static Set<String> buttons(String page) {
        Matcher button = ACTION_BUTTON.matcher(page);
        Set<String> found = new HashSet<>();
        while (button.find()) {
            found.add(button.group(1));
        }
        return found;
    }

    private MockMvc console() {
        var templates = new ClassLoaderTemplateResolver();
        templates.setPrefix("templates/");
        templates.setSuffix(".html");
        templates.setTemplateMode(TemplateMode.HTML);
        templates.setCharacterEncoding("UTF-8");
        var texts = new ResourceBundleMessageSource();
        texts.setBasenames("i18n/console");
        texts.setDefaultEncoding("UTF-8");
        texts.setFallbackToSystemLocale(false);
        var engine = new SpringTemplateEngine();
        engine.setTemplateResolver(templates);
        engine.setTemplateEngineMessageSource(texts);
        var views = new ThymeleafViewResolver();
        views.setTemplateEngine(engine);
        views.setCharacterEncoding("UTF-8");
        var properties = new Binder(new MapConfigurationPropertySource(Map.of()))
                .bindOrCreate("provisioning.console", ConsoleProperties.class);
        var controller = new UsersController(queries, mock(Invitations.class), publisher, new UserChangePages(queries),
                outOfScope, properties);
        return MockMvcBuilders.standaloneSetup(controller).setControllerAdvice(new ConsoleModel())
                .setViewResolvers(views).build();
    }
}
