package dk.care.provisioning.importer;

import static org.assertj.core.api.Assertions.assertThat;

import dk.care.provisioning.importer.SyncPlan.Action;
import dk.care.provisioning.importer.SyncPlan.Change;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class SyncPlanTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 12, 8);
    private static final ZoneId COPENHAGEN = ZoneId.of("Europe/Copenhagen");

    private final Map<String, CurrentUser> users = new HashMap<>();

    @Test
    void aRowWithoutAUserIsCreatedAndOneThatStartsLaterWaitsForItsDay() {
        SyncPlan plan = plan();

        assertThat(plan.row(desired("1", "home-care", "caregiver"))).extracting(SyncPlan.Step::action)
                .containsExactly(Action.CREATE);
        assertThat(plan.row(withDates(desired("2", "home-care", "caregiver"), TODAY.plusDays(1), null)))
                .singleElement().satisfies(step -> {
                    assertThat(step.action()).isEqualTo(Action.NOT_STARTED);
                    assertThat(step.change()).isNull();
                    assertThat(step.details()).contains("2026-12-09");
                });
        assertThat(plan.row(withDates(desired("3", "home-care", "caregiver"), null, TODAY.minusDays(1))))
                .extracting(SyncPlan.Step::action).containsExactly(Action.UNCHANGED);
    }

    @Test
    void aRowLikeItsUserSendsNothing() {
        user("1", "home-care", "caregiver", CurrentUser.Status.ACTIVE);

        assertThat(plan().row(desired("1", "home-care", "caregiver"))).singleElement()
                .satisfies(step -> assertThat(step.action()).isEqualTo(Action.UNCHANGED));
    }

    @Test
    void aMoverIsMovedAndAChangedContactUpdatedWithFromAndTo() {
        user("1", "home-care", "caregiver", CurrentUser.Status.ACTIVE);
        var row = new SyncPlan.Desired("1", "nursing-home", "caregiver", "Person 1", "new@example.org", null,
                "da", null, null);

        List<SyncPlan.Step> steps = plan().row(row);

        assertThat(steps).extracting(SyncPlan.Step::action).containsExactly(Action.MOVE, Action.UPDATE_CONTACT);
        assertThat(steps.get(0).change()).isEqualTo(new Change.Move("nursing-home", "caregiver"));
        assertThat(steps.get(0).details()).isEqualTo("departmentId home-care → nursing-home");
        assertThat(steps.get(1).change()).isEqualTo(new Change.UpdateContact(null, "new@example.org", null, null));
        assertThat(steps.get(1).details()).isEqualTo("email p1@example.org → new@example.org");
        assertThat(steps).allSatisfy(step -> assertThat(step.userId()).isEqualTo("user-1"));
    }

    @Test
    void aBlankCellLeavesTheFieldAsItIs() {
        user("1", "home-care", "caregiver", CurrentUser.Status.ACTIVE);

        assertThat(plan().row(new SyncPlan.Desired("1", "home-care", "caregiver", null, null, null, null, null, null)))
                .extracting(SyncPlan.Step::action).containsExactly(Action.UNCHANGED);
    }

    @Test
    void aPastEndDateDeactivatesNowAndAFutureOneIsScheduledForTheDayAfter() {
        user("1", "home-care", "caregiver", CurrentUser.Status.ACTIVE);
        user("2", "home-care", "caregiver", CurrentUser.Status.ACTIVE);
        SyncPlan plan = plan();

        SyncPlan.Step left = plan.row(withDates(desired("1", "home-care", "caregiver"), null, TODAY.minusDays(1))).getFirst();
        SyncPlan.Step leaving = plan.row(withDates(desired("2", "home-care", "caregiver"), null, LocalDate.of(2026, 12, 31)))
                .getFirst();

        assertThat(left.action()).isEqualTo(Action.DEACTIVATE);
        assertThat(left.effectiveAt()).isNull();
        assertThat(leaving.action()).isEqualTo(Action.DEACTIVATE);
        assertThat(leaving.effectiveAt()).isEqualTo(ZonedDateTime.of(2027, 1, 1, 0, 0, 0, 0, COPENHAGEN).toInstant());
    }

    @Test
    void aDeactivatedUserBackInTheFileIsReactivatedThenMovedAndOneWhoStartsLaterOnTheirStartDay() {
        user("1", "home-care", "caregiver", CurrentUser.Status.DEACTIVATED);
        user("2", "home-care", "caregiver", CurrentUser.Status.DEACTIVATED);
        user("3", "home-care", "caregiver", CurrentUser.Status.DEACTIVATED);
        SyncPlan plan = plan();

        assertThat(plan.row(desired("1", "nursing-home", "caregiver"))).extracting(SyncPlan.Step::action)
                .containsExactly(Action.REACTIVATE, Action.MOVE);
        assertThat(plan.row(withDates(desired("2", "home-care", "caregiver"), LocalDate.of(2027, 1, 4), null)))
                .singleElement().satisfies(step -> {
                    assertThat(step.action()).isEqualTo(Action.REACTIVATE);
                    assertThat(step.effectiveAt())
                            .isEqualTo(ZonedDateTime.of(2027, 1, 4, 0, 0, 0, 0, COPENHAGEN).toInstant());
                });
        assertThat(plan.row(withDates(desired("3", "home-care", "caregiver"), null, TODAY.minusDays(3))))
                .extracting(SyncPlan.Step::action).containsExactly(Action.UNCHANGED);
    }

    @Test
    void leaversAreTheActiveUsersOfTheSourceNoRowNamedAndNeverAUserOfAnotherSource() {
        user("1", "home-care", "caregiver", CurrentUser.Status.ACTIVE);
        user("2", "home-care", "caregiver", CurrentUser.Status.ACTIVE);
        user("3", "home-care", "caregiver", CurrentUser.Status.DEACTIVATED);
        users.put("4", current("4", "home-care", "caregiver", CurrentUser.Status.ACTIVE, "admin-ui"));
        users.put("5", current("5", "home-care", "caregiver", CurrentUser.Status.ACTIVE, null));
        users.put("6", current("6", "home-care", "caregiver", CurrentUser.Status.ACTIVE, "hr-payroll"));
        SyncPlan plan = plan();
        plan.present("1");
        plan.present("6");

        List<SyncPlan.Step> leavers = plan.leavers("not in the file");

        assertThat(leavers).extracting(SyncPlan.Step::externalId).containsExactly("2");
        assertThat(leavers.getFirst().change()).isEqualTo(new Change.Deactivate("not in the file"));
        assertThat(plan.activeUsersOfSource()).isEqualTo(3);
        assertThat(plan.usersWithoutSource()).isEqualTo(1);
    }

    @Test
    void theSamePlanGivesTheSameRequestIdsAndAChangedUserNewOnes() {
        user("1", "home-care", "caregiver", CurrentUser.Status.ACTIVE);
        var row = withDates(desired("1", "nursing-home", "caregiver"), null, LocalDate.of(2026, 12, 31));

        List<SyncPlan.Step> first = plan().row(row);
        List<SyncPlan.Step> again = plan().row(row);
        users.put("1", new CurrentUser("user-1", 8, "other", "caregiver", CurrentUser.Status.ACTIVE, "Person 1",
                "p1@example.org", null, null, "1", "hr-payroll"));
        List<SyncPlan.Step> afterAChange = plan().row(row);

        assertThat(again).extracting(SyncPlan.Step::requestId).isEqualTo(first.stream().map(SyncPlan.Step::requestId).toList());
        assertThat(afterAChange.getFirst().requestId()).isNotEqualTo(first.getFirst().requestId());
        // The scheduled Deactivate keeps its id while the user changes otherwise: sent again, it is stored once.
        assertThat(afterAChange.getLast().requestId()).isEqualTo(first.getLast().requestId());
        assertThat(first).extracting(SyncPlan.Step::requestId).doesNotHaveDuplicates();
    }

    @Test
    void aChangeAnEarlierRunScheduledIsNotSentAgainAndAChangedDateReplacesIt() {
        user("1", "home-care", "caregiver", CurrentUser.Status.ACTIVE);
        user("2", "home-care", "caregiver", CurrentUser.Status.ACTIVE);
        user("3", "home-care", "caregiver", CurrentUser.Status.ACTIVE);
        LocalDate end = LocalDate.of(2026, 12, 31);
        SyncPlan yesterday = plan();
        List<SyncPlan.Scheduled> scheduled = new java.util.ArrayList<>();
        for (String externalId : List.of("1", "2", "3")) {
            SyncPlan.Step step = yesterday.row(withDates(desired(externalId, "home-care", "caregiver"), null, end)).getFirst();
            scheduled.add(new SyncPlan.Scheduled(step.userId(), step.action(), step.effectiveAt(), step.requestId()));
        }
        SyncPlan today = plan().scheduledBefore(scheduled);

        List<SyncPlan.Step> same = today.row(withDates(desired("1", "home-care", "caregiver"), null, end));
        List<SyncPlan.Step> later = today.row(withDates(desired("2", "home-care", "caregiver"), null, end.plusMonths(1)));
        List<SyncPlan.Step> noEnd = today.row(desired("3", "home-care", "caregiver"));

        assertThat(same).singleElement().satisfies(step -> {
            assertThat(step.scheduledBefore()).isTrue();
            assertThat(step.sends()).isFalse();
        });
        assertThat(later).extracting(SyncPlan.Step::action).containsExactly(Action.CANCEL_SCHEDULED, Action.DEACTIVATE);
        assertThat(later.getFirst().change()).isEqualTo(new Change.CancelScheduled(scheduled.get(1).requestId()));
        assertThat(later).allMatch(SyncPlan.Step::sends);
        assertThat(noEnd).extracting(SyncPlan.Step::action).containsExactly(Action.CANCEL_SCHEDULED);
        assertThat(noEnd.getFirst().change()).isEqualTo(new Change.CancelScheduled(scheduled.get(2).requestId()));
    }

    private SyncPlan plan() {
        return new SyncPlan("hr-payroll", "demo-care", Map.copyOf(users), TODAY, COPENHAGEN, 1);
    }

    private void user(String externalId, String department, String role, CurrentUser.Status status) {
        users.put(externalId, current(externalId, department, role, status, "hr-payroll"));
    }

    private static CurrentUser current(String externalId, String department, String role, CurrentUser.Status status,
                                       @Nullable String source) {
        return new CurrentUser("user-" + externalId, 3, department, role, status, "Person " + externalId,
                "p" + externalId + "@example.org", null, null, externalId, source);
    }

    private static SyncPlan.Desired desired(String externalId, String department, String role) {
        return new SyncPlan.Desired(externalId, department, role, "Person " + externalId,
                "p" + externalId + "@example.org", null, null, null, null);
    }

    private static SyncPlan.Desired withDates(SyncPlan.Desired row, @Nullable LocalDate start, @Nullable LocalDate end) {
        return new SyncPlan.Desired(row.externalId(), row.departmentId(), row.roleId(), row.name(), row.email(),
                row.phone(), row.locale(), start, end);
    }
}
