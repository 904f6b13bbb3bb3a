package dk.care.provisioning.console;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestMapping;

/** The sign-in page (with a link per OIDC provider), and the start page each role lands on. */
@Controller
class ConsolePages {

    private final List<Provider> providers;

    ConsolePages(ObjectProvider<ClientRegistrationRepository> oidc) {
        List<Provider> found = new ArrayList<>();
        if (oidc.getIfAvailable() instanceof Iterable<?> registrations) {
            for (Object registration : registrations) {
                if (registration instanceof ClientRegistration client) {
                    found.add(new Provider(ConsoleSecurity.OIDC_AUTHORIZATION + "/" + client.getRegistrationId(),
                            client.getClientName()));
                }
            }
        }
        this.providers = List.copyOf(found);
    }

    /** An OIDC provider the sign-in page offers: where sign-in through it starts, and its name. */
    record Provider(String path, String name) {
    }

    @GetMapping("/console/login")
    String login(Model model) {
        model.addAttribute("providers", providers);
        return "console/login";
    }

    /** A sign-in {@link SignInGuard} turned away, with the status it set: the page again, saying why. */
    @RequestMapping(SignInGuard.REFUSED_PATH)
    String refused(@RequestAttribute(name = SignInGuard.REFUSAL, required = false) @Nullable String reason, Model model) {
        model.addAttribute("refused", reason == null ? "limit" : reason);
        return login(model);
    }

    @GetMapping("/console")
    String start(@ModelAttribute("userAdmin") boolean userAdmin) {
        return userAdmin ? "redirect:/console/users" : "redirect:/console/operations";
    }
}
