package dk.care.provisioning.console;

import dk.care.provisioning.query.OperationsFigures;
import java.time.Clock;
import java.time.Instant;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * What operations watch: requests per minute and failures by code over the window, the outbox backlog,
 * invitations by status, and the dead-letter topic with its replay.
 */
@Controller
class OperationsController {

    private final OperationsFigures figures;
    private final DeadLetters deadLetters;
    private final ConsoleProperties properties;
    private final Clock clock;

    OperationsController(OperationsFigures figures, DeadLetters deadLetters, ConsoleProperties properties,
                         Clock clock) {
        this.figures = figures;
        this.deadLetters = deadLetters;
        this.properties = properties;
        this.clock = clock;
    }

    @GetMapping("/console/operations")
    String operations(Model model) {
        OperationsFigures.Figures now = figures.over(properties.operationsWindow());
        model.addAttribute("figures", now);
        model.addAttribute("windowHours", properties.operationsWindow().toMinutes() / 60.0);
        model.addAttribute("chart", MinuteChart.of(now.minutes(), now.since(), Instant.now(clock)));
        model.addAttribute("deadLetters", deadLetters.latest());
        return "console/operations";
    }

    @PostMapping("/console/operations/dead-letters/{partition}/{offset}/replay")
    String replay(@PathVariable int partition, @PathVariable long offset, Authentication person,
                  RedirectAttributes redirect) {
        DeadLetters.Replayed replayed = deadLetters.replay(partition, offset, person.getName());
        redirect.addFlashAttribute("notice", "replay." + replayed.name());
        redirect.addFlashAttribute("noticeRecord", partition + "@" + offset);
        return "redirect:/console/operations";
    }
}
