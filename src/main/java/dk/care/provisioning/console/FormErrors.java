package dk.care.provisioning.console;

import dk.care.provisioning.query.RequestState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.ui.Model;

/**
 * The worker's violations of a request as a form shows them: each at its field where the form has one
 * (the templates' {@code fieldErrors}), and every one in the summary at the top ({@code errors}), linking
 * to its field.
 */
record FormErrors(Map<String, List<RequestState.Error>> atFields, List<Summary> summary) {

    static final FormErrors NONE = new FormErrors(Map.of(), List.of());

    /** An error of the summary: its code, the form field it links to (if shown), the worker's message. */
    record Summary(String code, @Nullable String anchor, String message) {
    }

    /** The errors, placed by {@code formFields}: the form field that shows each request field's errors. */
    static FormErrors of(List<RequestState.Error> errors, Map<String, String> formFields) {
        Map<String, List<RequestState.Error>> atFields = new LinkedHashMap<>();
        List<Summary> summary = new ArrayList<>();
        for (RequestState.Error error : errors) {
            String field = error.field() == null ? null : formFields.get(error.field());
            if (field != null) {
                atFields.computeIfAbsent(field, f -> new ArrayList<>()).add(error);
            }
            summary.add(new Summary(error.code(), field, error.message()));
        }
        return new FormErrors(atFields, summary);
    }

    void addTo(Model model) {
        model.addAttribute("fieldErrors", atFields);
        model.addAttribute("errors", summary);
    }
}
