package dk.care.provisioning.console;

import dk.care.provisioning.access.OrganisationScope;
import dk.care.provisioning.access.OutOfScope;
import dk.care.provisioning.query.OperationsFigures;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * What operations watch: requests per minute and failures by code over the window, the outbox backlog,
 * invitations by status, and the dead-letter topic with its replay. The figures are those of the
 * person's organisations; the outbox and the dead letters, which belong to no known organisation, are
 * for people granted all organisations only (a replay by anyone else is answered as one of a dead
 * letter that does not exist, and audited).
 */
@Controller
class OperationsController {

    private final OperationsFigures figures;
    private final DeadLetters deadLetters;
    private final ConsoleProperties properties;
    private final OutOfScope outOfScope;
    private final Clock clock;

    OperationsController(OperationsFigures figures, DeadLetters deadLetters, ConsoleProperties properties,
                         OutOfScope outOfScope, Clock clock) {
        this.figures = figures;
        this.deadLetters = deadLetters;
        this.properties = properties;
        this.outOfScope = outOfScope;
        this.clock = clock;
    }

    @GetMapping("/console/operations")
    String operations(Authentication person, Model model) {
        OrganisationScope scope = OrganisationScope.of(person);
        OperationsFigures.Figures now = figures.over(properties.operationsWindow(), scope);
        model.addAttribute("figures", now);
        model.addAttribute("windowHours", properties.operationsWindow().toMinutes() / 60.0);
        model.addAttribute("chart", MinuteChart.of(now.minutes(), now.since(), Instant.now(clock)));
        model.addAttribute("allOrganisations", scope.all());
        model.addAttribute("deadLetters", scope.all() ? deadLetters.latest() : List.of());
        return "console/operations";
    }

    @PostMapping("/console/operations/dead-letters/{partition}/{offset}/replay")
    String replay(@PathVariable int partition, @PathVariable long offset, Authentication person,
                  RedirectAttributes redirect) {
        DeadLetters.Replayed replayed;
        if (OrganisationScope.of(person).all()) {
            replayed = deadLetters.replay(partition, offset, person.getName());
        } else {
            outOfScope.refused(OutOfScope.Attempt.REPLAY_DEAD_LETTER, properties.source(), person.getName(),
                    partition + "@" + offset, null, null);
            replayed = DeadLetters.Replayed.NOT_FOUND;
        }
        redirect.addFlashAttribute("notice", "replay." + replayed.name());
        redirect.addFlashAttribute("noticeRecord", partition + "@" + offset);
        return "redirect:/console/operations";
    }
}
