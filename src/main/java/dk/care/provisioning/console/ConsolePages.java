package dk.care.provisioning.console;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;

/** The sign-in page, and the start page each role lands on. */
@Controller
class ConsolePages {

    @GetMapping("/console/login")
    String login() {
        return "console/login";
    }

    @GetMapping("/console")
    String start(@ModelAttribute("userAdmin") boolean userAdmin) {
        return userAdmin ? "redirect:/console/users" : "redirect:/console/operations";
    }
}
